import ArgumentParser
import Foundation
import Stack

/// `reportingErrors`, except that a stack file with several problems prints one
/// `tpsctl: error: file:line: message` line per problem, so each stays clickable.
func reportingDiagnostics(_ body: () async throws -> Void) async throws {
    try await reportingErrors {
        do {
            try await body()
        } catch let error as StackValidationError {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data("tpsctl: error: \(diagnostic)\n".utf8))
            }
            throw ExitCode.failure
        }
    }
}
