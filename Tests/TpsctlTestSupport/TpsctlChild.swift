import Foundation

/// The built `tpsctl` run as a child process, as a user runs it — for every test target that
/// checks the CLI itself: its exit status and output, two runs at once, or a `kill -9` mid-run.
/// The binary is the one next to the test bundle, else `.build/debug/tpsctl`.
public final class TpsctlChild: @unchecked Sendable {
    public struct Result: Sendable {
        public var status: Int32
        /// SIGKILL and friends: the child never got to exit on its own.
        public var signalled: Bool
        public var stdout: String
        public var stderr: String
    }

    public let process = Process()
    private let stdout = Pipe()
    private let stderr = Pipe()
    private let outputData = Collected()
    private let errorData = Collected()
    private let finished = DispatchGroup()

    public static func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tpsctl").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/tpsctl").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TpsctlNotBuilt(description: "tpsctl is not built (looked at \(candidates.joined(separator: ", "))): run swift build first")
        }
        return found
    }

    /// Starts `tpsctl arguments…` with only `environment` (plus PATH).
    public init(_ arguments: [String], environment: [String: String]) throws {
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

    public var pid: Int32 { process.processIdentifier }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the child to end (its pipes drained first, so it cannot block on a full one).
    public func wait() async -> Result {
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

    public static func run(_ arguments: [String], environment: [String: String]) async throws -> Result {
        await (try TpsctlChild(arguments, environment: environment)).wait()
    }
}

/// Bytes handed from a reading thread to the waiting one (ordered by the DispatchGroup).
private final class Collected: @unchecked Sendable {
    var data = Data()
}

public struct TpsctlNotBuilt: Error, CustomStringConvertible {
    public let description: String
}
