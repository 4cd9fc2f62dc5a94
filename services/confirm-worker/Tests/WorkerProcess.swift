import Foundation

/// The real `confirm-worker` executable as a child process, so a test can kill it mid-batch
/// the way ECS (or the kernel) would.
final class WorkerProcess {
    private let process = Process()

    init(environment: [String: String]) throws {
        process.executableURL = try Self.binary()
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL: no drain, no cleanup, exactly a crash.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// SIGTERM, then the exit status once it drained.
    func terminate() -> Int32 {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// `confirm-worker`, built next to the test bundle by SwiftPM.
    static func binary() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("confirm-worker") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw WorkerProcessError("confirm-worker not built; looked in \(candidates.map(\.path)); run `swift build --build-tests`")
        }
        return found
    }
}

struct WorkerProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
