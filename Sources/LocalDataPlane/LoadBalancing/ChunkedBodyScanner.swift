/// Finds where a chunked body ends (RFC 9112 §7.1) in bytes relayed as they are: sizes,
/// extensions, data, the last chunk and its trailer section, read across any split.
struct ChunkedBodyScanner {
    private enum State {
        case size(Int, digits: Int)
        case sizeExtension(Int)
        case sizeLineFeed(Int)
        case data(Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerLine
        case finalLineFeed
        case done
    }

    enum ScanError: Error { case malformed }

    private var state = State.size(0, digits: 0)

    var isDone: Bool { if case .done = state { true } else { false } }

    /// How many of `bytes` belong to this body; stops at its end (the rest is the next response).
    mutating func scan(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        var index = 0
        while index < bytes.count {
            if case let .data(remaining) = state {
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = remaining == taken ? .dataCarriageReturn : .data(remaining - taken)
                continue
            }
            let byte = bytes[index]
            index += 1
            switch state {
            case let .size(size, digits):
                if let digit = Self.hexValue(byte) {
                    guard digits < 15 else { throw ScanError.malformed }
                    state = .size(size << 4 | digit, digits: digits + 1)
                } else if digits > 0, byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    state = .sizeExtension(size)
                } else if digits > 0, byte == UInt8(ascii: "\r") {
                    state = .sizeLineFeed(size)
                } else if digits > 0, byte == UInt8(ascii: "\n") {
                    state = size == 0 ? .trailerLineStart : .data(size)
                } else {
                    throw ScanError.malformed
                }
            case let .sizeExtension(size):
                if byte == UInt8(ascii: "\n") { state = size == 0 ? .trailerLineStart : .data(size) }
                else if byte == UInt8(ascii: "\r") { state = .sizeLineFeed(size) }
            case let .sizeLineFeed(size):
                guard byte == UInt8(ascii: "\n") else { throw ScanError.malformed }
                state = size == 0 ? .trailerLineStart : .data(size)
            case .dataCarriageReturn:
                if byte == UInt8(ascii: "\r") { state = .dataLineFeed }
                else if byte == UInt8(ascii: "\n") { state = .size(0, digits: 0) }
                else { throw ScanError.malformed }
            case .dataLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw ScanError.malformed }
                state = .size(0, digits: 0)
            case .trailerLineStart:
                if byte == UInt8(ascii: "\r") { state = .finalLineFeed }
                else if byte == UInt8(ascii: "\n") { state = .done; return index }
                else { state = .trailerLine }
            case .trailerLine:
                if byte == UInt8(ascii: "\n") { state = .trailerLineStart }
            case .finalLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw ScanError.malformed }
                state = .done
                return index
            case .data, .done:
                return index - 1
            }
        }
        return index
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
