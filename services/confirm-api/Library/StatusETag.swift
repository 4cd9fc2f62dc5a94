import Crypto
import FoundationEssentials

/// A strong ETag of a status body: the first 16 bytes of its SHA-256 in hex. The body is encoded
/// with sorted keys, so the same state always yields the same tag and a poll with If-None-Match
/// costs one query and no body.
enum StatusETag {
    static func of(_ body: Data) -> String {
        "\"" + SHA256.hash(data: body).prefix(16).lowercaseHex + "\""
    }

    /// If-None-Match matches: `*`, or any listed tag (weak or strong) equal to ours.
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingWhitespace()
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
