import AWSClient
import Provisioning

/// AWS-managed prefix lists, which security group rules name by id — an id that differs per
/// region, while the name (`com.amazonaws.global.cloudfront.origin-facing`) does not.
enum ManagedPrefixLists {
    /// CloudFront's origin-facing addresses: the only sources an ALB behind the distribution admits.
    static let cloudFrontOriginFacing = "com.amazonaws.global.cloudfront.origin-facing"

    /// A prefix list name as a rule's source (ids are `pl-…`, CIDRs have a slash, groups are `sg-…`).
    static func isName(_ source: String) -> Bool { source.hasPrefix("com.amazonaws.") }

    /// Name → id of each of `names` in the client's region; one missing is an error naming it.
    static func ids(_ client: AWSClient, names: Set<String>) async throws -> [String: String] {
        guard !names.isEmpty else { return [:] }
        let found = try await EC2(client: client).describeManagedPrefixLists(
            filters: [(name: "prefix-list-name", values: names.sorted())])
        var ids: [String: String] = [:]
        for list in found where !list.prefixListId.isEmpty && !list.prefixListName.isEmpty {
            ids[list.prefixListName] = list.prefixListId
        }
        if let missing = names.sorted().first(where: { ids[$0] == nil }) {
            throw StageFailure("the managed prefix list \(missing) does not exist in \(client.region)")
        }
        return ids
    }

    /// Id → name of each of `ids` (those AWS does not know are left out).
    static func names(_ client: AWSClient, ids: [String]) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let found = try await EC2(client: client).describeManagedPrefixLists(ids: Array(Set(ids)).sorted())
        return Dictionary(found.filter { !$0.prefixListId.isEmpty && !$0.prefixListName.isEmpty }
            .map { ($0.prefixListId, $0.prefixListName) }, uniquingKeysWith: { first, _ in first })
    }
}
