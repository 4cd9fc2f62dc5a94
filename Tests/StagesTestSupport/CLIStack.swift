import Foundation
import TpsctlTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `TestStack` driven through the built `tpsctl` binary: its stack file, state directory and
/// access key id (so the emulator's request log and faults are this test's alone).
struct CLIStack {
    let test: TestStack

    /// The tiny images TestStack built sit beside the state directory; the CLI looks for them
    /// in `<state dir>/images`, so that is linked to them.
    init(_ label: String) throws {
        test = try TestStack(label)
        try FileManager.default.createDirectory(at: test.stateDirectory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: test.stateDirectory.appendingPathComponent("images"),
                                                   withDestinationURL: test.imagesDirectory)
    }

    /// The child's whole environment: this test's credentials, the local registry that stage 01
    /// pushes to (an emulator's ECR has none), retry waits of 20 ms to 0.5 s instead of 1 to 20 s,
    /// and an adaptive floor of 8 calls/s instead of 0.5: the emulator throttles at random,
    /// whatever the rate, so the SDKs' floor would pin each service near it for minutes. The
    /// budget's attempts and the limiter's algorithm stay the product's.
    var environment: [String: String] {
        ["HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret",
         "AWS_EC2_METADATA_DISABLED": "true", "TPSCTL_RETRY_BASE_DELAY_MS": "20", "TPSCTL_RETRY_MAX_BACKOFF_MS": "500",
         "TPSCTL_ADAPTIVE_MIN_RATE": "8"]
            .merging(test.registry.environment) { _, registry in registry }
    }

    func arguments(_ command: String, _ extra: [String] = []) -> [String] {
        [command, "--stack", test.stackFile.path, "--all-regions", "--to", "03", "--state-dir", test.stateDirectory.path]
            + extra
    }

    func start(_ command: String, _ extra: [String] = []) throws -> TpsctlChild {
        try TpsctlChild(arguments(command, extra), environment: environment)
    }

    func run(_ command: String, _ extra: [String] = []) async throws -> TpsctlChild.Result {
        try await TpsctlChild.run(arguments(command, extra), environment: environment)
    }

    /// Mutating calls this stack's runs have made so far.
    func mutationCount() async throws -> Int {
        try await test.aws.requests(signedWith: test.accessKeyId).filter(\.mutating).count
    }

    /// Polls the request log until `count` mutations happened or `child` ended; true if reached.
    func waitForMutations(_ count: Int, while child: TpsctlChild) async throws -> Bool {
        while child.process.isRunning {
            if try await mutationCount() >= count { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    var lockFile: URL { test.stateDirectory.appendingPathComponent(".lock") }

    /// Adds a fault scoped to this stack's access key (`/_tps/faults`).
    func addFault(_ body: [String: Any]) async throws {
        var spec = body
        spec["accessKeyId"] = test.accessKeyId
        var request = URLRequest(url: URL(string: test.aws.endpoint + "/_tps/faults")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: spec)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw MissingServer("POST /_tps/faults failed on \(test.aws.endpoint): is it the project's local AWS?")
        }
    }

    func removeFaults() async throws {
        var request = URLRequest(url: URL(string: test.aws.endpoint + "/_tps/faults?accessKeyId=\(test.accessKeyId)")!)
        request.httpMethod = "DELETE"
        _ = try await URLSession.shared.data(for: request)
    }
}
