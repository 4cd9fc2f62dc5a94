import AWSClient
import Provisioning
import Stack

/// The stack's WAFv2 web ACL (CLOUDFRONT scope, us-east-1), named after the stack: found by its
/// name, which is unique in the scope. Updates send the ACL's current lock token.
struct WebACLResource: Resource {
    typealias Live = WAFv2.WebACL

    let address: ResourceAddress
    let client: AWSClient
    let name: String
    /// DefaultAction, Rules, VisibilityConfig, Description (WebACLDocument).
    let document: JSONValue

    var waf: WAFv2 { WAFv2(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let summary = try await waf.listWebACLs().first(where: { $0.name == name }) else { return nil }
        do {
            return try await waf.getWebACL(name: name, id: summary.id)
        } catch let error as AWSError where error.code == "WAFNonexistentItemException" {
            return nil
        }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        let rules = document["Rules"] ?? []
        diff.compare("Rules", desired: rules.encodedString(), live: live.flatMap { JSONProjection.text($0.rules, onto: rules) })
        let action = document["DefaultAction"] ?? [:]
        diff.compare("DefaultAction", desired: action.encodedString(),
                     live: live.flatMap { JSONProjection.text($0.defaultAction, onto: action) })
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await creatingOnce(context, existsCodes: "WAFDuplicateItemException") {
            let summary = try await waf.createWebACL(name: name, document: document, tags: context.tags)
            return try await waf.getWebACL(name: name, id: summary.id)
        }
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let current = try await waf.getWebACL(name: name, id: live.id)
        try await waf.updateWebACL(name: name, id: live.id, lockToken: current.lockToken, document: document)
        return try await waf.getWebACL(name: name, id: live.id)
    }

    /// After the distribution that names it (it depends on this ACL): WAF refuses to delete an
    /// ACL still associated (WAFAssociatedItemException), which is retried while CloudFront lets go.
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retrying(attempts: 30, while: { $0.code == "WAFAssociatedItemException" }) {
            do {
                let current = try await waf.getWebACL(name: name, id: live.id)
                try await waf.deleteWebACL(name: name, id: live.id, lockToken: current.lockToken)
            } catch let error as AWSError where error.code == "WAFNonexistentItemException" {
                return
            }
        }
    }

    struct Outputs: PublishedOutputs {
        let arn, id, name: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.arn, id: live.id, name: live.name)
    }
}
