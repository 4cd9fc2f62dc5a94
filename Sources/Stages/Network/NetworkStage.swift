import AWSClient
import Provisioning
import Stack

/// Stage 00-network of one region: the VPC, public and private subnets per AZ, the internet
/// gateway, NAT gateways with their EIPs (one per AZ or a single one), route tables, security
/// groups, VPC endpoints, and the kinds `diff`/`down` sweep by tag.
struct NetworkStage: StageContribution {
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
        Self.address(region, kind, name)
    }

    static func address(_ region: RegionName, _ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .network, kind: kind, name: name)
    }

    static func securityGroup(_ region: RegionName, _ role: String) -> Dependency<SecurityGroupResource.Outputs> {
        Dependency(address(region, "security_group", role))
    }

    var vpc: Dependency<VPCResource.Outputs> { Dependency(address("vpc", "main")) }
    var internetGateway: Dependency<InternetGatewayResource.Outputs> { Dependency(address("internet_gateway", "main")) }
    func publicSubnet(_ index: Int) -> Dependency<SubnetResource.Outputs> { Dependency(address("subnet", "public-\(index + 1)")) }
    func privateSubnet(_ index: Int) -> Dependency<SubnetResource.Outputs> { Dependency(address("subnet", "private-\(index + 1)")) }
    var publicRouteTable: Dependency<RouteTableResource.Outputs> { Dependency(address("route_table", "public")) }
    func privateRouteTable(_ index: Int) -> Dependency<RouteTableResource.Outputs> { Dependency(address("route_table", "private-\(index + 1)")) }
    func natGateway(_ index: Int) -> Dependency<NATGatewayResource.Outputs> { Dependency(address("nat_gateway", "nat-\(index + 1)")) }
    func elasticIP(_ index: Int) -> Dependency<ElasticIPResource.Outputs> { Dependency(address("elastic_ip", "nat-\(index + 1)")) }
    func securityGroup(_ role: String) -> Dependency<SecurityGroupResource.Outputs> { Self.securityGroup(region, role) }

    /// How many NAT gateways: one per AZ, or one for the VPC.
    var natCount: Int { target.config.nat == .perAZ ? layout.zones.count : 1 }

    /// The interface endpoints the tasks need (image pulls, logs, the commit queue, secrets).
    static let interfaceServices = ["ecr.api", "ecr.dkr", "logs", "sqs", "secretsmanager"]

    func resources() -> [any Resource] {
        var resources: [any Resource] = [
            VPCResource(address: vpc.address, client: client, cidr: layout.vpc.description, name: namer.name("vpc")),
            InternetGatewayResource(address: internetGateway.address, client: client, vpc: vpc, name: namer.name("igw")),
        ]
        for zone in layout.zones {
            let az = zones[zone.index]
            resources.append(SubnetResource(
                address: publicSubnet(zone.index).address, client: client, vpc: vpc, cidr: zone.publicSubnet.description,
                zone: az, isPublic: true, name: namer.name("public-\(zone.index + 1)")))
            resources.append(SubnetResource(
                address: privateSubnet(zone.index).address, client: client, vpc: vpc, cidr: zone.privateSubnet.description,
                zone: az, isPublic: false, name: namer.name("private-\(zone.index + 1)")))
        }
        for index in 0..<natCount {
            resources.append(ElasticIPResource(address: elasticIP(index).address, client: client,
                                               name: namer.name("nat-\(index + 1)")))
            resources.append(NATGatewayResource(address: natGateway(index).address, client: client, subnet: publicSubnet(index),
                                                elasticIP: elasticIP(index), name: namer.name("nat-\(index + 1)")))
        }
        resources.append(RouteTableResource(
            address: publicRouteTable.address, client: client, vpc: vpc, name: namer.name("public"),
            routes: [.init(destination: "0.0.0.0/0", target: .internet(internetGateway))],
            subnets: layout.zones.map { publicSubnet($0.index) }))
        for zone in layout.zones {
            resources.append(RouteTableResource(
                address: privateRouteTable(zone.index).address, client: client, vpc: vpc, name: namer.name("private-\(zone.index + 1)"),
                routes: [.init(destination: "0.0.0.0/0", target: .nat(natGateway(min(zone.index, natCount - 1))))],
                subnets: [privateSubnet(zone.index)]))
        }
        resources += securityGroups()
        resources += endpoints()
        return resources
    }

    /// Behind CloudFront the ALB admits CloudFront's origin-facing addresses only (the managed
    /// prefix list), on the one port the distribution uses: 443 when the ALB has HTTPS, else 80.
    /// One port because the list weighs ~55 rules against the group's quota of 60. Without
    /// CloudFront: 80 and 443 from anywhere.
    func albGroup(_ group: (String, String, [SecurityGroupResource.Rule]) -> any Resource) -> any Resource {
        guard stack.cloudFront.enabled else {
            return group("alb", "Public ALB: HTTP and HTTPS from anywhere",
                         [80, 443].map { .init(port: $0, source: .cidr("0.0.0.0/0")) })
        }
        let port = ServicesStage.servesHTTPS(stack, region: target.config.region) ? 443 : 80
        return group("alb", "ALB behind CloudFront: \(port) from CloudFront's origin-facing addresses only",
                     [.init(port: port, source: .prefixList(name: ManagedPrefixLists.cloudFrontOriginFacing))])
    }

    /// ALB: see `albGroup`. APIs: their container ports from the ALB only. Worker: no
    /// ingress. Redis 6379 and Aurora 5432: from the APIs and the worker only (Aurora also from
    /// itself when the RDS Proxy shares its group). Endpoints: 443
    /// from inside the VPC.
    func securityGroups() -> [any Resource] {
        let ports = Set([stack.services.publicAPI.port, stack.services.confirmAPI.port].compactMap { $0 }).sorted()
        let fromTasks = [securityGroup("api"), securityGroup("worker")]
        func group(_ role: String, _ summary: String, _ rules: [SecurityGroupResource.Rule]) -> any Resource {
            SecurityGroupResource(address: securityGroup(role).address, client: client, vpc: vpc, groupName: namer.name(role),
                                  summary: summary, rules: rules)
        }
        return [
            albGroup(group),
            group("api", "API tasks: container port from the ALB only",
                  ports.map { .init(port: $0, source: .group(securityGroup("alb"))) }),
            group("worker", "Commit worker tasks: no ingress", []),
            group("redis", "ElastiCache Redis: 6379 from the API and worker tasks",
                  fromTasks.map { .init(port: 6379, source: .group($0)) }),
            group("aurora", "Aurora PostgreSQL: 5432 from the API and worker tasks",
                  fromTasks.map { .init(port: 5432, source: .group($0)) }
                      // The RDS Proxy sits in this group too and reaches the writer from it.
                      + (stack.dataPlane.aurora.proxy.enabled ? [.init(port: 5432, source: .itself)] : [])),
            group("endpoints", "Interface endpoints: HTTPS from inside the VPC",
                  [.init(port: 443, source: .cidr(layout.vpc.description))]),
        ]
    }

    func endpoints() -> [any Resource] {
        let privateTables = layout.zones.map { privateRouteTable($0.index) }
        var endpoints: [any Resource] = ["s3", "dynamodb"].map { service in
            VPCEndpointResource(address: address("vpc_endpoint", service), client: client, vpc: vpc,
                                serviceName: "com.amazonaws.\(target.name).\(service)",
                                attachment: .gateway(routeTables: privateTables), name: namer.name("vpce-\(service)"))
        }
        guard stack.network.interfaceEndpoints else { return endpoints }
        for service in Self.interfaceServices {
            let role = service.replacingOccurrences(of: ".", with: "-")
            endpoints.append(VPCEndpointResource(
                address: address("vpc_endpoint", role), client: client, vpc: vpc,
                serviceName: "com.amazonaws.\(target.name).\(service)",
                attachment: .interface(subnets: layout.zones.map { privateSubnet($0.index) },
                                       securityGroup: securityGroup("endpoints")),
                name: namer.name("vpce-\(role)")))
        }
        return endpoints
    }

    func sweeps() -> [KindSweep] {
        func sweep<R: SweptResource>(_ type: R.Type) -> KindSweep where R.Scope == AWSClient {
            KindSweep(type, region: region, stage: .network, scope: client)
        }
        return [
            sweep(VPCEndpointResource.self), sweep(NATGatewayResource.self), sweep(ElasticIPResource.self),
            sweep(RouteTableResource.self), sweep(SecurityGroupResource.self), sweep(InternetGatewayResource.self),
            sweep(SubnetResource.self), sweep(VPCResource.self),
        ]
    }
}
