import AWSClient
import Foundation
import Provisioning
import Stack
import Stages

/// One test's stack: a distinct stack name, its own state directory and access key id (so its
/// requests can be told apart in the emulator's log), both regions of the emulator.
struct TestStack {
    let aws: LocalAWS
    let registry: LocalRegistry
    let name: String
    let accessKeyId: String
    let directory: URL
    /// `--image` entries; empty: stages 04-05 use the images stage 01 pushed.
    var imageReferences: [String] = []
    /// Extra keys of the stack's `local` section (e.g. `databaseURL: …`), indented under it.
    let localYAML: String
    /// What `up` reads from the environment besides the registry's (the local servers' passwords).
    var serverEnvironment: [String: String] = [:]

    /// `images`: build every service's tiny image, so stage 01 has something to push.
    /// `extraYAML`: top-level stack keys appended to the file (e.g. a `services:` section).
    /// `cidrs`: the two regions' VPC ranges. Task addresses come from them, and every data plane
    /// on the host routes its task addresses on the host: a test running tasks beside another
    /// run (`make demo` uses the defaults) needs ranges of its own.
    init(_ label: String, images: Bool = true, extraYAML: String = "", localYAML: String = "",
         cidrs: [String] = ["10.110.0.0/16", "10.120.0.0/16"]) throws {
        aws = try LocalAWS.required()
        registry = try LocalRegistry.required()
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        name = "t\(label)-\(suffix)"
        accessKeyId = "AKIA\(label.uppercased())\(suffix.uppercased())"
        self.localYAML = localYAML
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try (Self.yaml(name: name, endpoint: aws.endpoint, local: localYAML, cidrs: cidrs) + extraYAML).write(to: stackFile, atomically: true, encoding: .utf8)
        if images { try TestImages.build(into: imagesDirectory, revision: "rev-\(name)") }
    }

    /// Two random VPC ranges in 10.160-249.x: for stacks whose tasks really run, so they do not
    /// take the addresses of `make demo` (10.110/10.120) or of another worktree's tests on the host.
    static func isolatedRanges() -> [String] {
        let first = Int.random(in: 160...248)
        return ["10.\(first).0.0/16", "10.\(Int.random(in: (first + 1)...249)).0.0/16"]
    }

    /// Where stage 01 looks for the services' built images: beside the state directory, so a
    /// test that deletes its state keeps them (as a build directory would).
    var imagesDirectory: URL { directory.appendingPathComponent("images") }

    var stackFile: URL { directory.appendingPathComponent("stack.yaml") }
    var stateDirectory: URL { directory.appendingPathComponent("out") }

    func request(stage: String? = nil, to: String? = nil, regions: [String] = []) throws -> DeploymentRequest {
        var request = DeploymentRequest(stackPath: stackFile.path, regions: regions,
                                        selection: try StageSelection(stage: stage, to: to), stateDirectory: stateDirectory.path,
                                        imagesDirectory: imagesDirectory.path)
        request.images = try imageReferences.map { entry in try ImageOverride(parsing: entry) }
        request.templatesDirectory = Self.templatesDirectory
        return request
    }

    /// The repository's `templates/`, wherever the tests run from.
    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    func deployment(stage: String? = nil, to: String? = nil, regions: [String] = []) throws -> Deployment {
        try self.request(stage: stage, to: to, regions: regions)
            .validate(environment: registry.environment.merging(serverEnvironment) { _, server in server })
    }

    /// Clients signed with this test's key, sent to the emulator.
    func targets(_ deployment: Deployment) throws -> [RegionTarget] {
        let environment = AWSEnvironment(
            ["AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_MAX_ATTEMPTS": "5"],
            homeDirectory: directory.path)
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: "ap-northeast-1", endpointURL: deployment.endpointURL), environment: environment)
        return try deployment.targets { try AWSClient(configuration: configuration, region: $0) }
    }

    func client(_ region: String) throws -> AWSClient {
        let deployment = try deployment()
        return try targets(deployment).first { $0.name == region }!.client
    }

    func up(stage: String? = nil) async throws -> ApplyReport {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions)
            .apply(graph, selection: deployment.selection, environment: deployment.environment)
    }

    func plan(stage: String? = nil) async throws -> Plan {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return try await deployment.engine(options: Self.fastOptions).plan(graph, selection: deployment.selection)
    }

    func drift() async throws -> DriftReport {
        let deployment = try deployment()
        let graph = try await deployment.graph(try targets(deployment))
        return try await deployment.engine(options: Self.fastOptions).drift(graph, selection: deployment.selection)
    }

    /// `regions`: only these (`--region`); empty: every region of the stack.
    func down(stage: String? = nil, regions: [String] = []) async throws -> DestroyReport {
        let deployment = try deployment(stage: stage, regions: regions)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions).destroy(graph, selection: deployment.selection)
    }

    func mutations() async throws -> [LocalAWS.LoggedRequest] {
        try await aws.requests(signedWith: accessKeyId).filter(\.mutating)
    }

    /// Every file tpsctl wrote for this stack (state, outputs, `.env.generated`).
    func writtenFiles() -> [URL] {
        let walker = FileManager.default.enumerator(at: stateDirectory, includingPropertiesForKeys: [.isRegularFileKey])
        return (walker?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: directory)
    }

    static let fastOptions = EngineOptions(
        waitPolicy: WaitPolicy(initialInterval: .milliseconds(100), maxInterval: .seconds(1), timeout: .seconds(300)))

    static func yaml(name: String, endpoint: String, local: String = "",
                     cidrs: [String] = ["10.110.0.0/16", "10.120.0.0/16"]) -> String {
        """
        stack: \(name)
        tags:
          project: stages-tests
        regions:
          - name: ap-northeast-1
            cidr: \(cidrs[0])
            azCount: 2
            nat: single
          - name: ap-northeast-2
            cidr: \(cidrs[1])
            azCount: 2
            nat: single
        network:
          publicSubnetPrefix: 24
          privateSubnetPrefix: 22
          interfaceEndpoints: true
        dataPlane:
          queue:
            visibilityTimeoutSeconds: 30
            maxReceiveCount: 3
            receiveWaitTimeSeconds: 5
            messageRetentionSeconds: 86400
            deadLetterRetentionSeconds: 86400
          seatLocks:
            ttlAttribute: expiresAt
            pointInTimeRecovery: true
        local:
          endpointURL: \(endpoint)
        \(local.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        """
    }
}
