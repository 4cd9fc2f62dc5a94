private let hexDigits = Array("0123456789abcdef".utf8)

extension Sequence<UInt8> {
    /// Lowercase hexadecimal of these bytes (digests, MACs, ETags): `String(format: "%02x")`
    /// is Foundation proper, which the services do not link.
    public var lowercaseHex: String {
        String(decoding: flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
