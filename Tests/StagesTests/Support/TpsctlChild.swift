import Foundation

/// The built `tpsctl` run as a child process against the emulator, so tests can do what a user
/// (or the OOM killer) does: run two at once, or `kill -9` one mid-run. Finds the binary as the
/// AWSClientTests' `TpsctlProcess` does (next to the test bundle, else `.build/debug`).
final class TpsctlChild: @unchecked Sendable {
    struct Result: Sendable {
        var status: Int32
        /// SIGKILL and friends: the child never got to exit on its own.
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    let process = Process()
    private let stdout = Pipe()
    private let stderr = Pipe()
    private let outputData = Collected()
    private let errorData = Collected()
    private let finished = DispatchGroup()

    static func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tpsctl").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/tpsctl").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw MissingServer("tpsctl is not built (looked at \(candidates.joined(separator: ", "))): run swift build first")
        }
        return found
    }

    /// Starts `tpsctl arguments…` with only `environment` (plus PATH).
    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = arguments
        var variables = environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = variables
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        for (pipe, sink) in [(stdout, outputData), (stderr, errorData)] {
            finished.enter()
            DispatchQueue.global().async { [finished] in
                sink.data = pipe.fileHandleForReading.readDataToEndOfFile()
                finished.leave()
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the child to end (its pipes drained first, so it cannot block on a full one).
    func wait() async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [self] in
                finished.wait()
                process.waitUntilExit()
                continuation.resume(returning: Result(
                    status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                    stdout: String(decoding: outputData.data, as: UTF8.self),
                    stderr: String(decoding: errorData.data, as: UTF8.self)))
            }
        }
    }

    static func run(_ arguments: [String], environment: [String: String]) async throws -> Result {
        await (try TpsctlChild(arguments, environment: environment)).wait()
    }
}

/// Bytes handed from a reading thread to the waiting one (ordered by the DispatchGroup).
private final class Collected: @unchecked Sendable {
    var data = Data()
}
