import AWSClient
import Provisioning

/// The internet gateway and its attachment to the VPC (one resource: neither is useful alone).
struct InternetGatewayResource: Resource {
    struct Live: Sendable {
        var id: String
        var attachedVpc: String?
    }

    let address: ResourceAddress
    let client: AWSClient
    let vpc: Dependency<VPCResource.Outputs>
    let name: String

    private var ec2: EC2 { EC2(client: client) }
    var dependencies: [ResourceAddress] { [vpc.address] }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeInternetGateways(filters: EC2Tagging.identityFilters(context.identity))
        guard let gateway = found.first, !gateway.internetGatewayId.isEmpty else { return nil }
        return Live(id: gateway.internetGatewayId, attachedVpc: gateway.attachedVpcIds.first)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("attachedVpc", desired: try context.output(\.vpcId, of: vpc), live: live?.attachedVpc)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let gateway = try await ec2.createInternetGateway(tags: EC2Tagging.tags(context, name: name))
        let live = Live(id: gateway.internetGatewayId, attachedVpc: nil)
        return try await attach(live, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if let old = live.attachedVpc {
            try await ec2.detachInternetGateway(id: live.id, vpcId: old)
            live.attachedVpc = nil
        }
        return try await attach(live, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        if let vpcId = live.attachedVpc {
            try await AWSErrorMatching.retryingDependencyViolation {
                try await AWSErrorMatching.ignoringNotFound {
                    try await ec2.detachInternetGateway(id: live.id, vpcId: vpcId)
                }
            }
        }
        try await AWSErrorMatching.ignoringNotFound {
            try await ec2.deleteInternetGateway(id: live.id)
        }
    }

    struct Outputs: PublishedOutputs {
        let internetGatewayId: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(internetGatewayId: live.id)
    }

    private func attach(_ live: Live, context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput(\.vpcId, of: vpc)
        try await ec2.attachInternetGateway(id: live.id, vpcId: vpcId)
        return Live(id: live.id, attachedVpc: vpcId)
    }
}

extension InternetGatewayResource: EC2TagListed {
    static let kind = "internet_gateway"
    static let listing = EC2TagListing(describeAction: "DescribeInternetGateways", setName: "internetGatewaySet", idField: "internetGatewayId")

    /// Detached from its VPC first.
    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        let ec2 = EC2(client: client)
        let gateway = try await listing.describe(id: id, client: client)
        try await EC2TagListing.deleting {
            for attachment in gateway?.child("attachmentSet")?.listItems() ?? [] {
                if let vpcId = attachment.string("vpcId") { try await ec2.detachInternetGateway(id: id, vpcId: vpcId) }
            }
            try await ec2.deleteInternetGateway(id: id)
        }
    }
}
