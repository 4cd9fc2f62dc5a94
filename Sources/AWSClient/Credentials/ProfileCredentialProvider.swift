import AWSSigV4

/// Credentials a named profile of the shared files describes, in botocore's order:
/// `role_arn` (AssumeRole from `source_profile` / `credential_source`, or web identity
/// with `web_identity_token_file`), then static keys, then `credential_process`.
public struct ProfileCredentialProvider: AWSCredentialProvider {
    public let profileName: String
    let context: CredentialProviderContext

    public init(profileName: String, context: CredentialProviderContext) {
        self.profileName = profileName
        self.context = context
    }

    public var name: String {
        "profile '\(profileName)' (\(context.files.displayPaths.joined(separator: ", ")))"
    }

    public func provide() async throws -> ProvidedCredentials? {
        guard let profile = context.files.profile(profileName) else { return nil }
        return try await resolve(profile, visited: [])
    }

    private func resolve(_ profile: Profile, visited: [String]) async throws -> ProvidedCredentials? {
        if let roleArn = profile["role_arn"] {
            return try await assumeRole(roleArn, profile: profile, visited: visited)
        }
        if let provided = try staticCredentials(profile) { return provided }
        if let command = profile["credential_process"] {
            return try await CredentialProcessProvider(
                command: command, profileName: profile.name, location: profile.location(of: "credential_process")
            ).provide()
        }
        return nil
    }

    /// `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`).
    private func staticCredentials(_ profile: Profile) throws -> ProvidedCredentials? {
        let accessKey = profile["aws_access_key_id"]
        let secretKey = profile["aws_secret_access_key"]
        if accessKey == nil && secretKey == nil { return nil }
        guard let accessKey, let secretKey else {
            let present = accessKey != nil ? "aws_access_key_id" : "aws_secret_access_key"
            let missing = accessKey != nil ? "aws_secret_access_key" : "aws_access_key_id"
            throw AWSCredentialsError.incomplete(
                source: "profile '\(profile.name)' (\(profile.location(of: present)))",
                reason: "\(present) is set but \(missing) is not")
        }
        let file = profile.location(of: "aws_access_key_id").split(separator: ":").first.map(String.init) ?? ""
        return ProvidedCredentials(
            credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                                        sessionToken: profile["aws_session_token"]),
            source: "profile '\(profile.name)' (\(file))")
    }

    private func assumeRole(_ roleArn: String, profile: Profile, visited: [String]) async throws -> ProvidedCredentials? {
        let location = profile.location(of: "role_arn")
        func invalid(_ reason: String) -> AWSConfigurationError {
            .invalidProfile(name: profile.name, location: location, reason: reason)
        }
        if profile["mfa_serial"] != nil {
            throw invalid("mfa_serial is set: MFA prompts are not supported; use credentials that need none")
        }
        let sessionName = profile["role_session_name"] ?? WebIdentityCredentialProvider.defaultSessionName()

        let source: ProvidedCredentials
        if let sourceProfileName = profile["source_profile"] {
            if visited.contains(sourceProfileName) {
                throw invalid("source_profile cycle: \((visited + [profile.name, sourceProfileName]).joined(separator: " → "))")
            }
            guard let sourceProfile = context.files.profile(sourceProfileName) else {
                throw invalid("source_profile = \(sourceProfileName) names a profile that is not defined")
            }
            // A profile naming itself as source uses its own static keys (the SDKs' rule).
            let resolved: ProvidedCredentials?
            if sourceProfileName == profile.name {
                resolved = try staticCredentials(sourceProfile)
            } else {
                resolved = try await resolve(sourceProfile, visited: visited + [profile.name])
            }
            guard let resolved else { throw invalid("source profile '\(sourceProfileName)' has no credentials") }
            source = resolved
        } else if let credentialSource = profile["credential_source"] {
            let provider: any AWSCredentialProvider
            switch credentialSource {
            case "Environment": provider = EnvironmentCredentialProvider(environment: context.environment)
            case "EcsContainer": provider = ContainerCredentialProvider(environment: context.environment, transport: context.transport)
            case "Ec2InstanceMetadata":
                provider = InstanceMetadataCredentialProvider(environment: context.environment, profile: profile,
                                                              transport: context.transport)
            default:
                throw invalid("credential_source = \(credentialSource): expected Environment, EcsContainer or Ec2InstanceMetadata")
            }
            guard let resolved = try await provider.provide() else {
                throw invalid("credential_source = \(credentialSource) has no credentials")
            }
            source = resolved
        } else if let tokenFile = profile["web_identity_token_file"] {
            let settings = WebIdentityCredentialProvider.Settings(
                roleArn: roleArn, tokenFile: context.environment.expandingTilde(tokenFile),
                sessionName: profile["role_session_name"], origin: "profile '\(profile.name)' (\(location))")
            return try await WebIdentityCredentialProvider(settings: settings, context: context).provide()
        } else {
            throw invalid("role_arn needs source_profile, credential_source or web_identity_token_file")
        }

        var duration: Int?
        if let text = profile["duration_seconds"] {
            guard let seconds = Int(text), seconds >= 900 else {
                throw AWSConfigurationError.invalidSetting(
                    name: "duration_seconds", value: text, source: "profile '\(profile.name)' (\(profile.location(of: "duration_seconds")))",
                    expected: "a whole number of seconds, at least 900")
            }
            duration = seconds
        }
        let description = "profile '\(profile.name)' (assume role \(roleArn) with \(source.source))"
        do {
            let sts = context.stsClient(credentials: StaticCredentialProvider(source.credentials, source: source.source))
            let assumed = try await sts.assumeRole(roleArn: roleArn, sessionName: sessionName,
                                                   externalId: profile["external_id"], durationSeconds: duration)
            return ProvidedCredentials(credentials: assumed.credentials, source: description)
        } catch let error as AWSCredentialsError {
            throw error
        } catch {
            throw AWSCredentialsError.sourceFailed(source: description, reason: "\(error)")
        }
    }
}
