/// A resource whose type also finds its kind's live objects by the stack's tag, described or
/// not, and deletes one by id: `diff` reports the ones the stack no longer describes (orphans),
/// `up` and `down` delete them, and `down` lists again afterwards to report anything left.
/// Static, because a kind is swept even when the stack describes none of it (a removed domain
/// still leaves its certificate).
public protocol SweptResource: Resource {
    /// Where the kind's objects are listed beyond the stack: the region's client, a name
    /// prefix, a cluster.
    associatedtype Scope: Sendable

    /// The kind, as in `ResourceAddress.kind`, of the objects listed in `scope`.
    static func kind(in scope: Scope) -> String

    /// Live objects tagged `tps:stack=<stack>`.
    static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject]

    /// Deletes one listed object and waits until it is gone. A missing object is not an error.
    static func delete(id: String, in scope: Scope, context: ResourceContext) async throws
}

/// A resource type all of whose objects are one kind, declared once (all but types that serve
/// several kinds through one API, like CloudFront's two policy kinds).
public protocol SingleKindResource: SweptResource {
    static var kind: String { get }
}

extension SingleKindResource {
    public static func kind(in _: Scope) -> String { kind }
}

/// One listed object: its cloud id (or ARN) and its tags.
public struct TaggedObject: Sendable, Hashable {
    public let id: String
    public let tags: [String: String]

    public init(id: String, tags: [String: String]) {
        self.id = id
        self.tags = tags
    }
}
