import E2EScenario
import Foundation

/// `tpsctl load --processes N`: N shard children of this executable, each writing its JSON
/// result into `directory`; a child that fails stops the others and names itself with its
/// stderr's last line.
struct LoadFanOut {
    /// A shard's files in `directory`.
    struct ShardFiles {
        let json: String
        let report: String
        let stdout: String
        let stderr: String
    }

    struct ShardFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Seconds between starting the children and their first step: time to spawn and
    /// prepare their fixtures.
    static let lead: TimeInterval = 2

    /// How a child's error line begins (`reportingErrors`); dropped when quoting it.
    static let errorPrefix = "tpsctl: error: "

    let processes: Int
    let directory: String
    let arguments: (LoadShard, ShardFiles) -> [String]

    /// The shards' (file, result) once every child has exited 0.
    func run() async throws -> [(file: String, report: LoadReport)] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let executable = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        var children: [(LoadShard, ShardFiles, SpawnedProgram)] = []
        for index in 1...processes {
            let shard = try LoadShard(parsing: "\(index)/\(processes)")
            let base = (directory as NSString).appendingPathComponent("shard-\(index)-of-\(processes)")
            let files = ShardFiles(json: base + ".json", report: base + ".md", stdout: base + ".out", stderr: base + ".err")
            do {
                children.append((shard, files, try SpawnedProgram(executable: executable,
                                                                  arguments: arguments(shard, files),
                                                                  stdoutPath: files.stdout, stderrPath: files.stderr)))
            } catch {
                children.forEach { $0.2.terminate() }
                throw ShardFailed(description: "load: shard \(shard): \(error)")
            }
        }
        var failure: ShardFailed?
        let programs = children.map(\.2)
        await withTaskGroup(of: (Int, Int32).self) { group in
            for (offset, program) in programs.enumerated() {
                group.addTask { (offset, await program.exitCode()) }
            }
            for await (offset, code) in group where code != 0 && failure == nil {
                let (shard, files, program) = children[offset]
                let last = program.standardError.split(whereSeparator: \.isNewline).last
                    .map { $0.hasPrefix(Self.errorPrefix) ? String($0.dropFirst(Self.errorPrefix.count)) : String($0) }
                    ?? "no stderr (see \(files.stdout))"
                failure = ShardFailed(description: "load: shard \(shard) failed (exit \(code)): \(last)")
                children.forEach { $0.2.terminate() }
            }
        }
        if let failure { throw failure }
        return try children.map { (file: $0.1.json, report: try LoadResultFiles.read($0.1.json)) }
    }
}
