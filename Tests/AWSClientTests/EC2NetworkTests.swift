@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

/// The EC2 network wrappers' answers, parsed from the local AWS: what stage 00 reads back.
@Suite("EC2 network objects against the emulator")
struct EC2NetworkTests {
    @Test("a VPC's DNS attributes, a subnet, an internet gateway and a route table read back as set")
    func vpcSubnetGatewayRoutes() async throws {
        let ec2 = EC2(client: try LocalAWS.client())
        let stack = LocalAWS.uniqueName("net")
        let tags = ["tps:stack": stack]
        let vpc = try await ec2.createVpc(cidrBlock: "10.61.0.0/16", tags: tags)
        try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, .enableDnsSupport, value: true)
        try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, .enableDnsHostnames, value: true)
        #expect(try await ec2.describeVpcAttribute(vpcId: vpc.vpcId, .enableDnsHostnames))
        try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, .enableDnsHostnames, value: false)
        #expect(try await !ec2.describeVpcAttribute(vpcId: vpc.vpcId, .enableDnsHostnames))

        let subnet = try await ec2.createSubnet(vpcId: vpc.vpcId, cidrBlock: "10.61.1.0/24",
                                                availabilityZone: "ap-northeast-1a", tags: tags)
        try await ec2.modifySubnetAttribute(subnetId: subnet.subnetId, mapPublicIpOnLaunch: true)
        let subnets = try await ec2.describeSubnets(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(subnets.map(\.subnetId) == [subnet.subnetId])
        #expect(subnets.first?.vpcId == vpc.vpcId)
        #expect(subnets.first?.cidrBlock == "10.61.1.0/24")
        #expect(subnets.first?.availabilityZone == "ap-northeast-1a")
        #expect(subnets.first?.mapPublicIpOnLaunch == true)
        #expect(subnets.first?.tags["tps:stack"] == stack)

        let gateway = try await ec2.createInternetGateway(tags: tags)
        try await ec2.attachInternetGateway(id: gateway.internetGatewayId, vpcId: vpc.vpcId)
        let gateways = try await ec2.describeInternetGateways(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(gateways.map(\.attachedVpcIds) == [[vpc.vpcId]])

        let table = try await ec2.createRouteTable(vpcId: vpc.vpcId, clientToken: stack, tags: tags)
        try await ec2.createRoute(routeTableId: table.routeTableId, destinationCidrBlock: "0.0.0.0/0",
                                  target: .gateway(gateway.internetGatewayId))
        let association = try await ec2.associateRouteTable(routeTableId: table.routeTableId, subnetId: subnet.subnetId)
        #expect(association.hasPrefix("rtbassoc-"))
        let tables = try await ec2.describeRouteTables(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(tables.map(\.routeTableId) == [table.routeTableId])
        let routes = tables.first?.routes ?? []
        #expect(routes.contains { $0.destinationCidrBlock == "0.0.0.0/0" && $0.gatewayId == gateway.internetGatewayId })
        #expect(routes.contains { $0.gatewayId == "local" })
        #expect(tables.first?.associations.map(\.subnetId) == [subnet.subnetId])
        #expect(tables.first?.associations.first?.routeTableAssociationId == association)

        try await ec2.deleteRoute(routeTableId: table.routeTableId, destinationCidrBlock: "0.0.0.0/0")
        try await ec2.disassociateRouteTable(associationId: association)
        try await ec2.deleteRouteTable(id: table.routeTableId)
        try await ec2.detachInternetGateway(id: gateway.internetGatewayId, vpcId: vpc.vpcId)
        try await ec2.deleteInternetGateway(id: gateway.internetGatewayId)
        try await ec2.deleteSubnet(id: subnet.subnetId)
        try await ec2.deleteVpc(id: vpc.vpcId)
        #expect(try await ec2.describeSubnets(filters: [(name: "tag:tps:stack", values: [stack])]).isEmpty)
    }

    @Test("a security group's ingress from a CIDR and from another group reads back per rule; revoke removes one")
    func securityGroupIngress() async throws {
        let ec2 = EC2(client: try LocalAWS.client())
        let stack = LocalAWS.uniqueName("sg")
        let vpc = try await ec2.createVpc(cidrBlock: "10.62.0.0/16", tags: ["tps:stack": stack])
        let source = try await ec2.createSecurityGroup(name: "\(stack)-source", description: "source", vpcId: vpc.vpcId)
        let groupId = try await ec2.createSecurityGroup(name: "\(stack)-target", description: "target", vpcId: vpc.vpcId,
                                                        tags: ["tps:stack": stack])
        let fromCidr = EC2.IpPermission(ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrs: ["10.62.0.0/16"])
        let fromGroup = EC2.IpPermission(ipProtocol: "tcp", fromPort: 5432, toPort: 5432, groupIds: [source])
        try await ec2.authorizeSecurityGroupIngress(groupId: groupId, [fromCidr, fromGroup])
        let groups = try await ec2.describeSecurityGroups(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(groups.map(\.groupId) == [groupId])
        #expect(groups.first?.groupName == "\(stack)-target")
        #expect(groups.first?.vpcId == vpc.vpcId)
        let ingress = groups.first?.ingress ?? []
        #expect(ingress.contains { $0.fromPort == 8080 && $0.toPort == 8080 && $0.cidrs == ["10.62.0.0/16"] })
        #expect(ingress.contains { $0.fromPort == 5432 && $0.groupIds == [source] && $0.cidrs.isEmpty })

        try await ec2.revokeSecurityGroupIngress(groupId: groupId, [fromCidr])
        let after = try await ec2.describeSecurityGroups(ids: [groupId]).first?.ingress ?? []
        #expect(after.map(\.fromPort) == [5432])

        try await ec2.deleteSecurityGroup(id: groupId)
        try await ec2.deleteSecurityGroup(id: source)
        try await ec2.deleteVpc(id: vpc.vpcId)
    }

    @Test("a gateway endpoint lists its route tables; an Elastic IP and its NAT gateway read back by tag and id")
    func endpointAddressNat() async throws {
        let ec2 = EC2(client: try LocalAWS.client())
        let stack = LocalAWS.uniqueName("vpce")
        let tags = ["tps:stack": stack]
        let vpc = try await ec2.createVpc(cidrBlock: "10.63.0.0/16", tags: tags)
        let table = try await ec2.createRouteTable(vpcId: vpc.vpcId, clientToken: stack)
        let endpoint = try await ec2.createVpcEndpoint(
            vpcId: vpc.vpcId, serviceName: "com.amazonaws.ap-northeast-1.s3",
            placement: .gateway(routeTableIds: [table.routeTableId]), clientToken: stack, tags: tags)
        let endpoints = try await ec2.describeVpcEndpoints(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(endpoints.map(\.vpcEndpointId) == [endpoint.vpcEndpointId])
        #expect(endpoints.first?.vpcEndpointType == "Gateway")
        #expect(endpoints.first?.serviceName == "com.amazonaws.ap-northeast-1.s3")
        #expect(endpoints.first?.routeTableIds == [table.routeTableId])

        let subnet = try await ec2.createSubnet(vpcId: vpc.vpcId, cidrBlock: "10.63.1.0/24",
                                                availabilityZone: "ap-northeast-1a")
        let address = try await ec2.allocateAddress(tags: tags)
        #expect(address.allocationId.hasPrefix("eipalloc-"))
        #expect(try await ec2.describeAddresses(filters: [(name: "tag:tps:stack", values: [stack])])
            .map(\.publicIp) == [address.publicIp])
        let nat = try await ec2.createNatGateway(subnetId: subnet.subnetId, allocationId: address.allocationId,
                                                 clientToken: stack, tags: tags)
        let nats = try await ec2.describeNatGateways(ids: [nat.natGatewayId])
        #expect(nats.first?.subnetId == subnet.subnetId)
        #expect(nats.first?.allocationId == address.allocationId)
        #expect(nats.first?.tags["tps:stack"] == stack)

        try await ec2.deleteNatGateway(id: nat.natGatewayId)
        // The address is released only once its NAT gateway is gone, as stage 00's teardown waits.
        for _ in 0..<100 where try await ec2.describeNatGateways(ids: [nat.natGatewayId]).first?.state != "deleted" {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await ec2.releaseAddress(allocationId: address.allocationId)
        try await ec2.deleteVpcEndpoints(ids: [endpoint.vpcEndpointId])
        try await ec2.deleteSubnet(id: subnet.subnetId)
        try await ec2.deleteRouteTable(id: table.routeTableId)
        try await ec2.deleteVpc(id: vpc.vpcId)
    }

    @Test("the region's available zones and an AWS-managed prefix list by name and by id")
    func zonesAndPrefixLists() async throws {
        let ec2 = EC2(client: try LocalAWS.client())
        let zones = try await ec2.describeAvailabilityZones(filters: [(name: "state", values: ["available"])])
        #expect(zones.contains("ap-northeast-1a"))
        let byName = try await ec2.describeManagedPrefixLists(
            filters: [(name: "prefix-list-name", values: ["com.amazonaws.ap-northeast-1.s3"])])
        #expect(byName.map(\.prefixListName) == ["com.amazonaws.ap-northeast-1.s3"])
        let id = try #require(byName.first?.prefixListId)
        #expect(try await ec2.describeManagedPrefixLists(ids: [id]).map(\.prefixListName) == ["com.amazonaws.ap-northeast-1.s3"])
    }
}
