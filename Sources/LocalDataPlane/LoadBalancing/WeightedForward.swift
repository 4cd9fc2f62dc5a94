/// A forward action's target groups and weights; picks one per request in proportion to its
/// weight (a weight of 0 gets nothing), from a random draw the caller supplies so tests can
/// seed it.
public struct WeightedForward: Sendable, Hashable {
    /// Indexes into the listener's target groups, with their weights.
    public let choices: [(group: Int, weight: Int)]
    let total: Int

    public init(_ choices: [(group: Int, weight: Int)]) {
        self.choices = choices.filter { $0.weight > 0 }
        total = self.choices.reduce(0) { $0 + $1.weight }
    }

    /// The chosen target group index, or nil when every weight is 0.
    public func choose(_ draw: UInt64) -> Int? {
        guard total > 0 else { return nil }
        if choices.count == 1 { return choices[0].group }
        var point = Int(draw % UInt64(total))
        for choice in choices {
            if point < choice.weight { return choice.group }
            point -= choice.weight
        }
        return choices.last?.group
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.choices.map(\.group) == rhs.choices.map(\.group) && lhs.choices.map(\.weight) == rhs.choices.map(\.weight)
    }

    public func hash(into hasher: inout Hasher) {
        for choice in choices {
            hasher.combine(choice.group)
            hasher.combine(choice.weight)
        }
    }
}
