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

// MARK: - Distributions: create, change, delete (every change sends the ETag as If-Match)

extension CloudFront {
    /// The namespace every request document's root element carries.
    public static let xmlNamespace = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

    /// `config` is a `DistributionConfig` element; tags are set in the same call, so the
    /// distribution is never untagged (and can always be found by its tags).
    public func createDistribution(config: XMLTree, tags: [String: String]) async throws -> Distribution {
        var inner = config
        inner.attributes = [:]
        let body = XMLTree("DistributionConfigWithTags", attributes: ["xmlns": Self.xmlNamespace],
                           children: [inner, Self.tagsElement(tags)])
        let response = try await client.restXML(.cloudFront, action: "CreateDistributionWithTags", method: "POST",
                                                path: Self.apiPath + "/distribution",
                                                query: [(name: "WithTags", value: "")], body: body)
        let distribution = response.body ?? XMLTree("Distribution")
        return Distribution(summary: DistributionSummary(distribution), etag: response.header("ETag"),
                            config: distribution.child("DistributionConfig"))
    }

    /// The configuration alone, with the ETag an update or delete must match.
    public func getDistributionConfig(id: String) async throws -> (config: XMLTree, etag: String) {
        let response = try await client.restXML(.cloudFront, action: "GetDistributionConfig", method: "GET",
                                                path: Self.apiPath + "/distribution/\(id)/config")
        return (response.body ?? XMLTree("DistributionConfig"), response.header("ETag") ?? "")
    }

    /// Replaces the whole configuration; fails with PreconditionFailed when `ifMatch` is stale.
    public func updateDistribution(id: String, config: XMLTree, ifMatch: String) async throws -> Distribution {
        var body = config
        body.attributes = ["xmlns": Self.xmlNamespace]
        let response = try await client.restXML(.cloudFront, action: "UpdateDistribution", method: "PUT",
                                                path: Self.apiPath + "/distribution/\(id)/config",
                                                headers: [(name: "If-Match", value: ifMatch)], body: body)
        let distribution = response.body ?? XMLTree("Distribution")
        return Distribution(summary: DistributionSummary(distribution), etag: response.header("ETag"),
                            config: distribution.child("DistributionConfig"))
    }

    /// Only a disabled, deployed distribution can be deleted (DistributionNotDisabled otherwise).
    public func deleteDistribution(id: String, ifMatch: String) async throws {
        _ = try await client.restXML(.cloudFront, action: "DeleteDistribution", method: "DELETE",
                                     path: Self.apiPath + "/distribution/\(id)",
                                     headers: [(name: "If-Match", value: ifMatch)])
    }

    public func listTags(resourceArn: String) async throws -> [String: String] {
        let response = try await client.restXML(.cloudFront, action: "ListTagsForResource", method: "GET",
                                                path: Self.apiPath + "/tagging",
                                                query: [(name: "Resource", value: resourceArn)])
        var tags: [String: String] = [:]
        for tag in response.body?.child("Items")?.children("Tag") ?? [] {
            if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
        }
        return tags
    }

    static func tagsElement(_ tags: [String: String]) -> XMLTree {
        XMLTree("Tags", children: [XMLTree("Items", children: tags.keys.sorted().map { key in
            XMLTree("Tag", children: [.leaf("Key", key), .leaf("Value", tags[key] ?? "")])
        })])
    }
}

// MARK: - Cache policies and origin request policies

extension CloudFront {
    /// The two policy APIs differ only in their names and paths.
    public enum PolicyKind: String, Sendable, CaseIterable {
        case cache = "CachePolicy"
        case originRequest = "OriginRequestPolicy"

        var path: String { self == .cache ? "/cache-policy" : "/origin-request-policy" }
        /// The element a policy's configuration is sent and read in.
        public var configElement: String { rawValue + "Config" }
    }

    /// A policy with the ETag its update or delete must send back.
    public struct Policy: Sendable, Equatable {
        public var id: String
        /// `managed` (AWS's) or `custom`.
        public var type: String?
        public var config: XMLTree
        public var etag: String?

        public var name: String { config.string("Name") ?? "" }

        init(_ element: XMLTree, kind: PolicyKind, type: String? = nil, etag: String? = nil) {
            id = element.string("Id") ?? ""
            self.type = type
            config = element.child(kind.configElement) ?? XMLTree(kind.configElement)
            self.etag = etag
        }
    }

    /// Every policy of `type` (`custom` or `managed`); follows NextMarker.
    public func listPolicies(_ kind: PolicyKind, type: String = "custom") async throws -> [Policy] {
        var policies: [Policy] = []
        let pages = AWSPaginator<XMLTree> { marker in
            var query = [(name: "Type", value: type)]
            if let marker { query.append((name: "Marker", value: marker)) }
            let response = try await client.restXML(.cloudFront, action: "List\(kind.rawValue)s", method: "GET",
                                                    path: Self.apiPath + kind.path, query: query)
            let list = response.body ?? XMLTree("\(kind.rawValue)List")
            let next = list.string("NextMarker").flatMap { $0.isEmpty ? nil : $0 }
            return (list, next)
        }
        for try await list in pages {
            for summary in list.child("Items")?.children("\(kind.rawValue)Summary") ?? [] {
                if let policy = summary.child(kind.rawValue) {
                    policies.append(Policy(policy, kind: kind, type: summary.string("Type")))
                }
            }
        }
        return policies
    }

    public func getPolicy(_ kind: PolicyKind, id: String) async throws -> Policy {
        let response = try await client.restXML(.cloudFront, action: "Get\(kind.rawValue)", method: "GET",
                                                path: Self.apiPath + kind.path + "/" + id)
        return Policy(response.body ?? XMLTree(kind.rawValue), kind: kind, etag: response.header("ETag"))
    }

    /// `config` is the `…PolicyConfig` element.
    public func createPolicy(_ kind: PolicyKind, config: XMLTree) async throws -> Policy {
        var body = config
        body.attributes = ["xmlns": Self.xmlNamespace]
        let response = try await client.restXML(.cloudFront, action: "Create\(kind.rawValue)", method: "POST",
                                                path: Self.apiPath + kind.path, body: body)
        return Policy(response.body ?? XMLTree(kind.rawValue), kind: kind, etag: response.header("ETag"))
    }

    public func updatePolicy(_ kind: PolicyKind, id: String, config: XMLTree, ifMatch: String) async throws -> Policy {
        var body = config
        body.attributes = ["xmlns": Self.xmlNamespace]
        let response = try await client.restXML(.cloudFront, action: "Update\(kind.rawValue)", method: "PUT",
                                                path: Self.apiPath + kind.path + "/" + id,
                                                headers: [(name: "If-Match", value: ifMatch)], body: body)
        return Policy(response.body ?? XMLTree(kind.rawValue), kind: kind, etag: response.header("ETag"))
    }

    /// Refused with …InUse while a distribution's cache behavior still names the policy.
    public func deletePolicy(_ kind: PolicyKind, id: String, ifMatch: String) async throws {
        _ = try await client.restXML(.cloudFront, action: "Delete\(kind.rawValue)", method: "DELETE",
                                     path: Self.apiPath + kind.path + "/" + id,
                                     headers: [(name: "If-Match", value: ifMatch)])
    }
}
