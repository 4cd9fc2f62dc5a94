/// The SVG text of one chart, built element by element; text is escaped once, here.
struct SVGDocument {
    let width: Int
    let height: Int
    private var elements: [String] = []

    init(width: Int, height: Int, title: String) {
        self.width = width
        self.height = height
        elements.append("<title>\(Self.escape(title))</title>")
        elements.append("<style>\(ChartTheme.styleSheet())</style>")
        elements.append("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" rx=\"6\"/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) {
        elements.append("<line class=\"\(name)\" x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], class name: String, dashed: Bool = false) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        elements.append("<polyline class=\"\(name)\" fill=\"none\" stroke-width=\"2\""
            + (dashed ? " stroke-dasharray=\"6 4\"" : "") + " style=\"fill:none\" points=\"\(list)\"/>")
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, class name: String) {
        elements.append("<circle class=\"\(name)\" cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius))\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, class name: String) {
        elements.append("<rect class=\"\(name)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" "
            + "height=\"\(Self.n(max(height, 0)))\" style=\"stroke:none\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ value: String, _ x: Double, _ y: Double, anchor: Anchor = .start, class name: String = "fg",
                       rotated: Bool = false) {
        let rotation = rotated ? " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" : ""
        elements.append("<text class=\"\(name)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor.rawValue)\""
            + "\(rotation)>\(Self.escape(value))</text>")
    }

    func rendered() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">\n" + elements.joined(separator: "\n") + "\n</svg>\n"
    }

    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded.rounded() == rounded ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
