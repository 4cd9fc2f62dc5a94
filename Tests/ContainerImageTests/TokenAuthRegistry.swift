@testable import ContainerImage
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A second real registry (the `docker-registry` binary) configured for Bearer token auth,
/// with the token service it trusts: an HTTP endpoint that checks Basic credentials and
/// issues ES256 JWTs carrying its certificate (x5c) and the requested repository access —
/// the flow Docker Hub, GHCR and Harbor use.
final class TokenAuthRegistry: Sendable {
    static let service = "tps-test-registry"
    static let issuer = "tps-test-issuer"

    let url: String
    let username: String
    let password: String
    private let registry: ChildProcess
    private let tokenServer: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let tokenTask: Task<Void, Never>
    let directory: TemporaryDirectory

    struct StartFailed: Error, CustomStringConvertible { let description: String }

    private init(url: String, username: String, password: String, registry: ChildProcess,
                 tokenServer: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
                 tokenTask: Task<Void, Never>, directory: TemporaryDirectory) {
        self.url = url
        self.username = username
        self.password = password
        self.registry = registry
        self.tokenServer = tokenServer
        self.tokenTask = tokenTask
        self.directory = directory
    }

    static func start() async throws -> TokenAuthRegistry {
        let directory = try TemporaryDirectory("token-registry")
        try TestBinaries.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                                  "-keyout", directory.file("key.pem"), "-out", directory.file("cert.pem"),
                                                  "-subj", "/CN=tps-test-token-issuer", "-days", "1"])
        let key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: directory.file("key.pem"), encoding: .utf8))
        let certificatePEM = try String(contentsOfFile: directory.file("cert.pem"), encoding: .utf8)
        let certificateDER = certificatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let username = "bearer-user"
        let password = "bearer-pw-\(UUID().uuidString.prefix(8))"
        let issuer = JWTIssuer(key: key, certificateBase64: certificateDER, username: username, password: password)

        let tokenServer = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let tokenPort = tokenServer.channel.localAddress?.port ?? 0
        let tokenTask = Task<Void, Never> {
            _ = try? await tokenServer.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await issuer.serve(connection) }
                        }
                    } catch {}
                }
            }
        }

        let registryPort = try freePort()
        let config = """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: \(directory.file("data"))
        http:
          addr: 127.0.0.1:\(registryPort)
        auth:
          token:
            realm: http://127.0.0.1:\(tokenPort)/token
            service: \(service)
            issuer: \(Self.issuer)
            rootcertbundle: \(directory.file("cert.pem"))
        """
        try config.write(toFile: directory.file("config.yml"), atomically: true, encoding: .utf8)
        let registry = try ChildProcess(executable: "/usr/bin/docker-registry", arguments: ["serve", directory.file("config.yml")],
                                        environment: ["PATH": "/usr/bin:/bin"], logPath: directory.file("registry.log"))
        let url = "http://127.0.0.1:\(registryPort)"
        let started = TokenAuthRegistry(url: url, username: username, password: password, registry: registry,
                                        tokenServer: tokenServer, tokenTask: tokenTask, directory: directory)
        for _ in 0..<100 {
            if let response = try? await HTTPClientShim.status(url + "/v2/"), response == 401 { return started }
            guard registry.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        await started.stop()
        throw StartFailed(description: "docker-registry with token auth did not start: \(HealthProbe.tail(directory.file("registry.log")))")
    }

    func stop() async {
        registry.signal(SIGTERM)
        while registry.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        try? await tokenServer.channel.close()
        tokenTask.cancel()
    }

    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The token endpoint: Basic credentials in, a signed JWT granting the asked scope out.
struct JWTIssuer: Sendable {
    let key: P256.Signing.PrivateKey
    let certificateBase64: String
    let username: String
    let password: String

    func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let requestHead): head = requestHead
                case .body: break
                case .end:
                    guard let request = head else { continue }
                    let (status, body) = answer(request)
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: "application/json")
                    headers.add(name: "Content-Length", value: String(body.utf8.count))
                    try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
                    try await outbound.write(.end(nil))
                }
            }
        }
    }

    func answer(_ request: HTTPRequestHead) -> (HTTPResponseStatus, String) {
        let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        guard request.headers.first(name: "Authorization") == expected else {
            return (.unauthorized, #"{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}"#)
        }
        let query = URLComponents(string: request.uri)?.queryItems ?? []
        let service = query.first { $0.name == "service" }?.value ?? ""
        var access: [[String: Any]] = []
        for scope in query.filter({ $0.name == "scope" }).compactMap(\.value) {
            let parts = scope.split(separator: ":")
            guard parts.count == 3 else { continue }
            access.append(["type": String(parts[0]), "name": String(parts[1]), "actions": parts[2].split(separator: ",").map(String.init)])
        }
        let now = Int(Date().timeIntervalSince1970)
        let claims: [String: Any] = ["iss": TokenAuthRegistry.issuer, "sub": username, "aud": service, "iat": now, "nbf": now - 10,
                                     "exp": now + 300, "jti": UUID().uuidString, "access": access]
        let header: [String: Any] = ["typ": "JWT", "alg": "ES256", "x5c": [certificateBase64]]
        do {
            let signingInput = try Self.base64URL(JSONSerialization.data(withJSONObject: header)) + "." + Self.base64URL(JSONSerialization.data(withJSONObject: claims))
            let signature = try key.signature(for: Data(signingInput.utf8)).rawRepresentation
            let token = signingInput + "." + Self.base64URL(signature)
            return (.ok, #"{"token":"\#(token)","access_token":"\#(token)","expires_in":300}"#)
        } catch {
            return (.internalServerError, #"{"errors":[{"code":"UNKNOWN","message":"signing failed"}]}"#)
        }
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

import AsyncHTTPClient

/// Status of a plain GET, for waiting until a server answers.
enum HTTPClientShim {
    static func status(_ url: String) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }
}
