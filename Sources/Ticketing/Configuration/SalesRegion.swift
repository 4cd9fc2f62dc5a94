/// Where seats are sold: the stack's home region (`app.homeRegion`, `SALES_REGION`). Each region
/// has its own Redis, DynamoDB and PostgreSQL, so a write answered in two regions could sell one
/// seat twice; every other region refuses writes with a 409 naming the home region and serves
/// reads from its own stores.
public struct SalesRegion: Sendable, Hashable {
    /// The region that sells.
    public let home: String
    /// The region this process runs in (`AWS_REGION`).
    public let current: String

    public init(home: String, current: String) {
        self.home = home
        self.current = current
    }

    /// A process of the home region itself: every write is answered (what single-region tests run).
    public static func home(_ region: String) -> SalesRegion {
        SalesRegion(home: region, current: region)
    }

    public var sellsHere: Bool { home == current }

    /// Refuses a write outside the home region, before it reads its body or touches a store.
    public func requireHome(for operation: String) throws(Problem) {
        guard !sellsHere else { return }
        throw Problem(.wrongRegion, detail: "\(operation) is answered in the home region \(home) only; "
                      + "this is \(current), which serves reads")
    }
}

extension SalesRegion {
    /// SALES_REGION, required: a missing value must not let every region sell.
    init(reader: EnvironmentReader, current: String) throws(EnvironmentError) {
        let home = try reader.string(.salesRegion)
        guard ServiceEnvironment.isRegionName(home) else {
            throw reader.invalid(.salesRegion, home, "must be a region name like ap-northeast-1")
        }
        self.init(home: home, current: current)
    }
}
