import NIOCore

/// The head of a target's HTTP/1.x response, read from its raw bytes: only what the load
/// balancer needs to relay the response unchanged — its status, how its body is framed, whether
/// the target keeps the connection, and whether a header must not be passed on. The relay does
/// not decode responses into NIOHTTP1 parts and encode them again (that was a third of the
/// proxy's user-space time per request); it forwards the bytes and finds where each ends.
struct ResponseHead {
    enum Body: Equatable {
        case none
        case length(Int)
        case chunked
        /// Neither length nor chunked: the body ends when the target closes (RFC 9112 §6.3).
        case untilClose
    }

    /// Longest header section accepted (a target sending more is answered 502).
    static let maxLength = 64 * 1024

    var status: Int
    /// Bytes of the status line and header section, the empty line included.
    var length: Int
    var body: Body
    /// The target keeps the connection open after this response.
    var keepAlive: Bool
    /// A hop-by-hop header (Connection, Keep-Alive, TE, …, or one Connection names) is present:
    /// the head must be rewritten without it before it reaches the client.
    var hasHopByHop: Bool

    /// 1xx other than 101: another head follows (dropped, as NIOHTTP1's decoder does by default).
    var isInformational: Bool { (100..<200).contains(status) && status != 101 }

    enum ParseError: Error { case malformed }

    /// The head at the start of `bytes`, or nil when its empty line has not arrived yet.
    /// `requestMethod` frames the body: a response to HEAD has none.
    static func parse(_ bytes: ByteBuffer, requestMethod: String) throws -> ResponseHead? {
        try bytes.withUnsafeReadableBytes { raw in
            guard let length = headLength(raw) else {
                if raw.count > maxLength { throw ParseError.malformed }
                return nil
            }
            return try parse(UnsafeRawBufferPointer(rebasing: raw[..<length]), requestMethod: requestMethod)
        }
    }

    /// Offset just past the first CRLF CRLF, if any.
    private static func headLength(_ raw: UnsafeRawBufferPointer) -> Int? {
        guard raw.count >= 4 else { return nil }
        var index = 3
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "\n") {
                if raw[index - 1] == UInt8(ascii: "\r"), raw[index - 2] == UInt8(ascii: "\n"), raw[index - 3] == UInt8(ascii: "\r") {
                    return index + 1
                }
                index += 1
            } else if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                index += 1
            } else {
                index += 4  // no CRLF CRLF can end within the next three bytes
            }
        }
        return nil
    }

    private static func parse(_ head: UnsafeRawBufferPointer, requestMethod: String) throws -> ResponseHead {
        // "HTTP/1.1 200 …"
        guard head.count >= 12, head.starts(with: "HTTP/1.".utf8), head[8] == UInt8(ascii: " ") else { throw ParseError.malformed }
        let http11 = head[7] == UInt8(ascii: "1")
        var status = 0
        for index in 9..<12 {
            let digit = Int(head[index]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { throw ParseError.malformed }
            status = status * 10 + digit
        }
        var contentLength: Int?
        var chunked = false
        var otherCoding = false
        var close = false
        var keepAliveToken = false
        var hopByHop = false
        for (name, value) in HeaderLines(head) {
            switch HopByHop.classify(name) {
            case .contentLength:
                guard let length = Int(decimal: value) else { throw ParseError.malformed }
                if let contentLength, contentLength != length { throw ParseError.malformed }
                contentLength = length
            case .transferEncoding:
                chunked = HeaderLines.lastToken(value, is: "chunked")
                otherCoding = !chunked
            case .connection:
                hopByHop = true
                HeaderLines.forEachToken(value) { token in
                    if HeaderLines.equalsIgnoringCase(token, "close") { close = true }
                    if HeaderLines.equalsIgnoringCase(token, "keep-alive") { keepAliveToken = true }
                }
            case .hopByHop:
                hopByHop = true
            case .other:
                break
            }
        }
        let body: Body
        if requestMethod == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 {
            body = status == 101 ? .untilClose : .none
        } else if chunked {
            body = .chunked
        } else if otherCoding {
            body = .untilClose
        } else if let contentLength {
            body = .length(contentLength)
        } else {
            body = .untilClose
        }
        let keepAlive = (http11 ? !close : keepAliveToken) && body != .untilClose
        return ResponseHead(status: status, length: head.count, body: body, keepAlive: keepAlive, hasHopByHop: hopByHop)
    }

    /// `head` (the first `length` bytes of `bytes`) rewritten for the client: hop-by-hop
    /// headers and those Connection names removed, and `Connection: close` added when the client
    /// connection ends after this response.
    static func rewritten(_ bytes: ByteBuffer, length: Int, closing: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var output = allocator.buffer(capacity: length + 24)
        bytes.withUnsafeReadableBytes { raw in
            let head = UnsafeRawBufferPointer(rebasing: raw[..<length])
            var named: [[UInt8]] = []
            for (name, value) in HeaderLines(head) where HopByHop.classify(name) == .connection {
                HeaderLines.forEachToken(value) { named.append(Array($0).map(HeaderLines.lowercased)) }
            }
            let statusLineEnd = head.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? head.count
            output.writeBytes(UnsafeRawBufferPointer(rebasing: head[..<statusLineEnd]))
            for line in HeaderLines.rawLines(head) {
                let name = HeaderLines.name(of: line)
                let kind = HopByHop.classify(name)
                if kind == .connection || kind == .hopByHop { continue }
                if named.contains(where: { HeaderLines.equalsIgnoringCase(name, $0) }) { continue }
                output.writeBytes(line)
            }
            if closing { output.writeStaticString("Connection: close\r\n") }
            output.writeStaticString("\r\n")
        }
        return output
    }
}

