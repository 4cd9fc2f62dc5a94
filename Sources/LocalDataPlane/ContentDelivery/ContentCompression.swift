import ContainerImage
import NIOCore
import NIOHTTP1

/// CloudFront's edge compression: when the behaviour compresses, the cache policy enables
/// the encoding and the viewer accepts it, a response of a compressible type between 1 000
/// and 10 000 000 bytes that the origin did not encode is served Brotli (preferred) or gzip.
/// The encoding is part of the cache key, so each variant is cached once.
enum ContentCompression {
    enum Encoding: String, Sendable {
        case brotli = "br"
        case gzip
        case identity
    }

    static let sizeRange = 1_000...10_000_000

    /// CloudFront's list of compressed content types (the JSON and text the services answer among them).
    static let compressibleTypes: Set<String> = [
        "application/dash+xml", "application/eot", "application/font", "application/font-sfnt",
        "application/javascript", "application/json", "application/opentype", "application/otf",
        "application/pkcs7-mime", "application/protobuf", "application/rss+xml", "application/truetype",
        "application/ttf", "application/vnd.apple.mpegurl", "application/vnd.mapbox-vector-tile",
        "application/vnd.ms-fontobject", "application/wasm", "application/xhtml+xml", "application/xml",
        "application/x-font-opentype", "application/x-font-truetype", "application/x-font-ttf",
        "application/x-httpd-cgi", "application/x-javascript", "application/x-mpegurl", "application/x-opentype",
        "application/x-otf", "application/x-perl", "application/x-ttf", "font/eot", "font/opentype", "font/otf",
        "font/ttf", "image/svg+xml", "text/css", "text/csv", "text/html", "text/javascript", "text/js",
        "text/plain", "text/richtext", "text/tab-separated-values", "text/xml", "text/x-component",
        "text/x-java-source", "text/x-script", "vnd.apple.mpegurl",
    ]

    /// What this viewer may get under this behaviour (the cache key's encoding part).
    static func negotiate(acceptEncoding: [String], compress: Bool, policy: CachePolicy) -> Encoding {
        guard compress, policy.gzip || policy.brotli else { return .identity }
        var accepts: Set<String> = []
        for value in acceptEncoding {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";")
                let coding = CacheControl.trimmed(parts[0]).lowercased()
                let refused = parts.dropFirst().contains { ["q=0", "q=0.0", "q=0.00", "q=0.000"].contains($0.filter { $0 != " " }) }
                if !refused { accepts.insert(coding) }
            }
        }
        if policy.brotli && accepts.contains("br") { return .brotli }
        if policy.gzip && accepts.contains("gzip") { return .gzip }
        return .identity
    }

    /// The body encoded as `encoding` when CloudFront would; nil to serve it as the origin sent it.
    static func encode(_ body: ByteBuffer, headers: HTTPHeaders, as encoding: Encoding) -> ByteBuffer? {
        guard encoding != .identity, sizeRange.contains(body.readableBytes),
              headers["content-encoding"].allSatisfy({ $0.lowercased() == "identity" }),
              let type = headers.first(name: "content-type")?.split(separator: ";").first,
              compressibleTypes.contains(CacheControl.trimmed(type).lowercased())
        else { return nil }
        let encoded: [UInt8]? = body.withUnsafeReadableBytes { bytes in
            switch encoding {
            case .brotli: BrotliEncoding.compress(bytes)
            case .gzip: try? Gzip.compress(bytes)
            case .identity: nil
            }
        }
        return encoded.map { ByteBuffer(bytes: $0) }
    }
}
