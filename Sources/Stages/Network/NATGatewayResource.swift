import AWSClient
import Provisioning

/// A NAT gateway in a public subnet with its Elastic IP. Creation takes minutes, so `up` waits
/// until it is `available` (private routes point at it); deletion waits until `deleted` so the
/// EIP can be released. Created with a ClientToken derived from the resource, so a retried
/// create returns the same gateway.
struct NATGatewayResource: Resource {
    struct Live: Sendable {
        var id: String
        var state: String
        var subnetId: String
        var allocationId: String
    }

    let address: ResourceAddress
    let client: AWSClient
    let subnet: Dependency<SubnetResource.Outputs>
    let elasticIP: Dependency<ElasticIPResource.Outputs>
    let name: String

    private var ec2: EC2 { EC2(client: client) }
    var dependencies: [ResourceAddress] { [subnet.address, elasticIP.address] }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeNatGateways(filters: EC2Tagging.identityFilters(context.identity))
        let alive = found.filter { !["deleted", "deleting"].contains($0.state) }
        guard let gateway = alive.first else { return nil }
        return Self.live(gateway)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if live?.state == "failed" { diff.replace(because: "the NAT gateway failed") }
        diff.compare("subnetId", desired: try context.output(\.subnetId, of: subnet), live: live?.subnetId, onChange: .replace)
        diff.compare("allocationId", desired: try context.output(\.allocationId, of: elasticIP), live: live?.allocationId,
                     onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let subnetId = try context.requireOutput(\.subnetId, of: subnet)
        let allocationId = try context.requireOutput(\.allocationId, of: elasticIP)
        let gateway = try await ec2.createNatGateway(
            subnetId: subnetId, allocationId: allocationId, clientToken: context.idempotencyToken(salt: subnetId + allocationId),
            tags: EC2Tagging.tags(context, name: name))
        return Self.live(gateway)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ec2.deleteNatGateway(id: live.id)
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.state != "available" else { return live }
        return try await context.wait(for: "NAT gateway \(live.id) available") {
            let current = try await state(live.id)
            switch current?.state {
            case "available": return .done(current!)
            case "failed", "deleted", "deleting": return .failed("state \(current!.state)")
            default: return .pending(current?.state)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "NAT gateway \(live.id) deleted") {
            let current = try await state(live.id)
            guard let current, current.state != "deleted" else { return .done(true) }
            return .pending(current.state)
        }
    }

    struct Outputs: PublishedOutputs {
        let natGatewayId: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(natGatewayId: live.id)
    }

    private func state(_ id: String) async throws -> Live? {
        do {
            return try await ec2.describeNatGateways(ids: [id]).first.map(Self.live)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
    }

    private static func live(_ gateway: EC2.NatGateway) -> Live {
        Live(id: gateway.natGatewayId, state: gateway.state, subnetId: gateway.subnetId, allocationId: gateway.allocationId)
    }
}

extension NATGatewayResource: EC2TagListed {
    static let kind = "nat_gateway"
    static let listing = EC2TagListing(describeAction: "DescribeNatGateways", setName: "natGatewaySet", idField: "natGatewayId")

    /// Waits until the gateway is `deleted`, so its Elastic IP can be released.
    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting {
            try await EC2(client: client).deleteNatGateway(id: id)
            for _ in 0..<600 {
                let found = try await EC2Tagging.describe(client, "DescribeNatGateways", setName: "natGatewaySet",
                                                          ["NatGatewayId.1": id])
                if found.first.map({ $0.string("state") == "deleted" }) ?? true { return }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}
