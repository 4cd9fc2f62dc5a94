/// How a service puts requests and errors on the wire (botocore's `metadata.protocol`).
public enum WireProtocol: Sendable, Hashable {
    /// AWS JSON 1.0 / 1.1: POST /, `X-Amz-Target: <targetPrefix>.<Action>`, JSON body.
    case json(version: String, targetPrefix: String)
    /// AWS Query: POST /, form-encoded `Action=…&Version=…`, XML answer.
    case query
    /// EC2 Query: like Query, with EC2's list naming and `<Response><Errors>` errors.
    case ec2Query
    /// REST-XML: the operation is the method and path, XML bodies.
    case restXML

    /// The name botocore uses.
    public var name: String {
        switch self {
        case .json(let version, _): return "json-\(version)"
        case .query: return "query"
        case .ec2Query: return "ec2"
        case .restXML: return "rest-xml"
        }
    }
}
