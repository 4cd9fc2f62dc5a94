import AWSClient

/// Reads of the access-log buckets and the ALB's log attributes, straight from the emulator
/// (raw REST-XML and Query calls, not the S3 wrapper the stages use).
extension IndependentReads {
    /// A bucket sub-resource (`?policy`, `?encryption`…): HTTP status and body.
    func bucketSubresource(_ bucket: String, _ subresource: String) async throws -> (status: Int, body: String) {
        do {
            let response = try await client.send(.s3, action: "Get \(subresource)", request: AWSHTTPRequest(
                method: "GET", path: "/\(bucket)", query: [(name: subresource, value: "")]))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        } catch let error as AWSError {
            return (error.httpStatus, error.code)
        }
    }

    /// Whether the bucket exists (HeadBucket).
    func bucketExists(_ bucket: String) async throws -> Bool {
        do {
            _ = try await client.send(.s3, action: "HeadBucket", request: AWSHTTPRequest(method: "HEAD", path: "/\(bucket)"))
            return true
        } catch let error as AWSError where error.httpStatus == 404 {
            return false
        }
    }

    /// The bucket's policy as JSON.
    func bucketPolicy(_ bucket: String) async throws -> JSONValue? {
        let (status, body) = try await bucketSubresource(bucket, "policy")
        return status == 200 ? try JSONValue(parsing: body) : nil
    }

    /// An XML sub-resource's document.
    func bucketXML(_ bucket: String, _ subresource: String) async throws -> XMLTree? {
        let (status, body) = try await bucketSubresource(bucket, subresource)
        return status == 200 ? try XMLTree(parsing: body) : nil
    }

    /// The keys of the bucket's objects.
    func objectKeys(_ bucket: String) async throws -> [String] {
        let response = try await client.send(.s3, action: "ListObjectsV2", request: AWSHTTPRequest(
            method: "GET", path: "/\(bucket)", query: [(name: "list-type", value: "2")]))
        return (try XMLTree(parsing: response.body).children("Contents")).compactMap { $0.string("Key") }
    }

    /// A load balancer's attributes (DescribeLoadBalancerAttributes).
    func loadBalancerAttributes(_ arn: String) async throws -> [String: String] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeLoadBalancerAttributes", ["LoadBalancerArn": arn])
        var attributes: [String: String] = [:]
        for item in result.child("Attributes")?.listItems() ?? [] {
            if let key = item.string("Key") { attributes[key] = item.string("Value") ?? "" }
        }
        return attributes
    }
}
