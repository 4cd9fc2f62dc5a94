import Foundation
import Testing

/// The `ProvisioningProbe` helper running as a second process, with its stdout collected.
final class ProbeProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let mutex = NSLock()
    private var collected = ""

    init(_ arguments: [String]) throws {
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.mutex.lock()
            self.collected += String(decoding: data, as: UTF8.self)
            self.mutex.unlock()
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    var stdout: String {
        mutex.lock()
        defer { mutex.unlock() }
        return collected
    }

    /// Waits until stdout has a line starting with `prefix`; fails loudly with stderr otherwise.
    func waitForLine(_ prefix: String, timeout: Duration = .seconds(60)) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var exitedAt: ContinuousClock.Instant?
        while clock.now < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) { return String(line) }
            if !process.isRunning {
                // Give the pipe a moment to deliver the last output before giving up.
                if let exitedAt, exitedAt.duration(to: clock.now) > .milliseconds(500) {
                    let message = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
                    throw ProbeFailure(message: "probe exited (\(process.terminationStatus)) before '\(prefix)': \(message)")
                }
                exitedAt = exitedAt ?? clock.now
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ProbeFailure(message: "probe did not print '\(prefix)' within \(timeout); stdout: \(stdout)")
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for exit and returns the status.
    func exitStatus() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// `ProvisioningProbe`, built next to the test bundle by SwiftPM.
    static func binary() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("ProvisioningProbe") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ProbeFailure(
                message: "ProvisioningProbe not built; looked in \(candidates.map(\.path)); run `swift build --build-tests`")
        }
        return found
    }
}

struct ProbeFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
