import E2EScenario
import Foundation
import Testing

/// The built `tpsctl` run as a subprocess (`SpawnedProgram`, as `load --processes` runs its
/// shards), its output collected in a scratch directory.
enum TpsctlRun {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `tpsctl` next to the test bundle, or in .build/debug.
    static func binary() throws -> String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
            .standardizedFileURL
        let candidates = [bundleDirectory.appendingPathComponent("tpsctl").path,
                          packageRoot.appendingPathComponent(".build/debug/tpsctl").path]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw StackError("tpsctl is not built (looked at \(candidates.joined(separator: ", "))): run swift build first")
        }
        return found
    }

    static func run(_ arguments: [String], in directory: ScratchDirectory) async throws -> Result {
        let name = UUID().uuidString
        let program = try SpawnedProgram(executable: try binary(), arguments: arguments,
                                         stdoutPath: directory.path("\(name).out"),
                                         stderrPath: directory.path("\(name).err"))
        let status = await program.exitCode()
        return Result(status: status, stdout: program.standardOutput, stderr: program.standardError)
    }

    /// The run failed with exactly one stderr line `tpsctl: error: <message>` and printed nothing else.
    static func expectOneLineError(_ result: Result, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(result.stderr == "tpsctl: error: \(message)\n", sourceLocation: sourceLocation)
    }
}

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
