/// The header block of the canonical request and the `SignedHeaders` list.
///
/// Names are lowercased and sorted; the values of a repeated name are joined with `,` in
/// request order; each value is trimmed and its runs of whitespace (including the line
/// breaks of an obs-folded multi-line value) are folded to one space.
struct CanonicalHeaders: Sendable {
    /// `name:value\n` for every signed header, sorted by name.
    var block: String
    /// `name;name;…`, sorted.
    var signedHeaders: String

    /// Headers never signed: hop-by-hop headers a proxy may rewrite or drop, and the ones
    /// HTTP stacks and tracing add after signing. Signing them would break the signature in
    /// transit; AWS's own SDKs skip the same set.
    static let unsignedNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
        "x-amzn-trace-id",
    ]

    static func isSignable(_ lowercasedName: String) -> Bool {
        !unsignedNames.contains(lowercasedName)
    }

    /// `headers` are the request's headers as they will be sent; names not signable are
    /// skipped here, so callers pass the full list.
    init(_ headers: [(name: String, value: String)]) {
        var valuesByName: [String: [UInt8]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard Self.isSignable(name) else { continue }
            let trimmed = Self.trimAll(header.value)
            if valuesByName[name] == nil {
                valuesByName[name] = trimmed
            } else {
                // Mutate in place through the subscript: no copy of the joined value.
                valuesByName[name]!.append(UInt8(ascii: ","))
                valuesByName[name]!.append(contentsOf: trimmed)
            }
        }
        let names = valuesByName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block: [UInt8] = []
        for name in names {
            block.append(contentsOf: name.utf8)
            block.append(UInt8(ascii: ":"))
            block.append(contentsOf: valuesByName[name]!)
            block.append(UInt8(ascii: "\n"))
        }
        self.block = String(decoding: block, as: UTF8.self)
        self.signedHeaders = names.joined(separator: ";")
    }

    /// SigV4's Trimall: strip leading and trailing whitespace, fold inner runs to one space.
    static func trimAll(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if isWhitespace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return out
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        // SP, HT, LF, VT, FF, CR.
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
