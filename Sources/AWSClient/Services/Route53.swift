/// Amazon Route 53 (REST-XML, API 2013-04-01, global: signed for us-east-1): the record sets
/// tpsctl keeps in the stack's hosted zone — certificate validation CNAMEs and alias records.
public struct Route53: Sendable {
    public let client: AWSClient
    static let apiPath = "/2013-04-01"
    public static let xmlNamespace = "https://route53.amazonaws.com/doc/2013-04-01/"
    /// The hosted zone every CloudFront distribution's alias targets name.
    public static let cloudFrontHostedZoneId = "Z2FDTNDATAQYW2"

    public init(client: AWSClient) {
        self.client = client
    }

    /// A record set: either `values` (with a TTL) or an alias to an AWS resource.
    public struct RecordSet: Sendable, Hashable {
        public struct Alias: Sendable, Hashable {
            public var hostedZoneId: String
            public var dnsName: String

            public init(hostedZoneId: String, dnsName: String) {
                self.hostedZoneId = hostedZoneId
                self.dnsName = dnsName
            }
        }

        /// Fully qualified, with the trailing dot as Route 53 answers it.
        public var name: String
        public var type: String
        public var ttl: Int?
        public var values: [String]
        public var alias: Alias?

        public init(name: String, type: String, ttl: Int? = nil, values: [String] = [], alias: Alias? = nil) {
            self.name = Self.absolute(name)
            self.type = type
            self.ttl = ttl
            self.values = values
            self.alias = alias
        }

        init(_ element: XMLTree) {
            self.init(name: element.string("Name") ?? "", type: element.string("Type") ?? "",
                      ttl: element.string("TTL").flatMap { Int($0) },
                      values: element.child("ResourceRecords")?.children("ResourceRecord").compactMap { $0.string("Value") } ?? [],
                      alias: element.child("AliasTarget").map {
                          Alias(hostedZoneId: $0.string("HostedZoneId") ?? "", dnsName: Self.absolute($0.string("DNSName") ?? ""))
                      })
        }

        /// `a.example.com` → `a.example.com.` (Route 53 answers names with the root's dot).
        public static func absolute(_ name: String) -> String {
            name.hasSuffix(".") ? name.lowercased() : name.lowercased() + "."
        }

        var element: XMLTree {
            var children: [XMLTree] = [.leaf("Name", name), .leaf("Type", type)]
            if let alias {
                children.append(XMLTree("AliasTarget", children: [
                    .leaf("HostedZoneId", alias.hostedZoneId), .leaf("DNSName", alias.dnsName),
                    .leaf("EvaluateTargetHealth", "false"),
                ]))
            } else {
                children.append(.leaf("TTL", String(ttl ?? 300)))
                children.append(XMLTree("ResourceRecords", children: values.map {
                    XMLTree("ResourceRecord", children: [.leaf("Value", $0)])
                }))
            }
            return XMLTree("ResourceRecordSet", children: children)
        }
    }

    /// The record set of that name and type in the zone, if any.
    public func recordSet(zoneId: String, name: String, type: String) async throws -> RecordSet? {
        let absolute = RecordSet.absolute(name)
        let response = try await client.restXML(.route53, action: "ListResourceRecordSets", method: "GET",
                                                path: Self.apiPath + "/hostedzone/\(zoneId)/rrset",
                                                query: [(name: "name", value: absolute), (name: "type", value: type),
                                                        (name: "maxitems", value: "1")])
        return (response.body?.child("ResourceRecordSets")?.children("ResourceRecordSet") ?? [])
            .map(RecordSet.init).first { $0.name == absolute && $0.type == type }
    }

    /// `UPSERT` or `DELETE` in one atomic batch.
    public func change(zoneId: String, _ changes: [(action: String, record: RecordSet)], comment: String) async throws {
        let body = XMLTree("ChangeResourceRecordSetsRequest", attributes: ["xmlns": Self.xmlNamespace], children: [
            XMLTree("ChangeBatch", children: [
                .leaf("Comment", comment),
                XMLTree("Changes", children: changes.map { change in
                    XMLTree("Change", children: [.leaf("Action", change.action), change.record.element])
                }),
            ]),
        ])
        _ = try await client.restXML(.route53, action: "ChangeResourceRecordSets", method: "POST",
                                     path: Self.apiPath + "/hostedzone/\(zoneId)/rrset/", body: body)
    }
}
