/// Amazon CloudFront (REST-XML, API 2020-05-31, global: signed for us-east-1): distributions.
public struct CloudFront: Sendable {
    public let client: AWSClient
    static let apiPath = "/2020-05-31"

    public init(client: AWSClient) {
        self.client = client
    }

    public struct DistributionSummary: Sendable, Equatable {
        public var id: String
        public var arn: String
        public var domainName: String
        /// `InProgress`, `Deployed`.
        public var status: String
        public var comment: String

        init(_ element: XMLTree) {
            id = element.string("Id") ?? ""
            arn = element.string("ARN") ?? ""
            domainName = element.string("DomainName") ?? ""
            status = element.string("Status") ?? ""
            comment = element.string("Comment") ?? element.string("DistributionConfig", "Comment") ?? ""
        }
    }

    /// A distribution with the `ETag` that an update or delete must send back as `If-Match`.
    public struct Distribution: Sendable, Equatable {
        public var summary: DistributionSummary
        public var etag: String?
        public var config: XMLTree?
    }

    /// Every distribution; follows NextMarker.
    public func listDistributions() async throws -> [DistributionSummary] {
        var summaries: [DistributionSummary] = []
        let pages = AWSPaginator<XMLTree> { marker in
            let query = marker.map { [(name: "Marker", value: $0)] } ?? []
            let response = try await client.restXML(.cloudFront, action: "ListDistributions", method: "GET",
                                                    path: Self.apiPath + "/distribution", query: query)
            let list = response.body ?? XMLTree("DistributionList")
            return (list, list.string("IsTruncated") == "true" ? list.string("NextMarker") : nil)
        }
        for try await list in pages {
            summaries += (list.child("Items")?.children("DistributionSummary") ?? []).map(DistributionSummary.init)
        }
        return summaries
    }

    public func getDistribution(id: String) async throws -> Distribution {
        let response = try await client.restXML(.cloudFront, action: "GetDistribution", method: "GET",
                                                path: Self.apiPath + "/distribution/" + id)
        let body = response.body ?? XMLTree("Distribution")
        return Distribution(summary: DistributionSummary(body), etag: response.header("ETag"),
                            config: body.child("DistributionConfig"))
    }
}
