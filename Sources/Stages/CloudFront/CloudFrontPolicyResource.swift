import AWSClient
import Provisioning

/// One of the stack's own CloudFront policies (a cache policy or an origin request policy).
/// Policies cannot be tagged: found by their name, which is unique per account and starts
/// with the stack name. Updates and deletes send the policy's current ETag (If-Match).
struct CloudFrontPolicyResource: Resource {
    struct Live: Sendable {
        var id: String
        var config: XMLTree
    }

    let address: ResourceAddress
    let client: AWSClient
    let kind: CloudFront.PolicyKind
    /// The `…PolicyConfig` element, with the policy's name.
    let config: XMLTree

    var name: String { config.string("Name") ?? "" }
    var cloudFront: CloudFront { CloudFront(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let policy = try await cloudFront.listPolicies(kind).first(where: { $0.name == name }) else { return nil }
        return Live(id: policy.id, config: policy.config)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        for child in config.children where child.name != "Name" {
            let current = live.flatMap { $0.config.child(child.name) }
            diff.compare(child.name, desired: XMLProjection.text(child),
                         live: current.flatMap { XMLProjection.text($0, onto: child) })
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let policy = try await cloudFront.createPolicy(kind, config: config)
        return Live(id: policy.id, config: policy.config)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let current = try await cloudFront.getPolicy(kind, id: live.id)
        let policy = try await cloudFront.updatePolicy(kind, id: live.id, config: config, ifMatch: current.etag ?? "")
        return Live(id: policy.id, config: policy.config)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(cloudFront, kind: kind, id: live.id)
    }

    /// Deletes with the current ETag; retries while a distribution being deleted still names it.
    static func delete(_ cloudFront: CloudFront, kind: CloudFront.PolicyKind, id: String) async throws {
        try await AWSErrorMatching.ignoringCloudFrontNotFound {
            try await AWSErrorMatching.retryingInUse {
                let current = try await cloudFront.getPolicy(kind, id: id)
                try await cloudFront.deletePolicy(kind, id: id, ifMatch: current.etag ?? "")
            }
        }
    }

    struct Outputs: PublishedOutputs {
        let policyId, policyName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(policyId: live.id, policyName: name)
    }
}

extension CloudFrontPolicyResource: SweptResource {
    /// One policy kind's listing. Policies take no tags, so they are known by their exact names
    /// (never by prefix: `max-` would also match stack `max-tps`'s policies); the name says
    /// which address claims it.
    struct Scope: Sendable {
        let client: AWSClient
        let policyKind: CloudFront.PolicyKind
        /// Policy name → the address of the resource that owns it.
        let names: [String: ResourceAddress]
    }

    /// One type serves both policy kinds: they differ only in the API's path and element.
    static func kind(of policyKind: CloudFront.PolicyKind) -> String {
        switch policyKind {
        case .cache: "cloudfront_cache_policy"
        case .originRequest: "cloudfront_origin_request_policy"
        }
    }

    static func kind(in scope: Scope) -> String { kind(of: scope.policyKind) }

    static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject] {
        try await CloudFront(client: scope.client).listPolicies(scope.policyKind).compactMap { policy in
            guard let address = scope.names[policy.name] else { return nil }
            return TaggedObject(id: policy.id, tags: ResourceTags(stack: stack, address: address).all())
        }
    }

    static func delete(id: String, in scope: Scope, context: ResourceContext) async throws {
        try await delete(CloudFront(client: scope.client), kind: scope.policyKind, id: id)
    }
}
