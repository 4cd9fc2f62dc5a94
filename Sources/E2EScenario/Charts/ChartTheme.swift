/// The charts' colours and type as one style sheet: light by default, dark when the viewer
/// prefers it, on an opaque background either way — so a chart reads on GitHub's light and
/// dark themes alike (an `<img>` of an SVG follows the viewer's colour-scheme preference).
enum ChartTheme {
    /// Series colours chosen to keep their contrast on both backgrounds (GitHub's palette).
    static let seriesColours = ["#0969da", "#bc4c00", "#1a7f37", "#cf222e", "#8250df", "#9a6700"]
    static let darkSeriesColours = ["#4493f8", "#f0883e", "#3fb950", "#f85149", "#a371f7", "#d29922"]

    static func styleSheet() -> String {
        var css = """
            .bg{fill:#ffffff}.fg{fill:#1f2328}.axis{stroke:#57606a;stroke-width:1}.grid{stroke:#d0d7de;stroke-width:1}\
            .marker{stroke:#8c959f;stroke-width:1;stroke-dasharray:4 3}\
            text{font-family:-apple-system,'Segoe UI',Helvetica,Arial,'DejaVu Sans',sans-serif;font-size:12px}\
            .title{font-size:15px;font-weight:600}
            """
        for (index, colour) in seriesColours.enumerated() {
            css += ".s\(index){stroke:\(colour);fill:\(colour)}"
        }
        css += "@media (prefers-color-scheme: dark){.bg{fill:#0d1117}.fg{fill:#e6edf3}.axis{stroke:#8d96a0}"
            + ".grid{stroke:#30363d}.marker{stroke:#6e7681}"
        for (index, colour) in darkSeriesColours.enumerated() {
            css += ".s\(index){stroke:\(colour);fill:\(colour)}"
        }
        return css + "}"
    }

    static func seriesClass(_ index: Int) -> String { "s\(index % seriesColours.count)" }
}
