/// One chart of a load report: the SVG, its title (the image's alt text) and the suffix of its
/// file name beside the report (`<report>-<suffix>.svg`).
public struct LoadChart: Sendable, Equatable {
    public let title: String
    public let suffix: String
    public let svg: String

    /// The file name of this chart beside a report whose base name (without .md) is `base`.
    public func fileName(base: String) -> String { "\(base)-\(suffix).svg" }
}
