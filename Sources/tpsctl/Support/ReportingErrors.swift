import ArgumentParser
import Foundation

/// Runs a command body; any error becomes one line on stderr (`tpsctl: error: …`) and exit
/// status 1 — no stack trace, no type names. Descriptions never contain secrets.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let line = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("tpsctl: error: \(line)\n".utf8))
        throw ExitCode.failure
    }
}
