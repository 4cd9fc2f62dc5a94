import AWSSigV4
import FoundationEssentials

/// EC2 instance role credentials over IMDSv2: PUT a session token, GET the role name, GET
/// the role's credentials, each GET carrying the token. No IMDSv1 fallback (v1 answers any
/// request that reaches it, which is what SSRF attacks use).
/// Off with AWS_EC2_METADATA_DISABLED=true; the endpoint can be moved with
/// AWS_EC2_METADATA_SERVICE_ENDPOINT or the profile's `ec2_metadata_service_endpoint`.
public struct InstanceMetadataCredentialProvider: AWSCredentialProvider {
    public let environment: AWSEnvironment
    public let profile: Profile?
    public let transport: HTTPTransport

    static let defaultEndpoint = "http://169.254.169.254"
    static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"
    static let tokenTTLSeconds = 21600

    public init(environment: AWSEnvironment, profile: Profile?, transport: HTTPTransport = .shared) {
        self.environment = environment
        self.profile = profile
        self.transport = transport
    }

    public var name: String { "EC2 instance metadata (IMDSv2)" }

    /// The endpoint and whether the user set it (then failures are errors, not "not on EC2").
    var endpoint: (url: String, explicit: Bool, source: String) {
        if let url = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] {
            return (Self.trimmed(url), true, "AWS_EC2_METADATA_SERVICE_ENDPOINT")
        }
        if let url = profile?["ec2_metadata_service_endpoint"] {
            return (Self.trimmed(url), true, "profile '\(profile?.name ?? "")' ec2_metadata_service_endpoint")
        }
        let mode = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? profile?["ec2_metadata_service_endpoint_mode"]
        return (mode?.lowercased() == "ipv6" ? Self.defaultIPv6Endpoint : Self.defaultEndpoint, false, "default")
    }

    /// AWS_METADATA_SERVICE_TIMEOUT seconds (default 1): an off-EC2 machine must not wait long.
    var timeout: Duration {
        .milliseconds(Int((Double(environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? "") ?? 1) * 1000))
    }

    public func provide() async throws -> ProvidedCredentials? {
        if environment.flag("AWS_EC2_METADATA_DISABLED") == true { return nil }
        let endpoint = self.endpoint
        let source = "EC2 instance metadata (IMDSv2, \(HTTPTransport.origin(of: endpoint.url)))"
        do {
            let token = try await fetch("PUT", endpoint.url + "/latest/api/token",
                                        headers: [("X-aws-ec2-metadata-token-ttl-seconds", "\(Self.tokenTTLSeconds)")],
                                        source: endpoint.source)
            guard token.status == 200, let tokenText = String(bytes: token.body, encoding: .utf8) else {
                return try unavailable(endpoint.explicit, source, "the token request answered HTTP \(token.status)")
            }
            let tokenHeader = [(name: "X-aws-ec2-metadata-token", value: tokenText)]
            let rolesPath = endpoint.url + "/latest/meta-data/iam/security-credentials/"
            let roles = try await fetch("GET", rolesPath, headers: tokenHeader, source: endpoint.source)
            if roles.status == 404 { return nil }  // an instance without a role: nothing to give
            guard roles.status == 200,
                  let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
            else {
                return try unavailable(endpoint.explicit, source, "the role listing answered HTTP \(roles.status)")
            }
            let credentials = try await fetch("GET", rolesPath + SigV4PercentEncoding.encode(String(role)),
                                              headers: tokenHeader, source: endpoint.source)
            guard credentials.status == 200 else {
                throw AWSCredentialsError.sourceFailed(
                    source: source, reason: "the credentials request answered HTTP \(credentials.status)")
            }
            return ProvidedCredentials(
                credentials: try MetadataCredentialsDocument.parse(credentials.body, source: source),
                source: "EC2 instance metadata (IMDSv2, role \(role))")
        } catch let error as AWSTransportError {
            return try unavailable(endpoint.explicit, source, error.description)
        }
    }

    private func fetch(_ method: String, _ url: String, headers: [(name: String, value: String)],
                       source: String) async throws -> AWSHTTPResponse {
        try await transport.send(method: method, url: url, headers: headers, body: [], timeout: timeout,
                                 endpointSource: source)
    }

    /// Off EC2 the default endpoint does not answer: that means "not configured". An endpoint
    /// the user set must answer.
    private func unavailable(_ explicit: Bool, _ source: String, _ reason: String) throws -> ProvidedCredentials? {
        if explicit { throw AWSCredentialsError.sourceFailed(source: source, reason: reason) }
        return nil
    }

    private static func trimmed(_ url: String) -> String {
        var url = url.trimmingWhitespace()
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
