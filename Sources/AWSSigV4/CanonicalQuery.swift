/// The third line of the canonical request: query parameters, each key and value decoded
/// then re-encoded with the unreserved set, sorted by encoded key then encoded value, joined
/// by `&`. A parameter without `=` signs as `key=`; empty components (`a&&b`, trailing `&`)
/// carry nothing and are dropped.
///
/// Re-encoding makes the result independent of how the client spelled the wire query
/// (`%e1` vs `%E1`, a literal `:`), which is what the service does on its side.
enum CanonicalQuery {
    /// One `key=value` component, both halves in canonical encoding.
    struct Parameter: Sendable {
        var key: [UInt8]
        var value: [UInt8]

        init(encodedKey: [UInt8], encodedValue: [UInt8]) {
            key = encodedKey
            value = encodedValue
        }

        /// Canonicalises one raw wire component.
        init(wireComponent: Substring) {
            let bytes = Array(wireComponent.utf8)
            let equals = bytes.firstIndex(of: UInt8(ascii: "=")) ?? bytes.endIndex
            key = SigV4PercentEncoding.encode(bytes: SigV4PercentEncoding.decode(bytes[..<equals]))
            let rawValue = equals < bytes.endIndex ? bytes[(equals + 1)...] : []
            value = SigV4PercentEncoding.encode(bytes: SigV4PercentEncoding.decode(rawValue))
        }

        /// A parameter the signer adds (the `X-Amz-*` presign parameters), from plain text.
        init(name: String, value: String) {
            key = SigV4PercentEncoding.encode(bytes: Array(name.utf8))
            self.value = SigV4PercentEncoding.encode(bytes: Array(value.utf8))
        }

        var keyString: String { String(decoding: key, as: UTF8.self) }

        /// Byte order on the encoded forms: key first, value breaks ties.
        static func precedes(_ lhs: Parameter, _ rhs: Parameter) -> Bool {
            if lhs.key != rhs.key { return lhs.key.lexicographicallyPrecedes(rhs.key) }
            return lhs.value.lexicographicallyPrecedes(rhs.value)
        }
    }

    /// Splits a raw wire query into canonicalised parameters, in wire order.
    static func parameters(ofWireQuery query: Substring?) -> [Parameter] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map(Parameter.init(wireComponent:))
    }

    static func make(_ parameters: [Parameter]) -> String {
        var out: [UInt8] = []
        for (index, parameter) in parameters.sorted(by: Parameter.precedes).enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: parameter.key)
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: parameter.value)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
