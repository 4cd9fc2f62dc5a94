/// The formats of the contract's scalar fields, written as byte checks (no regex on the hot
/// path). openapi/ticketing.yaml states the same rules as patterns; a test keeps them equal.
public enum FieldRules {
    public static let identifierMaxLength = 64
    public static let maxSeatsPerRequest = 10
    public static let idempotencyKeyLength = 8...128
    public static let roomTokenMaxLength = 1024
    public static let maxAmount: Int64 = 1_000_000_000_000

    /// userId, eventId, seatId, section: `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`.
    public static func isIdentifier(_ value: String) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, bytes.count <= identifierMaxLength, isAlphanumeric(first) else {
            return false
        }
        return bytes.allSatisfy(isIdentifierByte)
    }

    /// holdId, intentId, orderId, paymentId: a hyphenated UUID, either case.
    public static func isServerId(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    /// Idempotency-Key and `idem`: `^[A-Za-z0-9_-]{8,128}$` — also a valid SQS deduplication id.
    public static func isIdempotencyKey(_ value: String) -> Bool {
        isURLSafeToken(value, length: idempotencyKeyLength)
    }

    /// Letters, digits, `_` and `-` only, with a byte count in `length`.
    public static func isURLSafeToken(_ value: String, length: ClosedRange<Int>) -> Bool {
        length.contains(value.utf8.count) && value.utf8.allSatisfy(isIdentifierByte)
    }

    /// Room token shape: `^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`, at most 1024 bytes.
    public static func isRoomTokenShape(_ value: String) -> Bool {
        let parts = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return value.utf8.count <= roomTokenMaxLength && parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isIdentifierByte) }
    }

    /// ISO 4217 shape: three uppercase ASCII letters.
    public static func isCurrency(_ value: String) -> Bool {
        value.utf8.count == 3 && value.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    // MARK: field problems

    public static func identifier(_ value: String, field: String) -> FieldProblem? {
        if value.isEmpty { return FieldProblem(field: field, message: "must not be empty") }
        if value.utf8.count > identifierMaxLength {
            return FieldProblem(field: field, message: "must be at most \(identifierMaxLength) characters")
        }
        return isIdentifier(value) ? nil : FieldProblem(
            field: field, message: "must be letters, digits, '_' or '-', starting with a letter or digit")
    }

    public static func serverId(_ value: String, field: String) -> FieldProblem? {
        isServerId(value) ? nil : FieldProblem(field: field, message: "must be a UUID")
    }

    public static func idempotencyKey(_ value: String?, field: String) -> FieldProblem? {
        guard let value, !value.isEmpty else { return FieldProblem(field: field, message: "is required") }
        return isIdempotencyKey(value) ? nil : FieldProblem(
            field: field, message: "must be 8-128 letters, digits, '_' or '-'")
    }

    public static func currency(_ value: String, field: String) -> FieldProblem? {
        isCurrency(value) ? nil : FieldProblem(field: field, message: "must be an ISO 4217 code like JPY")
    }

    public static func amount(_ value: Int64, field: String) -> FieldProblem? {
        (0...maxAmount).contains(value) ? nil : FieldProblem(field: field, message: "must be in 0...\(maxAmount)")
    }

    /// A non-empty list of at most 10 distinct seat identifiers; each bad element is named.
    public static func seatIds(_ values: [String], field: String = "seatIds") -> [FieldProblem] {
        if values.isEmpty { return [FieldProblem(field: field, message: "must name at least one seat")] }
        if values.count > maxSeatsPerRequest {
            return [FieldProblem(field: field, message: "must name at most \(maxSeatsPerRequest) seats")]
        }
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        for (index, value) in values.enumerated() {
            if let problem = identifier(value, field: "\(field)[\(index)]") {
                problems.append(problem)
            } else if !seen.insert(value).inserted {
                problems.append(FieldProblem(field: "\(field)[\(index)]", message: "repeats \(value)"))
            }
        }
        return problems
    }

    // MARK: bytes

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
