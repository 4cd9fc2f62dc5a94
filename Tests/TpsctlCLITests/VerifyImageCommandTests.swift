import Foundation
import TpsctlTestSupport
import Testing
@testable import StagesTestSupport

/// `tpsctl verify-image` after `up --stage 01`, as a user runs them: what it pulls is what the
/// state recorded for that region, and it starts the image on the path ECS would probe.
@Suite("tpsctl verify-image as a process")
struct VerifyImageCommandTests {
    @Test("verify-image pulls each region's recorded digest from that region's namespace and starts the worker on its container health path")
    func verifiesWhatUpRecorded() async throws {
        let stack = try CLIStack("verify")
        defer { stack.test.removeFiles() }
        let common = ["--stack", stack.test.stackFile.path, "--state-dir", stack.test.stateDirectory.path]
        let up = try await TpsctlChild.run(["up", "--all-regions", "--stage", "01"] + common, environment: stack.environment)
        #expect(up.status == 0, "up --stage 01:\n\(up.stdout)\(up.stderr)")

        for region in TpsctlCommandTests.regions {
            let verify = try await TpsctlChild.run(
                ["verify-image", "--region", region, "--service", "confirm-worker", "--timeout", "30"] + common,
                environment: stack.environment)
            #expect(verify.status == 0, "verify-image in \(region):\n\(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.contains("/health answered HTTP 200"), "\(verify.stdout)")
        }

        let down = try await TpsctlChild.run(["down", "--yes", "--all-regions", "--stage", "01"] + common, environment: stack.environment)
        #expect(down.status == 0, "down --stage 01:\n\(down.stdout)\(down.stderr)")
    }
}
