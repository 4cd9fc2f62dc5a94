/// The ElastiCache Redis replication group (cache and seat holds).
public struct RedisConfig: Sendable, Equatable {
    /// `cache.<family>.<size>`, e.g. `cache.r7g.large`.
    public var nodeType: String
    /// Read replicas of the primary; one or more enables Multi-AZ automatic failover.
    public var replicas: Int
    public var engineVersion: String
    /// TLS between clients and Redis; required for an AUTH token.
    public var transitEncryption: Bool
    public var atRestEncryption: Bool

    public init(nodeType: String = "cache.r7g.large", replicas: Int = 1, engineVersion: String = "7.1",
                transitEncryption: Bool = true, atRestEncryption: Bool = true) {
        self.nodeType = nodeType
        self.replicas = replicas
        self.engineVersion = engineVersion
        self.transitEncryption = transitEncryption
        self.atRestEncryption = atRestEncryption
    }

    public static let replicasRange = 0...5
    public static let port = 6379

    /// nil when `nodeType` looks like an ElastiCache node type, otherwise why not.
    public static func problemWithNodeType(_ nodeType: String) -> String? {
        let parts = nodeType.split(separator: ".", omittingEmptySubsequences: false)
        let lowercaseAlphanumeric: (Substring) -> Bool = { part in
            !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || $0.isASCIIDigit }
        }
        guard parts.count == 3, parts[0] == "cache",
              lowercaseAlphanumeric(parts[1]), parts[1].first.map({ ("a"..."z").contains($0) }) == true,
              parts[1].contains(where: \.isASCIIDigit),
              lowercaseAlphanumeric(parts[2]) else {
            return "'\(nodeType)' is not an ElastiCache node type (cache.<family>.<size>, e.g. cache.r7g.large)"
        }
        return nil
    }
}
