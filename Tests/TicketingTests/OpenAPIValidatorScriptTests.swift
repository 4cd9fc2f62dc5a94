import Foundation
import Testing
import TpsctlTestSupport

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
