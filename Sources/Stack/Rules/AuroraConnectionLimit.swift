/// How many connections an Aurora PostgreSQL Serverless v2 writer accepts: its default
/// `max_connections`, which AWS derives from the memory of the cluster's *maximum* ACU, not of
/// the capacity it currently runs at (so a pool sized to it never hits the limit while scaling).
///
/// The points are AWS's table "Maximum connections for Aurora Serverless v2" (Aurora User Guide,
/// aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.max-connections, read
/// 2026-12-07): max ACU 1 → 189, 4 → 823, 8 → 1,669, 16 → 3,360, 32 and above → 5,000 — the
/// provisioned formula LEAST(DBInstanceClassMemory / 9,531,392, 5,000) at about 2 GiB per ACU.
/// When the minimum capacity is 0 or 0.5 ACU, Aurora PostgreSQL caps the value at 2,000
/// (re:Post article "Working of max_connections for Amazon Aurora PostgreSQL Serverless", same
/// date). Between two points the value is interpolated linearly, below 1 ACU proportionally.
public enum AuroraConnectionLimit {
    static let points: [(acu: Double, connections: Int)] = [
        (1, 189), (4, 823), (8, 1_669), (16, 3_360), (32, 5_000),
    ]
    /// Aurora PostgreSQL's ceiling for the formula, whatever the memory.
    public static let ceiling = 5_000
    /// PostgreSQL's default superuser_reserved_connections: slots the services can never use.
    public static let superuserReserve = 3
    /// The cap when the cluster may scale down to 0 or 0.5 ACU.
    public static let lowMinimumCap = 2_000

    /// The default max_connections of a writer whose capacity range is minACU…maxACU.
    public static func maxConnections(minACU: Double, maxACU: Double) -> Int {
        let byMemory = connections(atMaxACU: maxACU)
        return minACU <= 0.5 ? min(byMemory, lowMinimumCap) : byMemory
    }

    static func connections(atMaxACU acu: Double) -> Int {
        guard let first = points.first, acu > first.acu else {
            return Int((Double(points[0].connections) * max(acu, 0)).rounded(.down))
        }
        for (low, high) in zip(points, points.dropFirst()) where acu <= high.acu {
            let share = (acu - low.acu) / (high.acu - low.acu)
            return low.connections + Int((Double(high.connections - low.connections) * share).rounded(.down))
        }
        return ceiling
    }
}
