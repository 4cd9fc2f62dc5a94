import AWSClient
import Foundation
import Provisioning
import Stack

/// A validated request: the stack, the regions and stages to act on, where state goes.
/// Everything here was checked without an AWS call; `graph(clients:)` is the first one.
public struct Deployment: Sendable {
    public let stack: Stack
    public let regions: [RegionConfig]
    public let selection: StageSelection
    public let stateDirectory: URL
    /// The endpoint every client must use instead of AWS's (flag, else the stack's local section).
    public let endpointURL: String?
    /// What the services get as AWS_ENDPOINT_URL (local runs only).
    public let environmentEndpointURL: String?
    /// Where built images are and which registry stage 01 pushes them to.
    public let shipping: ImageShipping
    /// Images given by digest on the command line; nil: the ones stage 01 pushed.
    public var images: ImageSource? = nil
    /// Local runs: the passwords of the local Redis and PostgreSQL (from the environment).
    public var localPasswords: LocalServerPasswords? = nil
    /// `down --skip-final-snapshot`: a production stack's Aurora goes without its final snapshot.
    public var skipFinalSnapshot = false
    /// The repository's `templates/` (task definitions; `db/` holds stage 08's migrations).
    public var templatesDirectory = "templates"

    public var store: StateStore { StateStore(root: stateDirectory) }

    /// One target per chosen region, each with a client for it.
    public func targets(client: (String) throws -> AWSClient) throws -> [RegionTarget] {
        try regions.map { RegionTarget(config: $0, client: try client($0.region.name)) }
    }

    public func graph(_ targets: [RegionTarget]) async throws -> ResourceGraph {
        try await StackGraph.build(stack, targets: targets, shipping: shipping, images: images,
                                   renderer: TaskDefinitionRenderer(templatesDirectory: templatesDirectory),
                                   migrationsDirectory: URL(fileURLWithPath: templatesDirectory).appendingPathComponent("db"),
                                   localPasswords: localPasswords, skipFinalSnapshot: skipFinalSnapshot)
    }

    public func engine(options: EngineOptions = EngineOptions(), events: EventSink = .discard) -> Engine {
        var options = options
        options.extraTags = stack.tags
        return Engine(stack: stack.name, store: store, options: options, events: events)
    }

    public var environment: EnvironmentProjection {
        ServiceEnvironment.projection(stack: stack, endpointURL: environmentEndpointURL)
    }
}
