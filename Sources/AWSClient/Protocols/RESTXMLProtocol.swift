/// A REST-XML answer: status, headers (ETag matters to CloudFront updates) and the XML body.
public struct RESTXMLResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// `nil` for an empty body (DELETE answers).
    public var body: XMLTree?

    public func header(_ name: String) -> String? {
        AWSHTTPResponse(status: status, headers: headers, body: []).header(name)
    }
}

/// REST-XML (CloudFront): the operation is the method and path; input travels in the
/// path, query, headers and an XML body; the answer is XML.
public enum RESTXMLProtocol {
    public static func request(method: String, path: String, query: [(name: String, value: String)] = [],
                               headers: [(name: String, value: String)] = [], body: XMLTree? = nil) -> AWSHTTPRequest {
        var allHeaders = headers
        var bytes: [UInt8] = []
        if let body {
            bytes = Array(body.xmlDocument().utf8)
            allHeaders.append((name: "Content-Type", value: "application/xml"))
        }
        return AWSHTTPRequest(method: method, path: path, query: query, headers: allHeaders, body: bytes)
    }
}

extension AWSClient {
    /// Calls a REST-XML operation. `action` names it in logs and errors (`GetDistribution`).
    public func restXML(_ service: ServiceDescriptor, action: String, method: String, path: String,
                        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
                        body: XMLTree? = nil) async throws -> RESTXMLResponse {
        let request = RESTXMLProtocol.request(method: method, path: path, query: query, headers: headers, body: body)
        let response = try await send(service, action: action, request: request)
        let isEmpty = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return RESTXMLResponse(status: response.status, headers: response.headers,
                               body: isEmpty ? nil : try parseXML(response, service: service, action: action))
    }
}
