import FoundationEssentials
import Ticketing

/// What the routes need besides their clients: the token key, the admission rate, the hold
/// length and the seat-lock table. Built from `PublicAPIEnvironment` in production.
public struct PublicAPIConfiguration: Sendable {
    public var roomTokenKey: RoomTokenKey
    public var admissionRatePerSecond: Double
    public var holdTTLSeconds: Int
    /// The most active holds one user may have in one event (`app.maxHoldsPerUser`).
    public var maxHoldsPerUser: Int
    public var seatLockTable: String
    /// A room token older than this is refused (a waiting room does not last a day).
    public var roomTokenMaxAge: TimeInterval
    /// How long a summary or seat map stays in this process, and in Redis (the contract says 1–3 s).
    public var readCacheLocalTTL: Duration
    public var readCacheRedisTTLMilliseconds: Int
    /// enter, hold and release are answered only in the home region (`app.homeRegion`).
    public var sales: SalesRegion

    public init(roomTokenKey: RoomTokenKey, admissionRatePerSecond: Double, holdTTLSeconds: Int,
                seatLockTable: String, maxHoldsPerUser: Int = PublicAPIEnvironment.defaultMaxHoldsPerUser,
                roomTokenMaxAge: TimeInterval = 6 * 3600,
                readCacheLocalTTL: Duration = .seconds(1), readCacheRedisTTLMilliseconds: Int = 2000,
                sales: SalesRegion = .home("ap-northeast-1")) {
        self.roomTokenKey = roomTokenKey
        self.admissionRatePerSecond = admissionRatePerSecond
        self.holdTTLSeconds = holdTTLSeconds
        self.seatLockTable = seatLockTable
        self.maxHoldsPerUser = maxHoldsPerUser
        self.roomTokenMaxAge = roomTokenMaxAge
        self.readCacheLocalTTL = readCacheLocalTTL
        self.readCacheRedisTTLMilliseconds = readCacheRedisTTLMilliseconds
        self.sales = sales
    }

    public init(_ environment: PublicAPIEnvironment) {
        self.init(roomTokenKey: environment.roomTokenKey, admissionRatePerSecond: environment.admissionRatePerSecond,
                  holdTTLSeconds: environment.holdTTLSeconds, seatLockTable: environment.service.seatLockTable,
                  maxHoldsPerUser: environment.maxHoldsPerUser, sales: environment.sales)
    }
}
