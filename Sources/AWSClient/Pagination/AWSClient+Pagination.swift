extension AWSClient {
    /// Pages of a JSON operation: `inputToken` goes into the request (`NextToken`, `nextToken`),
    /// `outputToken` is read from the answer.
    public func jsonPages(_ service: ServiceDescriptor, _ action: String, _ input: JSONValue = [:],
                          inputToken: String = "NextToken", outputToken: String = "NextToken") -> AWSPaginator<JSONValue> {
        AWSPaginator { token in
            var request = input.object ?? [:]
            if let token { request[inputToken] = .string(token) }
            let page = try await self.json(service, action, .object(request))
            return (page, page[outputToken]?.string)
        }
    }

    /// Pages of a Query operation: `Marker` in, `Marker` (IAM, RDS) or `NextMarker` (ELBv2) out,
    /// read from the `<ActionResult>` element.
    public func queryPages(_ service: ServiceDescriptor, _ action: String, _ parameters: QueryParameters = QueryParameters(),
                           inputToken: String = "Marker", outputToken: String = "Marker") -> AWSPaginator<XMLTree> {
        AWSPaginator { token in
            var request = parameters
            if let token { request[inputToken] = token }
            let page = try await self.query(service, action, request)
            // IAM says IsTruncated=false and may still echo a Marker.
            if page.string("IsTruncated") == "false" { return (page, nil) }
            return (page, page.string(outputToken))
        }
    }

    /// Pages of an EC2 operation: `NextToken` in, `nextToken` out.
    public func ec2Pages(_ action: String, _ parameters: QueryParameters = QueryParameters()) -> AWSPaginator<XMLTree> {
        AWSPaginator { token in
            var request = parameters
            if let token { request["NextToken"] = token }
            let page = try await self.ec2(action, request)
            return (page, page.string("nextToken"))
        }
    }
}
