/// A chart written beside the report, as the report links it: its title (the image's alt
/// text) and its file name relative to the report.
public struct LoadChartLink: Sendable, Equatable {
    public let title: String
    public let file: String

    public init(title: String, file: String) {
        self.title = title
        self.file = file
    }
}
