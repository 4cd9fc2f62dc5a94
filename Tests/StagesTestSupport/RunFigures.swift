import Foundation

/// What one tpsctl run cost, from the emulator's request log: calls, retried calls (those a
/// fault answered), wall time, and each signing region's effective send rate, slowest first.
struct RunFigures: CustomStringConvertible {
    let label: String
    let calls: Int
    let throttled: Int
    let unavailable: Int
    let wall: Duration
    /// `service action` of each mutating call the emulator carried out (not answered by a fault).
    let acceptedMutations: [String]
    /// Calls per second of each signing region (us-east-1: IAM), over its own first-to-last call.
    let regionRates: [(name: String, rate: Double)]

    init(_ label: String, requests: ArraySlice<LocalAWS.LoggedRequest>, wall: Duration) {
        self.label = label
        self.wall = wall
        calls = requests.count
        throttled = requests.filter { $0.fault == "throttle" }.count
        unavailable = requests.filter { $0.fault == "server-error" }.count
        acceptedMutations = requests.filter { $0.mutating && $0.fault == nil && ($0.status ?? 0) < 400 }
            .map { "\($0.service ?? "?") \($0.action ?? "?")" }
        let byRegion = Dictionary(grouping: requests.filter { $0.region != nil && $0.time != nil }, by: { $0.region! })
        regionRates = byRegion.compactMap { region, calls -> (String, Double)? in
            let times = calls.compactMap(\.time)
            guard let first = times.min(), let last = times.max(), last > first else { return nil }
            return (region, Double(calls.count) / (last - first))
        }.sorted { $0.1 < $1.1 }
    }

    var description: String {
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        var text = "\(label): \(calls) calls, \(throttled + unavailable) retried (\(throttled) throttled, "
            + "\(unavailable) 503), \(String(format: "%.1f", seconds)) s"
        let rates = regionRates.map { "\($0.name) \(String(format: "%.1f", $0.rate))/s" }
        if !rates.isEmpty { text += "; sent per region: " + rates.joined(separator: ", ") }
        return text
    }
}
