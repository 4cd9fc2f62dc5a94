import FoundationEssentials

/// public-api's configuration: the shared part plus the waiting room and hold settings.
public struct PublicAPIEnvironment: Sendable {
    public let service: ServiceEnvironment
    /// The home region (SALES_REGION) and this one: writes are answered only at home.
    public let sales: SalesRegion
    /// Signs and checks room tokens (ROOM_TOKEN_KEY, at least 32 bytes).
    public let roomTokenKey: RoomTokenKey
    /// Positions admitted per second (ADMISSION_RATE_PER_SEC).
    public let admissionRatePerSecond: Double
    /// How long a hold lasts (HOLD_TTL_SEC, 1...3600).
    public let holdTTLSeconds: Int
    /// The most active holds of one user in one event (MAX_HOLDS_PER_USER, default 4).
    public let maxHoldsPerUser: Int
    public static let maxHoldsPerUserRange = 1...100
    public static let defaultMaxHoldsPerUser = 4

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EnvironmentError) {
        let reader = EnvironmentReader(values: environment)
        service = try ServiceEnvironment(role: .publicAPI, reader: reader)
        let secret = try reader.secret(.roomTokenKey, minimumBytes: RoomTokenKey.minimumKeyBytes)
        do {
            roomTokenKey = try RoomTokenKey(secret: secret)
        } catch {
            throw .invalid(.roomTokenKey, reason: "must be at least \(RoomTokenKey.minimumKeyBytes) bytes long")
        }
        admissionRatePerSecond = try reader.positiveDouble(.admissionRatePerSec, atMost: 1_000_000)
        holdTTLSeconds = try reader.int(.holdTTLSec, in: 1...3600)
        maxHoldsPerUser = try reader.int(.maxHoldsPerUser, in: Self.maxHoldsPerUserRange,
                                         default: Self.defaultMaxHoldsPerUser)
        sales = try SalesRegion(reader: reader, current: service.region)
    }
}
