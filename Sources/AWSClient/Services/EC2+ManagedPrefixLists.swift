/// Prefix lists (AWS-managed ones such as CloudFront's origin-facing addresses), which
/// security group rules name by an id that differs per region.
extension EC2 {
    public struct ManagedPrefixList: Sendable, Equatable {
        public var prefixListId: String
        public var prefixListName: String

        init(_ element: XMLTree) {
            prefixListId = element.string("prefixListId") ?? ""
            prefixListName = element.string("prefixListName") ?? ""
        }
    }

    public func describeManagedPrefixLists(ids: [String] = [],
                                           filters: [(name: String, values: [String])] = []) async throws
        -> [ManagedPrefixList] {
        try await describe("DescribeManagedPrefixLists", setName: "prefixListSet", ids: ("PrefixListId", ids),
                           filters: filters).map(ManagedPrefixList.init)
    }
}
