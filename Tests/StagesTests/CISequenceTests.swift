import Foundation
import LocalDataPlane
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

extension ServiceStages {
    /// The CI/CD workflow's deployment steps, run locally: the very make targets
    /// `.github/workflows/cicd.yml` calls (`ci-plan`, `ci-up`, `ci-e2e`, `ci-load`, `ci-down`),
    /// in its order, against the local AWS with a data plane of this test's own names. Nested in
    /// ServiceStages so it never runs beside the other suites deploying stages 04-05.
    @Suite("The CI sequence against the local AWS", .serialized)
    struct CISequenceTests {
        static let naming = TaskNetwork.Naming(namespacePrefix: "tpsci-", linkPrefix: "tpsq")

        /// The repository (the Makefile's directory).
        static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()

        @Test("make ci-plan → ci-up → ci-e2e → ci-load → ci-down: each step succeeds, the plan JSON and its summary, the E2E result and the load report are written, and down leaves nothing")
        func sequence() async throws {
            try await LocalDeployment.with("ci", naming: Self.naming) { deployment in
                let test = deployment.test
                try FileManager.default.createDirectory(at: test.stateDirectory, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: test.stateDirectory.appendingPathComponent("images"),
                                                           withDestinationURL: test.imagesDirectory)
                let ciOut = test.directory.appendingPathComponent("ci")
                var environment = ProcessInfo.processInfo.environment
                for (key, value) in ["HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId,
                                     "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_EC2_METADATA_DISABLED": "true"] {
                    environment[key] = value
                }
                environment.merge(test.registry.environment) { _, registry in registry }
                environment.merge(test.serverEnvironment) { _, server in server }
                environment["GITHUB_STEP_SUMMARY"] = nil
                let variables = ["STACK=\(test.stackFile.path)", "STATE_DIR=\(test.stateDirectory.path)", "CI_OUT=\(ciOut.path)",
                                 "REGIONS=--all-regions", "CI_TPSCTL=\(try TpsctlChild.binary())",
                                 "LOAD_RATES=20", "LOAD_STEP_SECONDS=5", "LOAD_SHARDS=1"]

                var timings: [String] = []
                var calls = try await test.aws.requests(signedWith: test.accessKeyId).count
                let started = ContinuousClock.now
                for target in ["ci-plan", "ci-up", "ci-e2e", "ci-load", "ci-down"] {
                    let stepStarted = ContinuousClock.now
                    let (status, output) = try Self.make(target, variables: variables, environment: environment)
                    let now = try await test.aws.requests(signedWith: test.accessKeyId).count
                    timings.append("\(target) \(ContinuousClock.now - stepStarted), \(now - calls) AWS calls")
                    calls = now
                    try #require(status == 0, "make \(target) failed (\(status)):\n\(output.suffix(3000))")
                }
                let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: ciOut.appendingPathComponent("plan.json"))) as? [String: Any]
                #expect(plan?["hasChanges"] as? Bool == true, "the plan of an empty account has changes")
                let summary = try String(contentsOf: ciOut.appendingPathComponent("plan-summary.md"), encoding: .utf8)
                #expect(summary.contains("| ap-northeast-1 |") && summary.contains("+ ap-northeast-1/00-network/vpc"), "\(summary.prefix(600))")
                let e2e = try JSONSerialization.jsonObject(with: Data(contentsOf: ciOut.appendingPathComponent("e2e-result.json"))) as? [String: Any]
                #expect(e2e?["passed"] as? Bool == true)
                let report = try String(contentsOf: ciOut.appendingPathComponent("load-report.md"), encoding: .utf8)
                #expect(report.contains("20"), "the load report covers the 20/s step")
                let left = try await IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name).counts()
                #expect(left.values.allSatisfy { $0 == 0 }, "ci-down leaves nothing: \(left)")
                print("CI sequence: \(ContinuousClock.now - started) in all, \(try await test.aws.requests(signedWith: test.accessKeyId).count) AWS calls; "
                      + timings.joined(separator: "; "))
            }
        }

        /// `make -C <repository> <target> VAR=…`, its status and combined output.
        static func make(_ target: String, variables: [String], environment: [String: String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/make")
            process.arguments = ["--no-print-directory", "-C", root.path, target] + variables
            process.environment = environment
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("ci-\(target)-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            defer { try? FileManager.default.removeItem(at: output) }
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            process.waitUntilExit()
            try handle.close()
            return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
    }
}
