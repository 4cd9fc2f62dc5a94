import Foundation

/// A scratch directory removed when the test is done with it.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "image-test") throws {
        path = NSTemporaryDirectory() + "tps-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}
