/// Route tables: their routes (to an internet or NAT gateway) and the subnets associated with them.
extension EC2 {
    public struct RouteTable: Sendable, Equatable {
        public struct Route: Sendable, Equatable {
            public var destinationCidrBlock: String?
            /// An internet gateway's id, or `local` for the VPC's own route.
            public var gatewayId: String?
            public var natGatewayId: String?
        }

        public struct Association: Sendable, Equatable {
            public var routeTableAssociationId: String
            /// nil for the main table's implicit association.
            public var subnetId: String?
            public var main: Bool
        }

        public var routeTableId: String
        public var vpcId: String
        public var routes: [Route]
        public var associations: [Association]
        public var tags: [String: String]

        init(_ element: XMLTree) {
            routeTableId = element.string("routeTableId") ?? ""
            vpcId = element.string("vpcId") ?? ""
            routes = (element.child("routeSet")?.listItems() ?? []).map {
                Route(destinationCidrBlock: $0.string("destinationCidrBlock"), gatewayId: $0.string("gatewayId"),
                      natGatewayId: $0.string("natGatewayId"))
            }
            associations = (element.child("associationSet")?.listItems() ?? []).map {
                Association(routeTableAssociationId: $0.string("routeTableAssociationId") ?? "",
                            subnetId: $0.string("subnetId"), main: $0.string("main") == "true")
            }
            tags = EC2.tags(element.child("tagSet"))
        }
    }

    /// Where a route sends its traffic.
    public enum RouteTarget: Sendable, Equatable {
        case gateway(String)
        case natGateway(String)

        func add(to parameters: inout QueryParameters) {
            switch self {
            case let .gateway(id): parameters.add("GatewayId", id)
            case let .natGateway(id): parameters.add("NatGatewayId", id)
            }
        }
    }

    /// `clientToken` makes a retried create return the same table.
    public func createRouteTable(vpcId: String, clientToken: String, tags: [String: String] = [:]) async throws -> RouteTable {
        var parameters: QueryParameters = ["VpcId": vpcId, "ClientToken": clientToken]
        addTagSpecification(&parameters, resourceType: "route-table", tags: tags)
        let response = try await client.ec2("CreateRouteTable", parameters)
        return RouteTable(response.child("routeTable") ?? response)
    }

    public func describeRouteTables(ids: [String] = [],
                                    filters: [(name: String, values: [String])] = []) async throws -> [RouteTable] {
        try await describe("DescribeRouteTables", setName: "routeTableSet", ids: ("RouteTableId", ids), filters: filters)
            .map(RouteTable.init)
    }

    public func createRoute(routeTableId: String, destinationCidrBlock: String, target: RouteTarget) async throws {
        var parameters: QueryParameters = ["RouteTableId": routeTableId, "DestinationCidrBlock": destinationCidrBlock]
        target.add(to: &parameters)
        _ = try await client.ec2("CreateRoute", parameters)
    }

    /// Points an existing route at another target.
    public func replaceRoute(routeTableId: String, destinationCidrBlock: String, target: RouteTarget) async throws {
        var parameters: QueryParameters = ["RouteTableId": routeTableId, "DestinationCidrBlock": destinationCidrBlock]
        target.add(to: &parameters)
        _ = try await client.ec2("ReplaceRoute", parameters)
    }

    public func deleteRoute(routeTableId: String, destinationCidrBlock: String) async throws {
        _ = try await client.ec2("DeleteRoute", ["RouteTableId": routeTableId, "DestinationCidrBlock": destinationCidrBlock])
    }

    /// Returns the association's id (what disassociating takes).
    public func associateRouteTable(routeTableId: String, subnetId: String) async throws -> String {
        let response = try await client.ec2("AssociateRouteTable", ["RouteTableId": routeTableId, "SubnetId": subnetId])
        return response.string("associationId") ?? ""
    }

    public func disassociateRouteTable(associationId: String) async throws {
        _ = try await client.ec2("DisassociateRouteTable", ["AssociationId": associationId])
    }

    public func deleteRouteTable(id: String) async throws {
        _ = try await client.ec2("DeleteRouteTable", ["RouteTableId": id])
    }
}
