import AWSClient
import Provisioning

/// One service's image repository: scan on push, immutable tags (a tag always names the image
/// that was tested), and a lifecycle policy keeping the newest N images.
struct ECRRepositoryResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var uri: String
        var tagMutability: String
        var scanOnPush: Bool
        var lifecyclePolicy: String?
    }

    let address: ResourceAddress
    let client: AWSClient
    let repositoryName: String
    let immutableTags: Bool
    let scanOnPush: Bool
    let keepLastImages: Int

    var tagMutability: String { immutableTags ? "IMMUTABLE" : "MUTABLE" }

    var lifecyclePolicy: String {
        JSONValue.object(["rules": [[
            "rulePriority": 1, "description": .string("keep the newest \(keepLastImages) images"),
            "selection": ["tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": .number(Double(keepLastImages))],
            "action": ["type": "expire"],
        ]]]).encodedString()
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        let output: JSONValue
        do {
            output = try await client.json(.ecr, "DescribeRepositories", ["repositoryNames": [.string(repositoryName)]])
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        guard let repository = output["repositories"]?.array?.first else { return nil }
        var policy: String?
        do {
            let answer = try await client.json(.ecr, "GetLifecyclePolicy", ["repositoryName": .string(repositoryName)])
            policy = answer["lifecyclePolicyText"]?.string.map(Self.normalized)
        } catch where AWSErrorMatching.isNotFound(error) {}
        return Live(name: repositoryName, arn: repository["repositoryArn"]?.string ?? "",
                    uri: repository["repositoryUri"]?.string ?? "",
                    tagMutability: repository["imageTagMutability"]?.string ?? "",
                    scanOnPush: repository["imageScanningConfiguration"]?["scanOnPush"]?.bool ?? false,
                    lifecyclePolicy: policy)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("imageTagMutability", desired: tagMutability, live: live?.tagMutability)
        diff.compare("scanOnPush", desired: scanOnPush, live: live?.scanOnPush)
        diff.compare("lifecyclePolicy", desired: Self.normalized(lifecyclePolicy), live: live?.lifecyclePolicy)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let output = try await client.json(.ecr, "CreateRepository", [
            "repositoryName": .string(repositoryName), "imageTagMutability": .string(tagMutability),
            "imageScanningConfiguration": ["scanOnPush": .bool(scanOnPush)], "tags": JSONTags.list(context.tags),
        ])
        let repository = output["repository"] ?? [:]
        var live = Live(name: repositoryName, arn: repository["repositoryArn"]?.string ?? "",
                        uri: repository["repositoryUri"]?.string ?? "", tagMutability: tagMutability,
                        scanOnPush: scanOnPush, lifecyclePolicy: nil)
        live = try await putLifecyclePolicy(live)
        return live
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.tagMutability != tagMutability {
            _ = try await client.json(.ecr, "PutImageTagMutability", [
                "repositoryName": .string(repositoryName), "imageTagMutability": .string(tagMutability),
            ])
            live.tagMutability = tagMutability
        }
        if live.scanOnPush != scanOnPush {
            _ = try await client.json(.ecr, "PutImageScanningConfiguration", [
                "repositoryName": .string(repositoryName), "imageScanningConfiguration": ["scanOnPush": .bool(scanOnPush)],
            ])
            live.scanOnPush = scanOnPush
        }
        if live.lifecyclePolicy != Self.normalized(lifecyclePolicy) { live = try await putLifecyclePolicy(live) }
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.ecr, "DeleteRepository", ["repositoryName": .string(repositoryName), "force": true])
        }
    }

    struct Outputs: PublishedOutputs {
        let repositoryName, repositoryArn, repositoryUri: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(repositoryName: live.name, repositoryArn: live.arn, repositoryUri: live.uri)
    }

    private func putLifecyclePolicy(_ live: Live) async throws -> Live {
        _ = try await client.json(.ecr, "PutLifecyclePolicy", [
            "repositoryName": .string(repositoryName), "lifecyclePolicyText": .string(lifecyclePolicy),
        ])
        var live = live
        live.lifecyclePolicy = Self.normalized(lifecyclePolicy)
        return live
    }

    /// Key order and spacing differ between what we send and what ECR returns.
    static func normalized(_ json: String) -> String {
        guard let value = try? JSONValue(parsing: json) else { return json }
        return canonical(value)
    }

    static func canonical(_ value: JSONValue) -> String {
        if let object = value.object {
            return "{" + object.keys.sorted().map { "\"\($0)\":\(canonical(object[$0]!))" }.joined(separator: ",") + "}"
        }
        if let array = value.array { return "[" + array.map(canonical).joined(separator: ",") + "]" }
        if let number = value.double, number == number.rounded() { return String(Int(number)) }
        return value.encodedString()
    }
}

extension ECRRepositoryResource: SingleKindResource {
    static let kind = "ecr_repository"

    /// The stack's repositories (`<stack>/<service>`; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let ecr = ECR(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await ecr.describeRepositories().filter { $0.name.hasPrefix(scope.namePrefix) }, stack: stack,
            id: \.name, tags: { try await ecr.listTagsForResource(arn: $0.arn) })
    }

    /// With the images it holds.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await ECR(client: scope.client).deleteRepository(name: id, force: true) }
    }
}
