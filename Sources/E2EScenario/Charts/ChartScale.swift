import Foundation

/// A linear axis: its data range rounded out to "nice" tick steps (1, 2 or 5 × 10^n), and the
/// mapping of a value to a pixel between two ends.
struct ChartScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// At about `count` ticks; `floorAtZero` keeps zero in range (counts, rates, latencies).
    init(values: [Double], count: Int = 5, floorAtZero: Bool = true, minimumUpper: Double = 1) {
        let low = floorAtZero ? 0 : (values.min() ?? 0)
        let high = max(values.max() ?? minimumUpper, low + minimumUpper * 1e-9, floorAtZero ? minimumUpper : low)
        let step = Self.niceStep((high - low) / Double(max(count, 1)))
        lower = (low / step).rounded(.down) * step
        upper = max((high / step).rounded(.up) * step, lower + step)
        ticks = stride(from: lower, through: upper + step / 2, by: step).map { $0 }
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// `value` between `from` (at `lower`) and `to` (at `upper`).
    func position(_ value: Double, from: Double, to: Double) -> Double {
        from + (value - lower) / (upper - lower) * (to - from)
    }

    /// A tick's label: thousands as k, no trailing zeros.
    static func label(_ value: Double) -> String {
        if abs(value) >= 10_000 { return format(value / 1000) + "k" }
        return format(value)
    }

    private static func format(_ value: Double) -> String {
        if value.rounded() == value { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
