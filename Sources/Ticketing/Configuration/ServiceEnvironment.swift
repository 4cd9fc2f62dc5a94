import FoundationEssentials

/// The configuration every service shares, read from environment variables only, so the same
/// build runs on Fargate and as a local process. Role-specific keys are read by
/// `PublicAPIEnvironment`, `ConfirmAPIEnvironment` and `ConfirmWorkerEnvironment`.
public struct ServiceEnvironment: Sendable, Hashable {
    public let role: ServiceRole
    public let region: String
    public let stack: String
    /// The HTTP port (the worker serves its health check there).
    public let port: Int
    /// Set for local runs against the emulator; nil means the region's real endpoints.
    public let awsEndpoint: URL?
    public let redis: RedisSettings
    public let database: DatabaseSettings
    /// The DynamoDB table holding seat locks.
    public let seatLockTable: String

    public init(role: ServiceRole, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(EnvironmentError) {
        try self.init(role: role, reader: EnvironmentReader(values: environment))
    }

    init(role: ServiceRole, reader: EnvironmentReader) throws(EnvironmentError) {
        self.role = role
        region = try reader.string(.awsRegion)
        guard Self.isRegionName(region) else {
            throw reader.invalid(.awsRegion, region, "must be a region name like ap-northeast-1")
        }
        stack = try reader.string(.stack)
        guard FieldRules.isIdentifier(stack) else {
            throw reader.invalid(.stack, stack, "must be letters, digits, '_' or '-' (at most 64)")
        }
        port = try reader.int(.port, in: 1...65535, default: 8080)
        awsEndpoint = try reader.optionalURL(.awsEndpointURL)
        redis = try RedisSettings(reader: reader)
        database = try DatabaseSettings(reader: reader)
        seatLockTable = try reader.string(.seatLockTable)
    }

    /// `ap-northeast-1` shape: lowercase words joined by '-', ending in a number.
    static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII),
              Int(last) != nil else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
