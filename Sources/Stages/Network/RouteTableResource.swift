import AWSClient
import Provisioning

/// A route table with its routes (to the internet gateway or a NAT gateway) and its subnet
/// associations, converged together: a route table is only meaningful with both.
struct RouteTableResource: Resource {
    /// `destination` → an internet or NAT gateway.
    struct Route: Sendable {
        enum Gateway: Sendable {
            case internet(Dependency<InternetGatewayResource.Outputs>)
            case nat(Dependency<NATGatewayResource.Outputs>)

            var address: ResourceAddress {
                switch self {
                case let .internet(gateway): gateway.address
                case let .nat(gateway): gateway.address
                }
            }

            /// The route's target as CreateRoute and ReplaceRoute name it.
            func routeTarget(_ id: String) -> EC2.RouteTarget {
                switch self {
                case .internet: .gateway(id)
                case .nat: .natGateway(id)
                }
            }

            func id(_ context: ResourceContext) throws -> PlannedValue<String> {
                switch self {
                case let .internet(gateway): try context.output(\.internetGatewayId, of: gateway)
                case let .nat(gateway): try context.output(\.natGatewayId, of: gateway)
                }
            }

            func requireId(_ context: ResourceContext) throws -> String {
                switch self {
                case let .internet(gateway): try context.requireOutput(\.internetGatewayId, of: gateway)
                case let .nat(gateway): try context.requireOutput(\.natGatewayId, of: gateway)
                }
            }
        }

        var destination: String
        var target: Gateway
    }

    struct Live: Sendable {
        var id: String
        var vpcId: String
        /// Destination → gateway id (the `local` route left out).
        var routes: [String: String]
        /// Subnet id → association id.
        var associations: [String: String]
    }

    let address: ResourceAddress
    let client: AWSClient
    let vpc: Dependency<VPCResource.Outputs>
    let name: String
    let routes: [Route]
    let subnets: [Dependency<SubnetResource.Outputs>]

    private var ec2: EC2 { EC2(client: client) }
    var dependencies: [ResourceAddress] { [vpc.address] + routes.map(\.target.address) + subnets.map(\.address) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await ec2.describeRouteTables(filters: EC2Tagging.identityFilters(context.identity))
        guard let table = found.first, !table.routeTableId.isEmpty else { return nil }
        var routes: [String: String] = [:]
        for route in table.routes {
            guard let destination = route.destinationCidrBlock else { continue }
            let target = route.natGatewayId ?? route.gatewayId ?? ""
            if target != "local" { routes[destination] = target }
        }
        var associations: [String: String] = [:]
        for association in table.associations {
            if let subnet = association.subnetId { associations[subnet] = association.routeTableAssociationId }
        }
        return Live(id: table.routeTableId, vpcId: table.vpcId, routes: routes, associations: associations)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("vpcId", desired: try context.output(\.vpcId, of: vpc), live: live?.vpcId, onChange: .replace)
        var desiredRoutes: [String: PlannedValue<String>] = [:]
        for route in routes { desiredRoutes[route.destination] = try route.target.id(context) }
        diff.compare("routes", desired: desiredRoutes, live: live?.routes)
        let desiredSubnets = Set(try subnets.map { try context.output(\.subnetId, of: $0) })
        diff.compare("subnets", desired: desiredSubnets, live: live.map { Set($0.associations.keys) })
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let vpcId = try context.requireOutput(\.vpcId, of: vpc)
        // The VPC in the salt: a route table of a replaced VPC is a new create, not the old answer.
        let table = try await ec2.createRouteTable(vpcId: vpcId, clientToken: context.idempotencyToken(salt: vpcId),
                                                   tags: EC2Tagging.tags(context, name: name))
        let live = Live(id: table.routeTableId, vpcId: vpcId, routes: [:], associations: [:])
        return try await converge(live, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await converge(live, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        for associationId in live.associations.values.sorted() {
            try await AWSErrorMatching.ignoringNotFound {
                try await ec2.disassociateRouteTable(associationId: associationId)
            }
        }
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound {
                try await ec2.deleteRouteTable(id: live.id)
            }
        }
    }

    struct Outputs: PublishedOutputs {
        let routeTableId: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(routeTableId: live.id)
    }

    private func converge(_ live: Live, context: ResourceContext) async throws -> Live {
        var live = live
        var wanted: [String: (target: String, gateway: Route.Gateway)] = [:]
        for route in routes {
            wanted[route.destination] = (try route.target.requireId(context), route.target)
        }
        for destination in wanted.keys.sorted() {
            let (target, gateway) = wanted[destination]!
            guard live.routes[destination] != target else { continue }
            let routeTarget = gateway.routeTarget(target)
            if live.routes[destination] == nil {
                try await ec2.createRoute(routeTableId: live.id, destinationCidrBlock: destination, target: routeTarget)
            } else {
                try await ec2.replaceRoute(routeTableId: live.id, destinationCidrBlock: destination, target: routeTarget)
            }
            live.routes[destination] = target
        }
        for destination in live.routes.keys.sorted() where wanted[destination] == nil {
            try await ec2.deleteRoute(routeTableId: live.id, destinationCidrBlock: destination)
            live.routes[destination] = nil
        }
        let subnetIds = Set(try subnets.map { try context.requireOutput(\.subnetId, of: $0) })
        for subnet in subnetIds.sorted() where live.associations[subnet] == nil {
            live.associations[subnet] = try await ec2.associateRouteTable(routeTableId: live.id, subnetId: subnet)
        }
        for (subnet, association) in live.associations.sorted(by: { $0.key < $1.key }) where !subnetIds.contains(subnet) {
            try await ec2.disassociateRouteTable(associationId: association)
            live.associations[subnet] = nil
        }
        return live
    }
}

extension RouteTableResource: EC2TagListed {
    static let kind = "route_table"
    static let listing = EC2TagListing(describeAction: "DescribeRouteTables", setName: "routeTableSet", idField: "routeTableId")

    /// Its subnet associations go first (the main association stays with the VPC).
    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        let ec2 = EC2(client: client)
        let table = try await listing.describe(id: id, client: client)
        try await EC2TagListing.deleting {
            for association in table?.child("associationSet")?.listItems() ?? [] {
                if let associationId = association.string("routeTableAssociationId"), association.string("main") != "true" {
                    try await ec2.disassociateRouteTable(associationId: associationId)
                }
            }
            try await ec2.deleteRouteTable(id: id)
        }
    }
}
