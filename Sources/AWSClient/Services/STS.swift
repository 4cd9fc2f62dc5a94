import AWSSigV4
import FoundationEssentials

/// AWS Security Token Service (Query protocol): who am I, and role credentials.
public struct STS: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct CallerIdentity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userId: String
    }

    /// Temporary credentials from AssumeRole / AssumeRoleWithWebIdentity.
    public struct AssumedRole: Sendable, Equatable {
        public var credentials: AWSCredentials
        public var assumedRoleArn: String?
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await client.query(.sts, "GetCallerIdentity")
        return CallerIdentity(account: result.string("Account") ?? "", arn: result.string("Arn") ?? "",
                              userId: result.string("UserId") ?? "")
    }

    public func assumeRole(roleArn: String, sessionName: String, externalId: String? = nil,
                           durationSeconds: Int? = nil) async throws -> AssumedRole {
        var parameters: QueryParameters = ["RoleArn": roleArn, "RoleSessionName": sessionName]
        parameters.add("ExternalId", externalId)
        parameters.add("DurationSeconds", durationSeconds)
        return try Self.assumedRole(from: try await client.query(.sts, "AssumeRole", parameters), action: "AssumeRole")
    }

    /// Unsigned: the web identity token is the proof.
    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, webIdentityToken: String,
                                          durationSeconds: Int? = nil) async throws -> AssumedRole {
        var parameters: QueryParameters = [
            "RoleArn": roleArn, "RoleSessionName": sessionName, "WebIdentityToken": webIdentityToken,
        ]
        parameters.add("DurationSeconds", durationSeconds)
        let result = try await client.query(.sts, "AssumeRoleWithWebIdentity", parameters, signed: false)
        return try Self.assumedRole(from: result, action: "AssumeRoleWithWebIdentity")
    }

    static func assumedRole(from result: XMLTree, action: String) throws -> AssumedRole {
        guard let credentials = result.child("Credentials"),
              let accessKey = credentials.string("AccessKeyId"), let secretKey = credentials.string("SecretAccessKey")
        else {
            throw AWSError(code: "MalformedResponse", message: "the answer has no Credentials", httpStatus: 200,
                           service: "sts", action: action)
        }
        return AssumedRole(
            credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                                        sessionToken: credentials.string("SessionToken"),
                                        expiration: credentials.string("Expiration").flatMap(ISO8601Timestamp.parse)),
            assumedRoleArn: result.string("AssumedRoleUser", "Arn"))
    }
}
