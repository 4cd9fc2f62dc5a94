import Provisioning

/// A small stack shaped like the real one, per region: a network with two subnets (stage 00),
/// a queue and a table (stage 03) and a service needing all of them (stage 05). Shared by the
/// tests and by the probe process that gets killed mid-run.
public enum FixtureStack {
    public static let name = "fixture"

    public static func address(_ region: RegionName, _ stage: Stage, _ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: stage, kind: kind, name: name)
    }

    public static func resources(
        regions: [RegionName], provider: FileProvider, behaviour: @Sendable (ResourceAddress) -> Behaviour = { _ in .init() }
    ) -> [any Resource] {
        regions.flatMap { region -> [any Resource] in
            let network = address(region, .network, "network", "main")
            let subnetA = address(region, .network, "subnet", "a")
            let subnetB = address(region, .network, "subnet", "b")
            let queue = address(region, .dataplane, "queue", "commit")
            let table = address(region, .dataplane, "table", "seats")
            let service = address(region, .services, "service", "api")
            return [
                FileResource(network, provider: provider, mutable: ["dns": "true"], immutable: ["cidr": "10.0.0.0/16"], behaviour: behaviour(network)),
                FileResource(subnetA, provider: provider, immutable: ["cidr": "10.0.1.0/24"], references: ["network_id": OutputReference(network)], behaviour: behaviour(subnetA)),
                FileResource(subnetB, provider: provider, immutable: ["cidr": "10.0.2.0/24"], references: ["network_id": OutputReference(network)], behaviour: behaviour(subnetB)),
                FileResource(queue, provider: provider, mutable: ["visibility": "30"], behaviour: behaviour(queue)),
                FileResource(table, provider: provider, mutable: ["ttl_attribute": "expires"], behaviour: behaviour(table)),
                FileResource(
                    service, provider: provider, mutable: ["desired": "2"],
                    references: ["subnet_a": OutputReference(subnetA), "subnet_b": OutputReference(subnetB), "queue_arn": OutputReference(queue, "arn")],
                    dependsOn: [table], behaviour: behaviour(service)),
            ]
        }
    }

    public static func sweeps(regions: [RegionName], provider: FileProvider) -> [KindSweep] {
        regions.flatMap { region -> [KindSweep] in
            [("network", Stage.network), ("subnet", .network), ("queue", .dataplane), ("table", .dataplane), ("service", .services)]
                .map { FileResource.sweep($0.0, region: region, stage: $0.1, provider: provider) }
        }
    }

    public static func graph(
        regions: [RegionName], provider: FileProvider, behaviour: @Sendable (ResourceAddress) -> Behaviour = { _ in .init() }
    ) throws -> ResourceGraph {
        try ResourceGraph(resources(regions: regions, provider: provider, behaviour: behaviour), sweeps: sweeps(regions: regions, provider: provider))
    }
}
