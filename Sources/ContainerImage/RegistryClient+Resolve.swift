import NIOHTTP1

extension RegistryClient {
    /// The digest `reference` (a tag, or a digest) names in `repository`, or nil when the
    /// registry does not have it: a HEAD of the manifest, so nothing is downloaded. This is how
    /// the stage finds out whether an image was already pushed, on ECR and any v2 registry alike.
    public func resolve(repository: String, reference: String, credentials: RegistryCredentials) async throws -> Digest? {
        try Self.validate(repository: repository)
        let transport = transport(credentials)
        return try await tagDigest(repository: repository, tag: reference, transport: transport, scope: "repository:\(repository):pull")
    }

    /// Deletes the manifest `digest` from `repository` (the distribution API's DELETE; the
    /// registry must allow deletes). A manifest already gone is not an error.
    public func deleteManifest(repository: String, digest: Digest, credentials: RegistryCredentials) async throws {
        try Self.validate(repository: repository)
        let transport = transport(credentials)
        let operation = "DELETE manifest \(repository)@\(digest)"
        let response = try await transport.send(.DELETE, "/v2/\(repository)/manifests/\(digest)",
                                                 scope: "repository:\(repository):delete", operation: operation)
        if response.status == 404 { return }
        try response.expect([200, 202], operation)
    }
}
