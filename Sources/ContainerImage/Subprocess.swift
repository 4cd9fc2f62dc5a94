import Foundation

/// Runs a host tool (strip, ldconfig, git) to completion and captures its output. Output is
/// read through files so a chatty tool can never block on a full pipe.
public enum Subprocess {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    static func run(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outputPath = NSTemporaryDirectory() + "tps-subprocess-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outputPath + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: outputPath + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outputPath + ".out")
            try? FileManager.default.removeItem(atPath: outputPath + ".err")
        }
        let standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath + ".out"))
        let standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath + ".err"))
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ContainerImageError.commandUnavailable(command: executable, reason: "cannot start: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? standardOutput.close()
        try? standardError.close()
        let out = (try? String(contentsOfFile: outputPath + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: outputPath + ".err", encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, standardOutput: out, standardError: err)
    }

    /// Runs and throws a one-line error (command, status, first line of stderr) on failure.
    static func checked(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) throws -> String {
        let result = try run(executable, arguments, currentDirectory: currentDirectory)
        guard result.status == 0 else {
            let firstLine = result.standardError.split(separator: "\n").first.map(String.init) ?? ""
            throw ContainerImageError.commandFailed(command: ([executable] + arguments).joined(separator: " "), status: result.status, output: firstLine)
        }
        return result.standardOutput
    }

    /// The absolute path of a tool, looked up in PATH plus the sbin directories (ldconfig lives there).
    public static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + tool }.first { access($0, X_OK) == 0 }
    }
}
