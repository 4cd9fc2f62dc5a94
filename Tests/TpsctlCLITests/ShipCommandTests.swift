import Foundation
import Testing
import TpsctlTestSupport
@testable import AWSClientTestSupport

/// `tpsctl build`, `push` and `verify-image` refuse bad input with one line and exit 1,
/// before building or calling AWS.
@Suite("tpsctl build / push / verify-image input")
struct ShipCommandTests {
    static func stack(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/stack.yaml"
        try """
        stack: tps-ship-test
        regions:
          - name: ap-northeast-1
            cidr: 10.110.0.0/16
        local:
          endpointURL: http://127.0.0.1:9
          registryURL: http://127.0.0.1:9

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an unknown --service names the services")
    func unknownService() async throws {
        let home = try TemporaryDirectory()
        let result = try await TpsctlChild.run(["build", "--service", "nope"], environment: WhoamiCommandTests.environment(home: home))
        WhoamiCommandTests.expectOneLineError(result, "--service: 'nope' is not a service (expected one of public-api, confirm-api, confirm-worker)")
    }

    @Test("push, verify-image and render name the services the same way for an unknown --service",
          arguments: ["push", "verify-image", "render"])
    func unknownServiceElsewhere(command: String) async throws {
        let home = try TemporaryDirectory()
        let stack = try Self.stack(in: home)
        let result = try await TpsctlChild.run([command, "--service", "nope", "--stack", stack, "--state-dir", home.path + "/out"],
                                                 environment: WhoamiCommandTests.environment(home: home))
        WhoamiCommandTests.expectOneLineError(result, "--service: 'nope' is not a service (expected one of public-api, confirm-api, confirm-worker)")
    }

    @Test("push of a service never built points at tpsctl build, before any AWS call")
    func pushUnbuilt() async throws {
        let home = try TemporaryDirectory()
        let stack = try Self.stack(in: home)
        let result = try await TpsctlChild.run(
            ["push", "--service", "confirm-api", "--stack", stack, "--state-dir", home.path + "/out"],
            environment: WhoamiCommandTests.environment(home: home))
        WhoamiCommandTests.expectOneLineError(
            result, "confirm-api: no image at \(home.path)/out/images/confirm-api; run tpsctl build --service confirm-api first")
    }

    @Test("verify-image without a recorded push points at tpsctl push")
    func verifyUnpushed() async throws {
        let home = try TemporaryDirectory()
        let stack = try Self.stack(in: home)
        let result = try await TpsctlChild.run(
            ["verify-image", "--service", "public-api", "--stack", stack, "--state-dir", home.path + "/out"],
            environment: WhoamiCommandTests.environment(home: home))
        WhoamiCommandTests.expectOneLineError(
            result, "no pushed image recorded at ap-northeast-1/01-ecr/ecr_image.public-api; run tpsctl push --service public-api first")
    }

    @Test("--env must be KEY=VALUE")
    func badEnv() async throws {
        let home = try TemporaryDirectory()
        let stack = try Self.stack(in: home)
        let result = try await TpsctlChild.run(
            ["verify-image", "--service", "public-api", "--stack", stack, "--state-dir", home.path + "/out", "--env", "=x"],
            environment: WhoamiCommandTests.environment(home: home))
        WhoamiCommandTests.expectOneLineError(result, "--env #1: expected KEY=VALUE")
    }
}
