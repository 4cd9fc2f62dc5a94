import AWSSigV4
import FoundationEssentials

/// ECS (and EKS Pod Identity) container credentials: GET the agent's endpoint, read
/// `{"AccessKeyId","SecretAccessKey","Token","Expiration"}`.
/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is a path on 169.254.170.2;
/// AWS_CONTAINER_CREDENTIALS_FULL_URI is a whole URL, allowed over plain http only to
/// loopback or the ECS/EKS agent addresses (credentials must not cross a network in clear),
/// with an `Authorization` value from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or _TOKEN.
public struct ContainerCredentialProvider: AWSCredentialProvider {
    public let environment: AWSEnvironment
    public let transport: HTTPTransport
    public var timeout: Duration = .seconds(2)
    /// Attempts per fetch: the agent can be briefly busy when a task starts.
    public var attempts: Int = 3

    static let ecsAgentHost = "169.254.170.2"
    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    public init(environment: AWSEnvironment, transport: HTTPTransport = .shared) {
        self.environment = environment
        self.transport = transport
    }

    public var name: String { "ECS container credentials" }

    public func provide() async throws -> ProvidedCredentials? {
        guard let (url, variable) = try endpoint() else { return nil }
        let source = "ECS container credentials (\(variable) → \(HTTPTransport.origin(of: url)))"
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let authorization = try authorization(source: source) { headers.append(("Authorization", authorization)) }

        var lastError: any Error = AWSCredentialsError.sourceFailed(source: source, reason: "no attempt made")
        for attempt in 1...max(1, attempts) {
            do {
                let response = try await transport.send(method: "GET", url: url, headers: headers, body: [],
                                                         timeout: timeout, endpointSource: variable)
                guard response.status == 200 else {
                    throw AWSCredentialsError.sourceFailed(source: source, reason: "the endpoint answered HTTP \(response.status)")
                }
                return ProvidedCredentials(credentials: try MetadataCredentialsDocument.parse(response.body, source: source),
                                           source: source)
            } catch let error as AWSTransportError {
                lastError = AWSCredentialsError.sourceFailed(source: source, reason: error.description)
            } catch let error as AWSCredentialsError {
                // A 5xx may pass; a 4xx (bad token) will not.
                if case .sourceFailed(_, let reason) = error, reason.contains("HTTP 5") {
                    lastError = error
                } else {
                    throw error
                }
            }
            if attempt < attempts { try await Task.sleep(for: .milliseconds(100 * attempt)) }
        }
        throw lastError
    }

    /// The URL to ask and the variable that set it; `nil` when neither variable is set.
    func endpoint() throws -> (String, String)? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            return ("http://\(Self.ecsAgentHost)\(path)", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let components = URLComponents(string: full), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw AWSCredentialsError.incomplete(source: name, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        if scheme == "http", !Self.isAllowedHTTPHost(host) {
            throw AWSCredentialsError.incomplete(
                source: name,
                reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI host '\(host)' is not allowed over http (loopback or the ECS/EKS agent only)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw AWSCredentialsError.incomplete(source: name, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI must be http or https")
        }
        return (full, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
    }

    static func isAllowedHTTPHost(_ host: String) -> Bool {
        if allowedHTTPHosts.contains(host.lowercased()) { return true }
        if host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private func authorization(source: String) throws -> String? {
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            let path = environment.expandingTilde(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw AWSCredentialsError.sourceFailed(
                    source: source, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(environment.displayPath(path))")
            }
            return text.trimmingWhitespace()
        }
        return environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    }
}

/// The JSON document ECS agents and IMDS answer with.
enum MetadataCredentialsDocument {
    static func parse(_ body: [UInt8], source: String) throws -> AWSCredentials {
        guard let document = try? JSONValue(parsing: body),
              let accessKey = document["AccessKeyId"]?.string,
              let secretKey = document["SecretAccessKey"]?.string
        else {
            throw AWSCredentialsError.sourceFailed(source: source, reason: "the answer is not a credentials document")
        }
        if let code = document["Code"]?.string, code != "Success" {
            throw AWSCredentialsError.sourceFailed(source: source, reason: "the answer's Code is \(code)")
        }
        return AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                              sessionToken: document["Token"]?.string,
                              expiration: document["Expiration"]?.string.flatMap(ISO8601Timestamp.parse))
    }
}
