import Foundation

/// Runs the built `tpsctl` binary as a subprocess with an explicit environment.
enum TpsctlProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (`.build/<triple>/debug/tpsctl`).
    static func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tpsctl").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/tpsctl").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSetupError(description: "tpsctl is not built (looked at \(candidates.joined(separator: ", "))): run swift build first")
        }
        return found
    }

    /// Runs `tpsctl arguments…` with `environment` (plus PATH) and waits for it.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Result {
        let executable = try binary()
        var variables = environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let finalVariables = variables
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = finalVariables
                let stdout = Pipe()
                let stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                // Drain stderr concurrently so a chatty child cannot block on a full pipe.
                let group = DispatchGroup()
                let errorData = DataBox()
                group.enter()
                DispatchQueue.global().async {
                    errorData.data = stderr.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: Result(
                    status: process.terminationStatus,
                    stdout: String(decoding: outputData, as: UTF8.self),
                    stderr: String(decoding: errorData.data, as: UTF8.self)))
            }
        }
    }
}

/// Hands stderr's bytes from the reading thread to the waiting one (ordered by the DispatchGroup).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
