// swift-tools-version:6.1
// tpsctl: provisions, ships and tears down the max-TPS ticketing system, and holds its services.
// Dependency arrows point one way: executables → Stages → Provisioning → AWSClient → AWSSigV4.
import PackageDescription

let package = Package(
    name: "tpsctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tpsctl", targets: ["tpsctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
    ],
    targets: [
        // Pure SigV4: canonical request, string to sign, signing key, presigning. No I/O.
        .target(name: "AWSSigV4", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Credentials chain, region and endpoints, wire protocols, retries, transport.
        .target(name: "AWSClient", dependencies: [
            "AWSSigV4",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // The environment keys the services read and tpsctl writes: one list for both sides.
        .target(name: "EnvironmentContract"),
        // The stack file model, its validation (file:line errors) and template rendering.
        .target(name: "Stack", dependencies: ["EnvironmentContract", "Yams",
            .product(name: "Crypto", package: "swift-crypto")]),
        // The engine: resource contract, plan, executor, waiters, state store, lock.
        .target(name: "Provisioning", dependencies: ["AWSClient", "Stack", "EnvironmentContract",
            .product(name: "Logging", package: "swift-log")]),
        // The resources of stages 00-network … 08-db-init.
        .target(name: "Stages", dependencies: ["Provisioning", "AWSClient", "Stack", "ContainerImage", "DatabaseMigrations",
            "RedisClient",
            .product(name: "Crypto", package: "swift-crypto")]),
        // The system zlib, for deterministic gzip layers (raw deflate + our own gzip framing).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The system Brotli, for the local CloudFront data plane's `Content-Encoding: br`.
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli", providers: [.apt(["libbrotli-dev"])]),
        // OCI image assembly and a registry v2 client.
        .target(name: "ContainerImage", dependencies: [
            "AWSClient", "CZlib",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // The domain shared by the services: contracts, models, error model.
        .target(name: "Ticketing", dependencies: [
            "EnvironmentContract",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // How the clients check a TLS server: trust roots (system or a PEM file) and one-line refusals.
        .target(name: "ServerTrust", dependencies: [
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // RESP over SwiftNIO: pool, pipelining, AUTH, TLS.
        .target(name: "RedisClient", dependencies: [
            "ServerTrust",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Stage 08: versioned SQL migrations and the seed, applied once each to PostgreSQL.
        .target(name: "DatabaseMigrations", dependencies: [
            "Ticketing", "ServerTrust",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // SET NX / GET throughput of RedisClient, compared with redis-benchmark by scripts/bench-redis.sh.
        .executableTarget(name: "RedisBench", dependencies: ["RedisClient"], path: "Benchmarks/RedisBench"),
        // What every service process shares: env config, JSON logs, SIGTERM drain, clients, problem+json.
        .target(name: "ServiceRuntime", dependencies: [
            "Ticketing", "RedisClient", "AWSClient", "ServerTrust",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The /public/* routes, as a library so tests drive them in-process.
        .target(name: "PublicAPI", dependencies: ["ServiceRuntime", "Ticketing", "RedisClient", "AWSClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], path: "services/public-api/Library"),
        .executableTarget(name: "public-api", dependencies: ["PublicAPI", "ServiceRuntime", "Ticketing",
            .product(name: "Logging", package: "swift-log")],
            path: "services/public-api/Sources"),
        // The /confirm/* routes, as a library so tests drive them in-process.
        .target(name: "ConfirmAPI", dependencies: ["ServiceRuntime", "Ticketing", "RedisClient", "AWSClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "services/confirm-api/Library"),
        .executableTarget(name: "confirm-api", dependencies: ["ConfirmAPI", "ServiceRuntime", "Ticketing",
            .product(name: "Logging", package: "swift-log")],
            path: "services/confirm-api/Sources"),
        // The commit-queue consumer and the `migrate` command, as a library so tests drive it in-process.
        .target(name: "ConfirmWorker", dependencies: ["ServiceRuntime", "Ticketing", "RedisClient", "AWSClient",
            "DatabaseMigrations", "EnvironmentContract",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], path: "services/confirm-worker/Library"),
        .executableTarget(name: "confirm-worker", dependencies: ["ConfirmWorker", "ServiceRuntime", "Ticketing",
            .product(name: "Logging", package: "swift-log")],
            path: "services/confirm-worker/Sources"),
        // The seed's E2E purchase scenario and load bot, as HTTP clients of the contract.
        .target(name: "E2EScenario", dependencies: ["Ticketing", "AWSClient",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // `tpsctl capacity`: tasks, vCPU, ACU, connections, node types and modes for a rate of the seed's mix.
        .target(name: "Capacity", dependencies: ["Stack", "E2EScenario", "Ticketing", "Yams"]),
        // The load bot's CloudWatch figures: the recorded deployment's metrics for a run's windows.
        .target(name: "LoadFigures", dependencies: ["AWSClient", "Provisioning", "Stack", "Stages"]),
        // The local data plane: what ECS's agent does for the tasks the local AWS schedules
        // (images by digest, awsvpc namespaces, secrets, role credentials, health, logs).
        // Also the ALB data plane: listeners on loopback, rules, health checks, metrics;
        // and the CloudFront data plane: behaviours, cache, compression, origin failover.
        .target(name: "LocalDataPlane", dependencies: ["AWSClient", "ContainerImage", "Stack", "CBrotli",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "tpsctl", dependencies: [
            "AWSClient", "Stack", "Provisioning", "Stages", "ContainerImage", "DatabaseMigrations", "Ticketing",
            "E2EScenario", "LoadFigures", "LocalDataPlane", "Capacity", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Times image build and push for scripts/bench-image.sh.
        .executableTarget(name: "ImageBench", dependencies: ["ContainerImage"], path: "Benchmarks/ImageBench"),
        // Open-loop fixed-rate requests to one URL with latency percentiles: the proxies' added p99, the services' p99 at 70 % of max.
        .executableTarget(name: "RateBench", dependencies: [
            "E2EScenario",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], path: "Benchmarks/RateBench"),

        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Fixtures")]),
        // Child processes for tests: the built tpsctl as a user runs it (the CLI tests), and any other command.
        .target(name: "TpsctlTestSupport", path: "Tests/TpsctlTestSupport"),
        // The AWS client's tests' support: the local AWS's client settings, a scripted HTTP server, temporary directories.
        .target(name: "AWSClientTestSupport", dependencies: ["AWSClient", .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "Tests/AWSClientTestSupport"),
        .testTarget(name: "AWSClientTests", dependencies: [
            "AWSClient", "AWSClientTestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "StackTests", dependencies: ["Stack"]),
        .testTarget(name: "CapacityTests", dependencies: ["Capacity", "Stack", "E2EScenario"]),
        .testTarget(name: "ProvisioningTests", dependencies: ["Provisioning", "ProvisioningFixtures", "ProvisioningProbe",
            "AWSClient"]),
        // Engine test support: a real on-disk provider, and a second process to lock and kill.
        .target(name: "ProvisioningFixtures", dependencies: ["Provisioning"], path: "Tests/ProvisioningFixtures"),
        .executableTarget(name: "ProvisioningProbe", dependencies: ["Provisioning", "ProvisioningFixtures"],
            path: "Tests/ProvisioningProbe"),
        .testTarget(name: "ContainerImageTests", dependencies: [
            "ContainerImage",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "TicketingTests", dependencies: ["Ticketing", "EnvironmentContract", "Yams", "TpsctlTestSupport"]),
        // The stages' tests' shared support: test stacks on the local servers, independent reads, the CLI's stack.
        .target(name: "StagesTestSupport", dependencies: ["Stages", "Provisioning", "Stack", "AWSClient", "ContainerImage",
            "AWSSigV4", "TpsctlTestSupport", "LocalDataPlane", "DatabaseMigrations",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio")], path: "Tests/StagesTestSupport"),
        .testTarget(name: "StagesTests", dependencies: ["Stages", "Provisioning", "Stack", "AWSClient", "ContainerImage",
            "AWSSigV4", "TpsctlTestSupport", "StagesTestSupport", "LocalDataPlane", "DatabaseMigrations", "RedisClient", "CBrotli",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio")]),
        // The built tpsctl run as a child process, as a user runs it: exit status, output, state on the local AWS.
        .testTarget(name: "TpsctlCLITests", dependencies: ["StagesTestSupport", "LoadFiguresTestSupport", "AWSClientTestSupport", "TpsctlTestSupport",
            "Stages", "Provisioning", "Stack", "AWSClient", "E2EScenario", "Ticketing"]),
        .testTarget(name: "DatabaseMigrationsTests", dependencies: ["DatabaseMigrations", "Ticketing", "TpsctlTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "PublicAPITests", dependencies: ["PublicAPI", "ServiceRuntime", "Ticketing",
            "RedisClient", "AWSClient", "AWSSigV4",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], path: "services/public-api/Tests"),
        // The confirm tests' shared stack (real servers) and client steps.
        .target(name: "ConfirmTestSupport", dependencies: ["ConfirmAPI", "ConfirmWorker", "PublicAPI", "ServiceRuntime",
            "Ticketing", "RedisClient", "AWSClient", "AWSSigV4", "DatabaseMigrations",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], path: "Tests/ConfirmTestSupport"),
        .testTarget(name: "ConfirmAPITests", dependencies: ["ConfirmTestSupport", "ConfirmAPI", "Ticketing", "AWSClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], path: "services/confirm-api/Tests"),
        .testTarget(name: "ConfirmWorkerTests", dependencies: ["ConfirmTestSupport", "ConfirmWorker", "Ticketing",
            "AWSClient", "DatabaseMigrations", "confirm-worker",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], path: "services/confirm-worker/Tests"),
        .testTarget(name: "E2EScenarioTests", dependencies: ["E2EScenario", "PublicAPI", "ConfirmAPI", "ConfirmWorker",
            "AWSClient", "AWSSigV4", "Ticketing", "RedisClient", "TpsctlTestSupport", .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // The load figures' recorded deployment on the local AWS, for LoadFiguresTests and TpsctlCLITests.
        .target(name: "LoadFiguresTestSupport", dependencies: ["AWSClient", "Provisioning"], path: "Tests/LoadFiguresTestSupport"),
        .testTarget(name: "LoadFiguresTests", dependencies: ["LoadFigures", "LoadFiguresTestSupport", "AWSClient", "Provisioning"]),
        .testTarget(name: "ServiceRuntimeTests", dependencies: ["ServiceRuntime", "Ticketing", "RedisClient",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
