/// The 512-byte ustar header, plus the pax extended-header records used when a name, link
/// target or size does not fit ustar's fixed fields.
struct TarHeader {
    enum TypeFlag: UInt8 {
        case regular = 0x30       // '0'
        case hardLink = 0x31      // '1'
        case symlink = 0x32       // '2'
        case directory = 0x35     // '5'
        case paxExtended = 0x78   // 'x'
        case paxGlobal = 0x67     // 'g'
        case gnuLongName = 0x4c   // 'L'
        case gnuLongLink = 0x4b   // 'K'
    }

    static let blockSize = 512
    static let nameLimit = 100
    static let maxOctalSize: Int64 = 0o77777777777

    var name: String
    var mode: UInt32
    var uid: Int
    var gid: Int
    var size: Int64
    var mtime: Int64
    var typeFlag: UInt8
    var linkName: String

    /// Encodes one ustar block; fields that do not fit are truncated (the caller emits pax records first).
    func encoded() -> [UInt8] {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        func put(_ bytes: some Collection<UInt8>, at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func putOctal(_ value: Int64, at offset: Int, width: Int) {
            let digits = String(max(0, value), radix: 8)
            let padded = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            put(Array(padded.utf8.suffix(width - 1)), at: offset, width: width - 1)
        }
        put(Array(name.utf8), at: 0, width: 100)
        putOctal(Int64(mode), at: 100, width: 8)
        putOctal(Int64(uid), at: 108, width: 8)
        putOctal(Int64(gid), at: 116, width: 8)
        putOctal(min(size, Self.maxOctalSize), at: 124, width: 12)
        putOctal(mtime, at: 136, width: 12)
        block[156] = typeFlag
        put(Array(linkName.utf8), at: 157, width: 100)
        put(Array("ustar\0".utf8), at: 257, width: 6)
        put(Array("00".utf8), at: 263, width: 2)
        // uname/gname (265, 297) stay empty; devmajor/devminor (329, 337) are zero.
        putOctal(0, at: 329, width: 8)
        putOctal(0, at: 337, width: 8)
        for index in 148..<156 { block[index] = 0x20 }
        let checksum = block.reduce(0) { $0 + Int64($1) }
        let digits = String(checksum, radix: 8)
        put(Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits).utf8), at: 148, width: 6)
        block[154] = 0
        block[155] = 0x20
        return block
    }

    /// Whether this header needs pax records to carry its name, link or size faithfully.
    var paxRecords: [(String, String)] {
        var records: [(String, String)] = []
        if name.utf8.count > Self.nameLimit || !name.utf8.allSatisfy({ $0 < 0x80 }) { records.append(("path", name)) }
        if linkName.utf8.count > Self.nameLimit || !linkName.utf8.allSatisfy({ $0 < 0x80 }) { records.append(("linkpath", linkName)) }
        if size > Self.maxOctalSize { records.append(("size", String(size))) }
        return records
    }

    /// Pax record bodies: "<length> <key>=<value>\n", where length counts the whole record.
    static func paxData(_ records: [(String, String)]) -> [UInt8] {
        var data: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            var length = body.utf8.count + 1
            while String(length).utf8.count + body.utf8.count != length { length += 1 }
            data.append(contentsOf: Array((String(length) + body).utf8))
        }
        return data
    }

    /// Decodes a header block; nil for an all-zero (end-of-archive) block.
    static func decode(_ block: [UInt8]) throws -> TarHeader? {
        guard block.count == blockSize else { throw ContainerImageError.malformedTar("short header block") }
        if block.allSatisfy({ $0 == 0 }) { return nil }
        var computed: Int64 = 0
        for (index, byte) in block.enumerated() { computed += (148..<156).contains(index) ? 0x20 : Int64(byte) }
        let stored = try octal(block, 148, 8)
        guard stored == computed else { throw ContainerImageError.malformedTar("header checksum mismatch") }
        var name = string(block, 0, 100)
        let magic = Array(block[257..<263])
        if magic == Array("ustar\0".utf8) || magic == Array("ustar ".utf8) {
            let prefix = string(block, 345, 155)
            if !prefix.isEmpty && magic == Array("ustar\0".utf8) { name = prefix + "/" + name }
        }
        return TarHeader(
            name: name,
            mode: UInt32(truncatingIfNeeded: try octal(block, 100, 8)),
            uid: Int(try octal(block, 108, 8)),
            gid: Int(try octal(block, 116, 8)),
            size: try octal(block, 124, 12),
            mtime: try octal(block, 136, 12),
            typeFlag: block[156] == 0 ? TypeFlag.regular.rawValue : block[156],
            linkName: string(block, 157, 100))
    }

    /// Parses pax records into key/value pairs.
    static func parsePax(_ data: [UInt8]) throws -> [String: String] {
        var result: [String: String] = [:]
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: 0x20),
                  let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
                  length > 0, index + length <= data.count,
                  let equals = data[(space + 1)..<(index + length)].firstIndex(of: 0x3d) else {
                throw ContainerImageError.malformedTar("bad pax record")
            }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            let value = String(decoding: data[(equals + 1)..<(index + length - 1)], as: UTF8.self)
            result[key] = value
            index += length
        }
        return result
    }

    private static func string(_ block: [UInt8], _ offset: Int, _ width: Int) -> String {
        let field = block[offset..<(offset + width)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[offset..<end], as: UTF8.self)
    }

    private static func octal(_ block: [UInt8], _ offset: Int, _ width: Int) throws -> Int64 {
        let field = block[offset..<(offset + width)]
        if let first = field.first, first & 0x80 != 0 {
            // GNU base-256 for large values.
            var value: Int64 = Int64(first & 0x7f)
            for byte in field.dropFirst() { value = (value << 8) | Int64(byte) }
            return value
        }
        var value: Int64 = 0
        var seenDigit = false
        for byte in field {
            if byte == 0 || (byte == 0x20 && seenDigit) { break }
            if byte == 0x20 { continue }
            guard byte >= 0x30 && byte <= 0x37 else { throw ContainerImageError.malformedTar("bad octal field at \(offset)") }
            value = value * 8 + Int64(byte - 0x30)
            seenDigit = true
        }
        return value
    }
}
