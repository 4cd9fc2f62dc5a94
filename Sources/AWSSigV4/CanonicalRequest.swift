/// The canonical request: the six lines whose hash the string to sign carries.
///
/// ```
/// METHOD
/// canonical URI
/// canonical query
/// canonical headers (each ending in \n, hence a blank line after them)
/// signed headers
/// payload hash
/// ```
enum CanonicalRequest {
    /// The method is used as sent (HTTP methods are case-sensitive and the service hashes
    /// the one it received).
    static func make(
        method: String, uri: String, query: String, headers: CanonicalHeaders, payloadHash: String
    ) -> String {
        "\(method)\n\(uri)\n\(query)\n\(headers.block)\n\(headers.signedHeaders)\n\(payloadHash)"
    }
}
