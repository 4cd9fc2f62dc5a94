import Provisioning
import Foundation

/// One object in the file provider: what a cloud API would hold for a resource.
public struct StoredObject: Sendable, Hashable, Codable {
    public let id: String
    public let kind: String
    public let region: RegionName
    public var tags: [String: String]
    public var attributes: [String: String]
    /// The object becomes usable at this time (slow resources: NAT gateways, databases).
    public var readyAt: Date

    public init(id: String, kind: String, region: RegionName, tags: [String: String], attributes: [String: String], readyAt: Date) {
        self.id = id
        self.kind = kind
        self.region = region
        self.tags = tags
        self.attributes = attributes
        self.readyAt = readyAt
    }

    public var isReady: Bool { readyAt <= Date() }
}


