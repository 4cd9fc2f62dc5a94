import AWSClient
import Provisioning
import Stack

/// Stage 00-network of one region: the VPC, its subnets per AZ, the internet gateway, and the
/// families `diff`/`down` sweep by tag.
struct NetworkStage {
    let stack: Stack
    let target: RegionTarget
    let zones: [String]
    let layout: SubnetLayout

    init(stack: Stack, target: RegionTarget, zones: [String]) throws {
        self.stack = stack
        self.target = target
        self.zones = zones
        self.layout = try target.config.subnets(stack.network)
    }

    var region: RegionName { RegionName(target.name) }
    var client: AWSClient { target.client }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    func address(_ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .network, kind: kind, name: name)
    }

    var vpc: ResourceAddress { address("vpc", "main") }
    var internetGateway: ResourceAddress { address("internet_gateway", "main") }
    func publicSubnet(_ index: Int) -> ResourceAddress { address("subnet", "public-\(index + 1)") }
    func privateSubnet(_ index: Int) -> ResourceAddress { address("subnet", "private-\(index + 1)") }

    func resources() -> [any Resource] {
        var resources: [any Resource] = [
            VPCResource(address: vpc, client: client, cidr: layout.vpc.description, name: namer.name("vpc")),
            InternetGatewayResource(address: internetGateway, client: client, vpc: vpc, name: namer.name("igw")),
        ]
        for zone in layout.zones {
            let az = zones[zone.index]
            resources.append(SubnetResource(
                address: publicSubnet(zone.index), client: client, vpc: vpc, cidr: zone.publicSubnet.description,
                zone: az, isPublic: true, name: namer.name("public-\(zone.index + 1)")))
            resources.append(SubnetResource(
                address: privateSubnet(zone.index), client: client, vpc: vpc, cidr: zone.privateSubnet.description,
                zone: az, isPublic: false, name: namer.name("private-\(zone.index + 1)")))
        }
        return resources
    }

    func families() -> [any ResourceFamily] {
        [
            EC2TaggedFamily(region: region, stage: .network, kind: "internet_gateway", client: client,
                            describeAction: "DescribeInternetGateways", setName: "internetGatewaySet",
                            idField: "internetGatewayId") { client, item, id in
                for attachment in item?.child("attachmentSet")?.listItems() ?? [] {
                    if let vpcId = attachment.string("vpcId") {
                        _ = try await client.ec2("DetachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcId])
                    }
                }
                _ = try await client.ec2("DeleteInternetGateway", ["InternetGatewayId": id])
            },
            EC2TaggedFamily(region: region, stage: .network, kind: "subnet", client: client,
                            describeAction: "DescribeSubnets", setName: "subnetSet", idField: "subnetId") { client, _, id in
                _ = try await client.ec2("DeleteSubnet", ["SubnetId": id])
            },
            EC2TaggedFamily(region: region, stage: .network, kind: "vpc", client: client,
                            describeAction: "DescribeVpcs", setName: "vpcSet", idField: "vpcId") { client, _, id in
                _ = try await client.ec2("DeleteVpc", ["VpcId": id])
            },
        ]
    }
}
