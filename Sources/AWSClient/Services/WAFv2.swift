/// AWS WAFv2 (JSON 1.1) in the CLOUDFRONT scope: the web ACL a distribution names. That scope
/// lives in us-east-1 whatever region the caller works in, hence a global descriptor.
public struct WAFv2: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public static let scope = "CLOUDFRONT"

    public struct WebACL: Sendable, Equatable {
        public var id: String
        public var name: String
        public var arn: String
        public var defaultAction: JSONValue
        public var rules: JSONValue
        public var lockToken: String
    }

    public struct Summary: Sendable, Equatable {
        public var id: String
        public var name: String
        public var arn: String
    }

    /// Every web ACL of the scope (follows NextMarker).
    public func listWebACLs() async throws -> [Summary] {
        var summaries: [Summary] = []
        var marker: String?
        repeat {
            var input: [String: JSONValue] = ["Scope": .string(Self.scope), "Limit": 100]
            if let marker { input["NextMarker"] = .string(marker) }
            let page = try await client.json(.wafv2, "ListWebACLs", .object(input))
            summaries += (page["WebACLs"]?.array ?? []).map {
                Summary(id: $0["Id"]?.string ?? "", name: $0["Name"]?.string ?? "", arn: $0["ARN"]?.string ?? "")
            }
            marker = page["NextMarker"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while marker != nil
        return summaries
    }

    public func getWebACL(name: String, id: String) async throws -> WebACL {
        let output = try await client.json(.wafv2, "GetWebACL",
                                           ["Name": .string(name), "Scope": .string(Self.scope), "Id": .string(id)])
        let acl = output["WebACL"] ?? [:]
        return WebACL(id: acl["Id"]?.string ?? id, name: acl["Name"]?.string ?? name, arn: acl["ARN"]?.string ?? "",
                      defaultAction: acl["DefaultAction"] ?? .null, rules: acl["Rules"] ?? [],
                      lockToken: output["LockToken"]?.string ?? "")
    }

    /// `document`: DefaultAction, Rules, VisibilityConfig (and Description) of the ACL.
    public func createWebACL(name: String, document: JSONValue, tags: [String: String]) async throws -> Summary {
        var input = document.object ?? [:]
        input["Name"] = .string(name)
        input["Scope"] = .string(Self.scope)
        if !tags.isEmpty {
            input["Tags"] = .array(tags.sorted { $0.key < $1.key }.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        }
        let output = try await client.json(.wafv2, "CreateWebACL", .object(input))
        let summary = output["Summary"] ?? [:]
        return Summary(id: summary["Id"]?.string ?? "", name: name, arn: summary["ARN"]?.string ?? "")
    }

    public func updateWebACL(name: String, id: String, lockToken: String, document: JSONValue) async throws {
        var input = document.object ?? [:]
        input["Name"] = .string(name)
        input["Scope"] = .string(Self.scope)
        input["Id"] = .string(id)
        input["LockToken"] = .string(lockToken)
        input.removeValue(forKey: "Description")
        _ = try await client.json(.wafv2, "UpdateWebACL", .object(input))
    }

    public func deleteWebACL(name: String, id: String, lockToken: String) async throws {
        _ = try await client.json(.wafv2, "DeleteWebACL", [
            "Name": .string(name), "Scope": .string(Self.scope), "Id": .string(id), "LockToken": .string(lockToken),
        ])
    }
}
