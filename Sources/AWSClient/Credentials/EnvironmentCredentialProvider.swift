import AWSSigV4

/// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION).
public struct EnvironmentCredentialProvider: AWSCredentialProvider {
    public let environment: AWSEnvironment
    public var name: String { "environment" }

    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    public func provide() async throws -> ProvidedCredentials? {
        let accessKey = environment["AWS_ACCESS_KEY_ID"]
        let secretKey = environment["AWS_SECRET_ACCESS_KEY"]
        switch (accessKey, secretKey) {
        case (nil, nil):
            return nil
        case (.some, nil):
            throw AWSCredentialsError.incomplete(
                source: name, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some):
            throw AWSCredentialsError.incomplete(
                source: name, reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (.some(let accessKey), .some(let secretKey)):
            let expiration = environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(ISO8601Timestamp.parse)
            return ProvidedCredentials(
                credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                                            sessionToken: environment["AWS_SESSION_TOKEN"], expiration: expiration),
                source: name)
        }
    }
}
