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
        var parameters: QueryParameters = [:]
        parameters.addFilters([(name: "prefix-list-name", values: names.sorted())])
        let found = try await describe(client, parameters)
        var ids: [String: String] = [:]
        for (id, name) in found { ids[name] = id }
        if let missing = names.sorted().first(where: { ids[$0] == nil }) {
            throw StageFailure("the managed prefix list \(missing) does not exist in \(client.region)")
        }
        return ids
    }

    /// Id → name of each of `ids` (those AWS does not know are left out).
    static func names(_ client: AWSClient, ids: [String]) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        var parameters: QueryParameters = [:]
        parameters.addList("PrefixListId", Array(Set(ids)).sorted(), member: nil)
        return Dictionary(try await describe(client, parameters), uniquingKeysWith: { first, _ in first })
    }

    private static func describe(_ client: AWSClient, _ parameters: QueryParameters) async throws -> [(String, String)] {
        let response = try await client.ec2("DescribeManagedPrefixLists", parameters)
        return (response.child("prefixListSet")?.listItems() ?? []).compactMap { item in
            guard let id = item.string("prefixListId"), let name = item.string("prefixListName") else { return nil }
            return (id, name)
        }
    }
}
