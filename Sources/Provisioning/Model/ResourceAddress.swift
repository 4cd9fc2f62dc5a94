/// Where a resource sits in the stack: region, stage, kind and logical name.
/// It is the key of the graph, of the state file entry and of the `tps:resource` tag,
/// so it must be stable across runs and independent of any AWS-assigned id.
public struct ResourceAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let region: RegionName
    public let stage: Stage
    /// A resource type, e.g. `vpc`, `subnet`, `sqs_queue`.
    public let kind: String
    /// The logical name within the kind, e.g. `main`, `private-a`.
    public let name: String

    public init(region: RegionName, stage: Stage, kind: String, name: String) {
        self.region = region
        self.stage = stage
        self.kind = kind
        self.name = name
    }

    /// `kind.name`: unique within a region and stage; the value of the `tps:resource` tag.
    public var key: String { "\(kind).\(name)" }

    /// `00-network/vpc.main`: unique within a region.
    public var regional: String { "\(stage.slug)/\(key)" }

    /// `ap-northeast-1/00-network/vpc.main`.
    public var description: String { "\(region)/\(regional)" }

    /// Another resource of the same region and stage (the common dependency).
    public func sibling(kind: String, name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: stage, kind: kind, name: name)
    }

    /// Stage order first so sorted addresses read in apply order.
    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        (lhs.stage, lhs.region, lhs.kind, lhs.name) < (rhs.stage, rhs.region, rhs.kind, rhs.name)
    }
}
