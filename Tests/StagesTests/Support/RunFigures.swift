import Foundation

/// What one tpsctl run cost, from the emulator's request log: calls, retried calls (those a
/// fault answered), wall time, and the slowest region's effective send rate.
struct RunFigures: CustomStringConvertible {
    let label: String
    let calls: Int
    let throttled: Int
    let unavailable: Int
    let wall: Duration
    /// `service action` of each mutating call the emulator carried out (not answered by a fault).
    let acceptedMutations: [String]
    /// Calls per second of the region that sent slowest, over its own first-to-last call.
    let slowestRegion: (name: String, rate: Double)?

    init(_ label: String, requests: ArraySlice<LocalAWS.LoggedRequest>, wall: Duration) {
        self.label = label
        self.wall = wall
        calls = requests.count
        throttled = requests.filter { $0.fault == "throttle" }.count
        unavailable = requests.filter { $0.fault == "server-error" }.count
        acceptedMutations = requests.filter { $0.mutating && $0.fault == nil && ($0.status ?? 0) < 400 }
            .map { "\($0.service ?? "?") \($0.action ?? "?")" }
        let byRegion = Dictionary(grouping: requests.filter { $0.region != nil && $0.time != nil }, by: { $0.region! })
        slowestRegion = byRegion.compactMap { region, calls -> (String, Double)? in
            let times = calls.compactMap(\.time)
            guard let first = times.min(), let last = times.max(), last > first else { return nil }
            return (region, Double(calls.count) / (last - first))
        }.min { $0.1 < $1.1 }
    }

    var description: String {
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        var text = "\(label): \(calls) calls, \(throttled + unavailable) retried (\(throttled) throttled, "
            + "\(unavailable) 503), \(String(format: "%.1f", seconds)) s"
        if let slowestRegion {
            text += "; slowest region \(slowestRegion.name) at \(String(format: "%.1f", slowestRegion.rate)) calls/s"
        }
        return text
    }
}
