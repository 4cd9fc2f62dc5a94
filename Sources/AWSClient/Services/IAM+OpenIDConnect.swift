/// OpenID Connect identity providers: what lets a CI system's tokens assume a role.
extension IAM {
    /// Registers the issuer at `url` for `clientIds` (the tokens' audiences), tagged at creation.
    public func createOpenIDConnectProvider(url: String, clientIds: [String], tags: [String: String] = [:]) async throws {
        var parameters: QueryParameters = ["Url": url]
        parameters.addList("ClientIDList", clientIds)
        parameters.addTags(tags)
        _ = try await client.query(.iam, "CreateOpenIDConnectProvider", parameters)
    }
}
