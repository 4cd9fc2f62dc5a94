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

    private var ecr: ECR { ECR(client: client) }

    var tagMutability: String { immutableTags ? "IMMUTABLE" : "MUTABLE" }

    var lifecyclePolicy: String {
        JSONValue.object(["rules": [[
            "rulePriority": 1, "description": .string("keep the newest \(keepLastImages) images"),
            "selection": ["tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": .number(Double(keepLastImages))],
            "action": ["type": "expire"],
        ]]]).encodedString()
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found: [ECR.Repository]
        do {
            found = try await ecr.describeRepositories(names: [repositoryName])
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        guard let repository = found.first else { return nil }
        var policy: String?
        do {
            policy = try await ecr.getLifecyclePolicy(repositoryName: repositoryName).map(Self.normalized)
        } catch where AWSErrorMatching.isNotFound(error) {}
        return Live(name: repositoryName, arn: repository.arn, uri: repository.uri,
                    tagMutability: repository.imageTagMutability, scanOnPush: repository.scanOnPush,
                    lifecyclePolicy: policy)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("imageTagMutability", desired: tagMutability, live: live?.tagMutability)
        diff.compare("scanOnPush", desired: scanOnPush, live: live?.scanOnPush)
        diff.compare("lifecyclePolicy", desired: Self.normalized(lifecyclePolicy), live: live?.lifecyclePolicy)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let repository = try await ecr.createRepository(name: repositoryName, imageTagMutability: tagMutability,
                                                        scanOnPush: scanOnPush, tags: context.tags)
        var live = Live(name: repositoryName, arn: repository.arn, uri: repository.uri, tagMutability: tagMutability,
                        scanOnPush: scanOnPush, lifecyclePolicy: nil)
        live = try await putLifecyclePolicy(live)
        return live
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.tagMutability != tagMutability {
            try await ecr.putImageTagMutability(repositoryName: repositoryName, imageTagMutability: tagMutability)
            live.tagMutability = tagMutability
        }
        if live.scanOnPush != scanOnPush {
            try await ecr.putImageScanningConfiguration(repositoryName: repositoryName, scanOnPush: scanOnPush)
            live.scanOnPush = scanOnPush
        }
        if live.lifecyclePolicy != Self.normalized(lifecyclePolicy) { live = try await putLifecyclePolicy(live) }
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ecr.deleteRepository(name: repositoryName, force: true)
        }
    }

    struct Outputs: PublishedOutputs {
        let repositoryName, repositoryArn, repositoryUri: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(repositoryName: live.name, repositoryArn: live.arn, repositoryUri: live.uri)
    }

    private func putLifecyclePolicy(_ live: Live) async throws -> Live {
        try await ecr.putLifecyclePolicy(repositoryName: repositoryName, lifecyclePolicyText: lifecyclePolicy)
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
