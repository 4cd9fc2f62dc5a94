import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Turns the registry's challenges into Authorization headers: Basic with the (possibly
/// provider-supplied) credentials, or Bearer tokens fetched from the challenge's realm per
/// scope. Credentials from a provider are fetched once and kept for the session.
actor RegistryAuthenticator {
    private let registry: String
    private let credentials: RegistryCredentials
    private let httpClient: HTTPClient
    private var resolvedCredentials: BasicCredentials?
    private var challenge: RegistryAuthChallenge?
    private var bearerTokens: [String: String] = [:]

    init(registry: String, credentials: RegistryCredentials, httpClient: HTTPClient) {
        self.registry = registry
        self.credentials = credentials
        self.httpClient = httpClient
    }

    /// The header to send for `scope`, or nil before any challenge was seen (or for anonymous Basic).
    func authorization(scope: String) async throws -> String? {
        guard let challenge else { return nil }
        switch challenge.scheme {
        case .basic:
            return try await basicCredentials()?.basicHeader
        case .bearer:
            if let token = bearerTokens[scope] { return "Bearer " + token }
            let token = try await fetchToken(challenge: challenge, scope: scope)
            bearerTokens[scope] = token
            return "Bearer " + token
        case .other(let name):
            throw RegistryError.authenticationFailed(registry: registry, username: nil, detail: "unsupported auth scheme '\(name)'")
        }
    }

    /// Handles a 401. Returns normally when a retry with fresh authorization may succeed
    /// (first challenge seen, or an expired Bearer token); throws when the credentials were refused.
    func unauthorized(wwwAuthenticate: String?, scope: String, sentAuthorization: String?, body: [UInt8], alreadyRefreshed: Bool) async throws {
        guard let header = wwwAuthenticate, let parsed = RegistryAuthChallenge(header: header) else {
            throw RegistryError.authenticationFailed(registry: registry, username: try await username(), detail: "HTTP 401 without a usable WWW-Authenticate challenge")
        }
        if sentAuthorization == nil || challenge?.scheme != parsed.scheme {
            challenge = parsed
            if sentAuthorization == nil { return }
        }
        if parsed.scheme == .bearer && !alreadyRefreshed {
            bearerTokens[scope] = nil
            challenge = parsed
            return
        }
        let detail = RegistryErrorBody.summary(body)
        throw RegistryError.authenticationFailed(registry: registry, username: try await username(), detail: "HTTP 401" + (detail.isEmpty ? "" : " \(detail)"))
    }

    private func username() async throws -> String? {
        try await basicCredentials()?.username
    }

    private func basicCredentials() async throws -> BasicCredentials? {
        if let resolvedCredentials { return resolvedCredentials }
        switch credentials {
        case .anonymous: return nil
        case .basic(let basic): resolvedCredentials = basic
        case .provider(let provider): resolvedCredentials = try await provider()
        }
        return resolvedCredentials
    }

    private struct TokenResponse: Decodable {
        let token: String?
        let access_token: String?
    }

    /// The Bearer token flow: GET realm?service=&scope= with Basic credentials when we have them.
    private func fetchToken(challenge: RegistryAuthChallenge, scope: String) async throws -> String {
        guard let realm = challenge.realm, var components = URLComponents(string: realm) else {
            throw RegistryError.authenticationFailed(registry: registry, username: nil, detail: "Bearer challenge without a realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.service { query.append(URLQueryItem(name: "service", value: service)) }
        if !scope.isEmpty { query.append(URLQueryItem(name: "scope", value: scope)) }
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.string else { throw RegistryError.invalidURL(realm) }
        var request = HTTPClientRequest(url: url)
        let basic = try await basicCredentials()
        if let basic { request.headers.add(name: "Authorization", value: basic.basicHeader) }
        let response = try await httpClient.execute(request, timeout: .seconds(30))
        let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
        guard response.status == .ok else {
            if response.status == .unauthorized || response.status == .forbidden {
                throw RegistryError.authenticationFailed(registry: registry, username: basic?.username, detail: "token service \(components.host ?? realm) answered HTTP \(response.status.code)")
            }
            throw RegistryError.unexpectedStatus(operation: "GET token from \(components.host ?? realm)", status: Int(response.status.code), detail: RegistryErrorBody.summary(body))
        }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(body)), let token = decoded.token ?? decoded.access_token else {
            throw RegistryError.authenticationFailed(registry: registry, username: basic?.username, detail: "token service answered without a token")
        }
        return token
    }
}
