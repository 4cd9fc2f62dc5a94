import FoundationEssentials

/// Amazon ECR (AWS JSON 1.1): what shipping images needs beyond the repositories the stages
/// manage: registry credentials and deleting one image (the registry API has no delete on ECR).
public struct ECR: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Credentials for the account's registry in the client's region (Basic auth, 12 hours).
    public func getAuthorizationToken() async throws -> ECRAuthorization {
        let output = try await client.json(.ecr, "GetAuthorizationToken", [:])
        guard let data = output["authorizationData"]?.array?.first, let token = data["authorizationToken"]?.string else {
            throw AWSError(code: "MalformedResponse", message: "the answer has no authorizationData", httpStatus: 200,
                           service: "ecr", action: "GetAuthorizationToken")
        }
        return try ECRAuthorization(token: token, proxyEndpoint: data["proxyEndpoint"]?.string ?? "",
                                    expiresAt: data["expiresAt"]?.double.map { Date(timeIntervalSince1970: $0) })
    }

    /// Deletes one image by digest; an image already gone is not an error.
    public func deleteImage(repositoryName: String, digest: String) async throws {
        let output = try await client.json(.ecr, "BatchDeleteImage", [
            "repositoryName": .string(repositoryName), "imageIds": [["imageDigest": .string(digest)]],
        ])
        for failure in output["failures"]?.array ?? [] where failure["failureCode"]?.string != "ImageNotFound" {
            throw AWSError(code: failure["failureCode"]?.string ?? "BatchDeleteImageFailure",
                           message: failure["failureReason"]?.string ?? "could not delete \(digest)", httpStatus: 200,
                           service: "ecr", action: "BatchDeleteImage")
        }
    }
}
