/// A member of a tar stream as the parser announces it (pax/GNU long names already applied).
struct TarMember {
    var path: String
    var type: TarHeader.TypeFlag?
    var rawType: UInt8
    var mode: UInt32
    var uid: Int
    var gid: Int
    var size: Int64
    var linkTarget: String
}

/// Receives the members of a tar stream and their bytes, in order.
protocol TarMemberHandler: AnyObject {
    func begin(_ member: TarMember) throws
    func data(_ bytes: UnsafeRawBufferPointer) throws
    func end() throws
}

/// A push parser for tar streams: fed arbitrary byte chunks (from the gunzip stage), it
/// announces members without buffering file contents.
final class TarStreamParser: ByteSink {
    private enum State {
        case header
        case extendedData(TarHeader.TypeFlag, remaining: Int64, padding: Int)
        case memberData(remaining: Int64, padding: Int)
        case padding(remaining: Int)
        case finished
    }

    private let handler: any TarMemberHandler
    private var state = State.header
    private var headerBuffer: [UInt8] = []
    private var extendedBuffer: [UInt8] = []
    private var pendingPax: [String: String] = [:]
    private var pendingLongName: String?
    private var pendingLongLink: String?
    private static let extendedLimit: Int64 = 1 << 20

    init(handler: any TarMemberHandler) {
        self.handler = handler
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            switch state {
            case .finished:
                // Trailing zero blocks and record padding after the end marker.
                return
            case .header:
                let take = min(TarHeader.blockSize - headerBuffer.count, bytes.count - offset)
                headerBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
                offset += take
                if headerBuffer.count == TarHeader.blockSize {
                    let block = headerBuffer
                    headerBuffer.removeAll(keepingCapacity: true)
                    try handleHeader(block)
                }
            case .extendedData(let type, let remaining, let padding):
                let take = Int(min(remaining, Int64(bytes.count - offset)))
                extendedBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
                offset += take
                if remaining - Int64(take) == 0 {
                    try finishExtended(type)
                    state = padding > 0 ? .padding(remaining: padding) : .header
                } else {
                    state = .extendedData(type, remaining: remaining - Int64(take), padding: padding)
                }
            case .memberData(let remaining, let padding):
                let take = Int(min(remaining, Int64(bytes.count - offset)))
                try handler.data(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
                offset += take
                if remaining - Int64(take) == 0 {
                    try handler.end()
                    state = padding > 0 ? .padding(remaining: padding) : .header
                } else {
                    state = .memberData(remaining: remaining - Int64(take), padding: padding)
                }
            case .padding(let remaining):
                let take = min(remaining, bytes.count - offset)
                offset += take
                state = remaining - take == 0 ? .header : .padding(remaining: remaining - take)
            }
        }
    }

    func finish() throws {
        switch state {
        case .finished: return
        case .header where headerBuffer.isEmpty:
            // Some writers omit the end-of-archive blocks; a clean member boundary is acceptable.
            return
        default:
            throw ContainerImageError.malformedTar("stream ends in the middle of a member")
        }
    }

    private func handleHeader(_ block: [UInt8]) throws {
        guard let header = try TarHeader.decode(block) else {
            state = .finished
            return
        }
        let padding = Int((Int64(TarHeader.blockSize) - header.size % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize))
        let type = TarHeader.TypeFlag(rawValue: header.typeFlag)
        switch type {
        case .paxExtended?, .paxGlobal?, .gnuLongName?, .gnuLongLink?:
            guard header.size <= Self.extendedLimit else { throw ContainerImageError.malformedTar("extended header of \(header.size) bytes") }
            extendedBuffer.removeAll(keepingCapacity: true)
            if header.size == 0 {
                try finishExtended(type!)
                state = .header
            } else {
                state = .extendedData(type!, remaining: header.size, padding: padding)
            }
            return
        default:
            break
        }
        var member = TarMember(path: header.name, type: type, rawType: header.typeFlag, mode: header.mode, uid: header.uid, gid: header.gid, size: header.size, linkTarget: header.linkName)
        if let path = pendingPax["path"] ?? pendingLongName { member.path = path }
        if let link = pendingPax["linkpath"] ?? pendingLongLink { member.linkTarget = link }
        if let sizeText = pendingPax["size"] {
            guard let size = Int64(sizeText) else { throw ContainerImageError.malformedTar("bad pax size '\(sizeText)'") }
            member.size = size
        }
        pendingPax = [:]
        pendingLongName = nil
        pendingLongLink = nil
        let dataPadding = Int((Int64(TarHeader.blockSize) - member.size % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize))
        let hasData = member.type == .regular || member.type == nil
        let dataSize = hasData || member.type == .directory ? member.size : 0
        try handler.begin(member)
        if dataSize == 0 {
            try handler.end()
            state = .header
        } else {
            state = .memberData(remaining: dataSize, padding: dataPadding)
        }
    }

    private func finishExtended(_ type: TarHeader.TypeFlag) throws {
        let text = { (bytes: [UInt8]) in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
        switch type {
        case .paxExtended: pendingPax.merge(try TarHeader.parsePax(extendedBuffer)) { $1 }
        case .gnuLongName: pendingLongName = text(extendedBuffer)
        case .gnuLongLink: pendingLongLink = text(extendedBuffer)
        default: break // global pax headers carry nothing we apply
        }
    }
}
