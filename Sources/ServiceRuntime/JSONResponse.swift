import FoundationEssentials
import Hummingbird
import Ticketing

/// Contract JSON (sorted keys, RFC 3339 dates) with the given status and headers.
public enum JSONResponse {
    public static func make<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok,
                                              headers: HTTPFields = [.cacheControl: "no-store"]) throws -> Response {
        make(bytes: try JSONCoding.makeEncoder().encode(value), status: status, headers: headers)
    }

    /// Already-encoded JSON (e.g. a cached summary).
    public static func make(bytes: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
