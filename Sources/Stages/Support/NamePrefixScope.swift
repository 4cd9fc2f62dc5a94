import AWSClient

/// Where most kinds are swept: one region's client, and the prefix the stack's names start with
/// there (the tags then confirm), which keeps one stack from listing another's objects.
struct NamePrefixScope: Sendable {
    let client: AWSClient
    let namePrefix: String
}