/// How the relay treats a response header by name.
enum HopByHop: Equatable {
    case contentLength, transferEncoding, connection, hopByHop, other

    static func classify(_ name: UnsafeRawBufferPointer) -> HopByHop {
        switch name.count {
        case 14 where HeaderLines.equalsIgnoringCase(name, "content-length"): .contentLength
        case 17 where HeaderLines.equalsIgnoringCase(name, "transfer-encoding"): .transferEncoding
        case 10 where HeaderLines.equalsIgnoringCase(name, "connection"): .connection
        case 10 where HeaderLines.equalsIgnoringCase(name, "keep-alive"): .hopByHop
        case 16 where HeaderLines.equalsIgnoringCase(name, "proxy-connection"): .hopByHop
        case 2 where HeaderLines.equalsIgnoringCase(name, "te"): .hopByHop
        case 7 where HeaderLines.equalsIgnoringCase(name, "trailer") || HeaderLines.equalsIgnoringCase(name, "upgrade"): .hopByHop
        default: .other
        }
    }
}

/// The header lines of a head (status line skipped), as raw name/value byte ranges.
struct HeaderLines: Sequence, IteratorProtocol {
    private let head: UnsafeRawBufferPointer
    private var position: Int

    init(_ head: UnsafeRawBufferPointer) {
        self.head = head
        position = (head.firstIndex(of: UInt8(ascii: "\n")) ?? head.count - 1) + 1
    }

    mutating func next() -> (name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)? {
        guard let line = nextLine() else { return nil }
        let name = Self.name(of: line)
        var start = name.count + 1
        var end = line.count
        while end > start, Self.isSpace(line[end - 1]) || line[end - 1] == UInt8(ascii: "\r") || line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        while start < end, Self.isSpace(line[start]) { start += 1 }
        return (name, UnsafeRawBufferPointer(rebasing: line[Swift.min(start, end)..<end]))
    }

    /// The next header line with its CRLF; nil at the empty line.
    private mutating func nextLine() -> UnsafeRawBufferPointer? {
        guard position < head.count, head[position] != UInt8(ascii: "\r"), head[position] != UInt8(ascii: "\n") else { return nil }
        let end = (UnsafeRawBufferPointer(rebasing: head[position...]).firstIndex(of: UInt8(ascii: "\n")).map { position + $0 + 1 }) ?? head.count
        defer { position = end }
        return UnsafeRawBufferPointer(rebasing: head[position..<end])
    }

    static func rawLines(_ head: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var lines = HeaderLines(head)
        var all: [UnsafeRawBufferPointer] = []
        while let line = lines.nextLine() { all.append(line) }
        return all
    }

    static func name(of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[..<(line.firstIndex(of: UInt8(ascii: ":")) ?? line.count)])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    static func equalsIgnoringCase<Bytes: Collection<UInt8>>(_ bytes: UnsafeRawBufferPointer, _ lowercase: Bytes) -> Bool {
        bytes.count == lowercase.count && zip(bytes, lowercase).allSatisfy { lowercased($0) == $1 }
    }

    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        equalsIgnoringCase(bytes, UnsafeRawBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount))
    }

    /// Each comma-separated token of a header value, trimmed.
    static func forEachToken(_ value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        for index in 0...value.count where index == value.count || value[index] == UInt8(ascii: ",") {
            var from = start
            var to = index
            while from < to, isSpace(value[from]) { from += 1 }
            while to > from, isSpace(value[to - 1]) { to -= 1 }
            if to > from { body(UnsafeRawBufferPointer(rebasing: value[from..<to])) }
            start = index + 1
        }
    }

    static func lastToken(_ value: UnsafeRawBufferPointer, is lowercase: StaticString) -> Bool {
        var last: UnsafeRawBufferPointer?
        forEachToken(value) { last = $0 }
        return last.map { equalsIgnoringCase($0, lowercase) } ?? false
    }
}

extension Int {
    /// A non-negative decimal of at most 15 digits (a Content-Length), else nil.
    init?(decimal bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}
