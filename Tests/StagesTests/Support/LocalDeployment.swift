import AWSClient
@testable import DatabaseMigrations
import Foundation
import LocalDataPlane
import Logging
import Provisioning
import Stack
@testable import Stages
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// One whole local deployment, as `make demo` makes it but of a test's own: the services' real
/// images, a stack with CloudFront on (its own name, state directory, access key and scratch
/// database), and the data plane — ECS agent, ALB plane, distribution plane — in this process,
/// its namespaces and links named by `naming` so it never touches another run's.
struct LocalDeployment {
    let test: TestStack
    let agent: ECSAgent
    let loadBalancers: LoadBalancerPlane
    let distributions: DistributionPlane
    let serving: Task<Void, any Error>
    /// The tasks' 127.0.0.1:<relay.port> on the host, relayed to the entry point (load-bot tasks).
    let relay: HostRelay
    let naming: TaskNetwork.Naming
    let admin: DatabaseURL
    let database: String

    /// Real services, one task each; short ALB health checks keep the failure cases quick.
    static let stackYAML = """
        services:
          public-api: {desiredCount: 1, minCount: 1, maxCount: 3, port: 8080, healthPath: /public/health, env: {LOG_LEVEL: info}}
          confirm-api: {desiredCount: 1, minCount: 1, maxCount: 3, port: 8080, healthPath: /confirm/health, env: {LOG_LEVEL: info}}
          confirm-worker: {desiredCount: 1, minCount: 1, maxCount: 3, env: {LOG_LEVEL: info}}
        alb:
          healthCheckIntervalSeconds: 5
          healthyThreshold: 2
          unhealthyThreshold: 2
          deregistrationDelaySeconds: 0
        cloudFront:
          enabled: true
          summaryTTLSeconds: 10
          primaryRegion: ap-northeast-1
        dbInit:
          events: 2
          sectionsPerEvent: 3
          seatsPerSection: 50
          basePriceMinor: 50000
          priceStepMinor: 10000
          currency: KRW

        """

