import Foundation

/// A fresh directory for one test's files, removed by the test.
struct ScratchDirectory: Sendable {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "tps-load-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { root + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
