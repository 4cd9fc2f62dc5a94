import Foundation
import Testing

@Suite("scripts/validate-openapi.sh")
struct OpenAPIValidatorScriptTests {
    static let script = OpenAPIDocument.packageRoot.appendingPathComponent("scripts/validate-openapi.sh").path

    @Test("The contract is valid OpenAPI 3.1")
    func contractIsValid() throws {
        let (status, output) = try Shell.run([Self.script])
        #expect(status == 0, "\(output)")
        #expect(output.contains("valid OpenAPI 3.1"))
    }

    @Test("A broken contract fails the script with the place named")
    func brokenContractFails() throws {
        let text = try String(contentsOf: OpenAPIDocument.path, encoding: .utf8)
            .replacingOccurrences(of: "  /public/ping:", with: "  public-ping:")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yaml")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        let (status, output) = try Shell.run([Self.script, broken.path])
        #expect(status != 0)
        #expect(output.contains("public-ping"), "\(output)")
    }
}

/// Runs a command and collects its exit status and combined output.
enum Shell {
    static func run(_ arguments: [String], environment: [String: String]? = nil,
                    input: Data? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
