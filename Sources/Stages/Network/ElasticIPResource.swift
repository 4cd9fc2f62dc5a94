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

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await EC2Tagging.find(client, "DescribeAddresses", setName: "addressesSet", context: context)
        guard let item = found.first, let id = item.string("allocationId") else { return nil }
        return Live(allocationId: id, publicIp: item.string("publicIp") ?? "")
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("domain", desired: "vpc", live: live.map { _ in "vpc" }, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var parameters: QueryParameters = ["Domain": "vpc"]
        EC2Tagging.specify(&parameters, resourceType: "elastic-ip", tags: EC2Tagging.tags(context, name: name))
        let response = try await client.ec2("AllocateAddress", parameters)
        return Live(allocationId: response.string("allocationId") ?? "", publicIp: response.string("publicIp") ?? "")
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
