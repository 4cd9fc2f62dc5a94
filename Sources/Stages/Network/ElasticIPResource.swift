import AWSClient
import Provisioning

/// The Elastic IP of a NAT gateway. Released only after its NAT gateway is gone (the NAT
/// depends on it, so teardown deletes and waits for the NAT first).
struct ElasticIPResource: Resource {
    struct Live: Sendable {
        var allocationId: String
        var publicIp: String
    }

    let address: ResourceAddress
    let client: AWSClient
    let name: String

    private var ec2: EC2 { EC2(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeAddresses(filters: EC2Tagging.identityFilters(context.identity))
        guard let address = found.first, !address.allocationId.isEmpty else { return nil }
        return Live(allocationId: address.allocationId, publicIp: address.publicIp)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("domain", desired: "vpc", live: live.map { _ in "vpc" }, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let address = try await ec2.allocateAddress(tags: EC2Tagging.tags(context, name: name))
        return Live(allocationId: address.allocationId, publicIp: address.publicIp)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(id: live.allocationId, in: client, context: context)
    }

    struct Outputs: PublishedOutputs {
        let allocationId, publicIp: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(allocationId: live.allocationId, publicIp: live.publicIp)
    }
}

extension ElasticIPResource: EC2TagListed {
    static let kind = "elastic_ip"
    static let listing = EC2TagListing(describeAction: "DescribeAddresses", setName: "addressesSet", idField: "allocationId")

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await EC2TagListing.deleting { try await EC2(client: client).releaseAddress(allocationId: id) }
    }
}