    /// Creates the scratch database, the stack and its images, and starts the data plane (not
    /// `up`: the test does that). Fails loudly when a local server is missing.
    static func start(_ label: String, naming: TaskNetwork.Naming) async throws -> LocalDeployment {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["TPS_DATABASE_URL"], !server.isEmpty,
              let redisPort = environment["TPS_REDIS_TLS_PORT"].flatMap(Int.init),
              let testCA = environment["TPS_DATABASE_CA"], !testCA.isEmpty else {
            throw MissingServer("TPS_DATABASE_URL / TPS_REDIS_TLS_PORT / TPS_DATABASE_CA not set: run scripts/testenv start and source .testenv/env")
        }
        let admin = try DatabaseURL(server)
        let database = "deploy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await LocalStoresTests.execute("CREATE DATABASE \(database)", on: admin)
        guard var scratchURL = URLComponents(string: server) else { throw MissingServer("TPS_DATABASE_URL is not a URL") }
        scratchURL.path = "/" + database

        var test = try TestStack(label, images: false, extraYAML: stackYAML, localYAML: """
            databaseURL: postgres://\(admin.user)@\(admin.host):\(admin.port)/\(database)
            databaseCA: \(testCA)
            redisURL: rediss://127.0.0.1:\(redisPort)
            redisCA: \(testCA)
            """, cidrs: TestStack.isolatedRanges())
        test.serverEnvironment = ["TPS_DATABASE_URL": scratchURL.string ?? server]
        if let password = environment["TPS_REDIS_PASSWORD"] { test.serverEnvironment["TPS_REDIS_PASSWORD"] = password }
        // The images carry the testenv CA where the task definitions say (verify-full, as on AWS).
        let stack = try StackLoader.load(path: test.stackFile.path)
        try ServiceImages.build(into: test.imagesDirectory, revision: "rev-\(test.name)", trust: TransitTrust(stack))

        let awsPort = URLComponents(string: test.aws.endpoint)?.port ?? 4566
        let relay = try await HostRelay()
        let agent = try test.dataPlane(naming: naming, forwardedPorts: [awsPort, admin.port, redisPort, relay.port])
        let loadBalancers = try test.loadBalancerPlane()
        var logger = Logger(label: "local-cloudfront")
        logger.logLevel = .warning
        let distributions = DistributionPlane(
            settings: .init(regions: ["ap-northeast-1", "ap-northeast-2"], comment: DistributionComment.of(stackName: test.name)),
            client: try test.client("ap-northeast-1"), logger: logger)
        let serving = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await agent.run() }
                group.addTask { try await loadBalancers.run() }
                group.addTask { try await distributions.run() }
                try await group.waitForAll()
            }
        }
        return LocalDeployment(test: test, agent: agent, loadBalancers: loadBalancers, distributions: distributions,
                               serving: serving, relay: relay, naming: naming, admin: admin, database: database)
    }

    /// Runs `body` on a started deployment, then tears it down whatever happened: `down`, the
    /// data plane stopped (its tasks stopped, namespaces and links swept), the scratch database
    /// dropped, the files removed.
    static func with(_ label: String, naming: TaskNetwork.Naming,
                     _ body: (LocalDeployment) async throws -> Void) async throws {
        let deployment = try await start(label, naming: naming)
        do {
            try await body(deployment)
        } catch {
            await deployment.tearDown()
            throw error
        }
        await deployment.tearDown()
    }

    func tearDown() async {
        _ = try? await test.down()
        serving.cancel()
        _ = try? await serving.value
        await loadBalancers.shutDown()
        await distributions.shutDown()
        await relay.close()
        _ = try? TaskNetworkClaim.acquire(naming).sweep()
        try? await LocalStoresTests.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", on: admin)
        test.removeFiles()
    }

    // MARK: - What `up` recorded

    /// The distribution's `url` (stage 07), the deployment's entry point.
    func distributionURL() async throws -> URL {
        let recorded = try await StateStore(root: test.stateDirectory).outputs(region: RegionName("ap-northeast-1"))
        for (address, outputs) in recorded.outputs where address.stage == .cloudfront {
            if let text = outputs["url"]?.text, let url = URL(string: text) { return url }
        }
        throw MissingServer("no distribution url recorded in \(test.stateDirectory.path)")
    }

    /// A region's load balancer `url` (stage 05).
    func loadBalancerURL(_ region: String) async throws -> URL {
        let address = ResourceAddress(region: RegionName(region), stage: .services, kind: "load_balancer", name: "main")
        guard let text = try await StateStore(root: test.stateDirectory).record(for: address)?.outputs["url"]?.text,
              let url = URL(string: text) else {
            throw MissingServer("no load balancer url recorded for \(region)")
        }
        return url
    }

    /// The origin header the distribution sends, which the ALBs require of a request sent to them
    /// directly (read as the test's caller; never printed).
    func originHeader() async throws -> (String, String) {
        let deployment = try test.deployment()
        let secret = try #require(OriginSecret.of(deployment.stack, client: try test.client("ap-northeast-1"), ownerTargeted: true))
        return (OriginSecret.headerName, try await secret.requireValues().current.value.value)
    }

    func cluster(_ region: String) -> String {
        "\(test.name)-\(region == "ap-northeast-1" ? "apne1" : "apne2")-cluster"
    }

    // MARK: - The E2E scenario, as `tpsctl e2e --stack` runs it

    struct ScenarioRun {
        let result: TpsctlChild.Result
        /// result.json, as written by the run.
        let report: [String: Any]

        var passed: Bool { result.status == 0 && report["passed"] as? Bool == true }
        var failedStep: String? { report["failedStep"] as? String }

        /// The HTTP status the step `name` ended with.
        func status(of name: String) -> Int? {
            (report["steps"] as? [[String: Any]] ?? []).last { $0["step"] as? String == name }?["status"] as? Int
        }
    }

    /// `tpsctl load run --ecs 2` in ap-northeast-1: the load-bot tasks call the distribution
    /// through the relay; one short step at `rate` req/s, starting a few seconds from now.
    func loadOnECS(rate: Int, report: URL) async throws -> TpsctlChild.Result {
        relay.relay(to: try await distributionURL())
        let entry = "http://127.0.0.1:\(relay.port)"
        let start = Int(Date().timeIntervalSince1970) + 20
        return try await TpsctlChild.run(
            ["load", "run", "--ecs", "2", "--region", "ap-northeast-1", "--stack", test.stackFile.path,
             "--state-dir", test.stateDirectory.path, "--public", entry, "--confirm", entry,
             "--event", "evt-0001", "--section", "S02", "--rates", String(rate), "--step-seconds", "5",
             "--start-at", String(start), "--report", report.path],
            environment: tpsctlEnvironment)
    }

    /// What a tpsctl child needs to reach the local AWS, the registry and the servers.
    var tpsctlEnvironment: [String: String] {
        ["HOME": test.directory.path, "AWS_ACCESS_KEY_ID": test.accessKeyId,
         "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_EC2_METADATA_DISABLED": "true"]
            .merging(test.registry.environment) { _, registry in registry }
            .merging(test.serverEnvironment) { _, server in server }
    }

    /// The built tpsctl's `e2e` against the recorded entry point (the distribution's url),
    /// signing the payment callback with the secret read from Secrets Manager by its recorded ARN.
    func e2e() async throws -> ScenarioRun {
        let output = test.directory.appendingPathComponent("e2e-\(UUID().uuidString).json")
        let environment = tpsctlEnvironment
        let result = try await TpsctlChild.run(
            ["e2e", "--stack", test.stackFile.path, "--state-dir", test.stateDirectory.path, "--output", output.path],
            environment: environment)
        let data = (try? Data(contentsOf: output)) ?? Data()
        let report = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ScenarioRun(result: result, report: report)
    }
}
