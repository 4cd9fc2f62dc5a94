import DatabaseMigrations
import Foundation
import Ticketing

/// Paths to the real templates and throwaway migration directories for the tests.
enum MigrationFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repositoryRoot.appendingPathComponent("templates/db")

    static let smallSeed = try! SeedParameters(eventCount: 2, sectionsPerEvent: 3, seatsPerSection: 10,
                                              basePriceMinor: 5_000, priceStepMinor: 1_000, currency: "JPY")

    /// A fresh directory holding `files` (name → SQL text).
    static func directory(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }
}
