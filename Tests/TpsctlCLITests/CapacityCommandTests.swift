import Foundation
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// `tpsctl capacity` and `plan`'s capacity warnings as a user runs them: the built binary
/// against the local AWS, which answers the Fargate vCPU quota (Service Quotas L-3032A538).
@Suite("tpsctl capacity and plan's capacity warnings", .serialized)
struct CapacityCommandTests {
    /// 50,000 requests/s of the mix need 38 public-api tasks of 1 vCPU (2,000/s × 60 %) in each
    /// region; the test stack's services default to maxCount 20.
    static let target = "capacity:\n  targetRPS: 50000\n"

    static func environment(_ test: TestStack) -> [String: String] {
        ["HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret",
         "AWS_EC2_METADATA_DISABLED": "true"]
    }

    @Test("plan warns at the maxCount line that cannot reach capacity.targetRPS and at the quota a region lacks")
    func planWarns() async throws {
        let test = try TestStack("capwarn", images: false, extraYAML: Self.target)
        defer { test.removeFiles() }
        try await test.aws.setFargateVCPUQuota(6, region: "ap-northeast-2", accessKeyId: test.accessKeyId)
        defer { Task { try? await test.aws.setFargateVCPUQuota(nil, accessKeyId: test.accessKeyId) } }
        let plan = try await TpsctlChild.run(["plan", "--stack", test.stackFile.path, "--all-regions", "--to", "03",
                                              "--state-dir", test.stateDirectory.path], environment: Self.environment(test))
        #expect(plan.status == 0, "\(plan.stderr)")
        let warnings = plan.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        // The test stack leaves `services` to the defaults, so the warning names the file's first line.
        #expect(warnings.contains { $0.contains("\(test.stackFile.path):1: warning: services.public-api.maxCount 20 cannot reach capacity.targetRPS 50000 in ap-northeast-1") },
                "\(plan.stderr)")
        #expect(warnings.contains { $0.contains("Fargate vCPU in ap-northeast-2, more than the account's quota of 6") },
                "\(plan.stderr)")
        #expect(!warnings.contains { $0.contains("quota") && $0.contains("ap-northeast-1") })
        #expect(try await test.mutations().isEmpty, "plan mutated something")
    }

    @Test("capacity --output json: tasks per service and each region's quota, read-only")
    func json() async throws {
        let test = try TestStack("capjson", images: false, extraYAML: Self.target)
        defer { test.removeFiles() }
        let run = try await TpsctlChild.run(["capacity", "--stack", test.stackFile.path, "--rps", "1000", "--output", "json"],
                                            environment: Self.environment(test))
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(plan["requestsPerSecond"] as? Int == 1000)
        let regions = try #require(plan["regions"] as? [[String: Any]])
        #expect(regions.map { $0["region"] as? String } == ["ap-northeast-1", "ap-northeast-2"])
        let services = try #require(regions[0]["services"] as? [[String: Any]])
        // 900 req/s ÷ 1,200 → 1; 500 ÷ 480 → 2; 100 commits ÷ (200 × 0.5 vCPU × 60 %) → 2.
        #expect(services.map { $0["tasks"] as? Int } == [1, 2, 2])
        #expect(regions.allSatisfy { ($0["fargateVCPUQuota"] as? Double) != nil })
        #expect(regions[0]["sqsMode"] as? String == "fifo")
        #expect(try await test.mutations().isEmpty)
    }

    @Test("a --measured file that is not a load result fails with file:line before any AWS call")
    func badMeasuredFile() async throws {
        let test = try TestStack("capbad", images: false)
        defer { test.removeFiles() }
        let bad = test.directory.appendingPathComponent("one-task.json")
        try "{\n  \"targetRates\": [100],\n  \"stepSeconds\": \"ten\"\n}\n".write(to: bad, atomically: true, encoding: .utf8)
        let run = try await TpsctlChild.run(["capacity", "--stack", test.stackFile.path, "--measured", bad.path],
                                            environment: Self.environment(test))
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("tpsctl: error: \(bad.path):3: stepSeconds:"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try await test.aws.requests(signedWith: test.accessKeyId).isEmpty, "an AWS call before the file was checked")
    }
}
