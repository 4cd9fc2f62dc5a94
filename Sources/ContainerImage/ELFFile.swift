/// The parts of an ELF file that decide what it needs at run time: machine, program
/// interpreter (the dynamic loader), and the dynamic section's DT_NEEDED, DT_RUNPATH and
/// DT_RPATH. Read with positioned reads; the file is never loaded whole.
public struct ELFFile: Sendable, Equatable {
    public let path: String
    public let machine: UInt16
    public let interpreter: String?
    public let needed: [String]
    public let runpath: [String]
    public let rpath: [String]
    public let soname: String?
    /// Whether the file has a dynamic section (false for a fully static executable).
    public let isDynamic: Bool

    public var architecture: ELFArchitecture? { ELFArchitecture(machine: machine) }

    private static let programHeaderSize = 56
    private static let dynamicEntrySize = 16

    public init(path: String) throws {
        self.path = path
        let input = try FileInput(path: path)
        defer { input.close() }
        let header = try input.read(at: 0, count: 64)
        guard header.count >= 20, header[0] == 0x7f, header[1] == 0x45, header[2] == 0x4c, header[3] == 0x46 else {
            throw ContainerImageError.notELF(path: path)
        }
        guard header.count == 64, header[4] == 2 else { throw ContainerImageError.unsupportedELF(path: path, reason: "not 64-bit") }
        guard header[5] == 1 else { throw ContainerImageError.unsupportedELF(path: path, reason: "not little-endian") }
        machine = UInt16(Self.integer(header, 18, 2))
        let programHeaderOffset = Int64(Self.integer(header, 32, 8))
        let programHeaderEntrySize = Int(Self.integer(header, 54, 2))
        let programHeaderCount = Int(Self.integer(header, 56, 2))
        guard programHeaderCount == 0 || programHeaderEntrySize >= Self.programHeaderSize else {
            throw ContainerImageError.malformedELF(path: path, reason: "program header entry size \(programHeaderEntrySize)")
        }
        let table = try input.read(at: programHeaderOffset, count: programHeaderCount * programHeaderEntrySize)
        guard table.count == programHeaderCount * programHeaderEntrySize else {
            throw ContainerImageError.malformedELF(path: path, reason: "program headers past end of file")
        }
        var loads: [(vaddr: UInt64, offset: UInt64, filesz: UInt64)] = []
        var dynamic: (offset: Int64, size: Int)?
        var interpreter: String?
        for index in 0..<programHeaderCount {
            let base = index * programHeaderEntrySize
            let type = Self.integer(table, base, 4)
            let offset = Self.integer(table, base + 8, 8)
            let vaddr = Self.integer(table, base + 16, 8)
            let filesz = Self.integer(table, base + 32, 8)
            switch type {
            case 1: loads.append((vaddr, offset, filesz))
            case 2: dynamic = (Int64(offset), Int(filesz))
            case 3:
                let bytes = try input.read(at: Int64(offset), count: Int(min(filesz, 4096)))
                interpreter = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            default: break
            }
        }
        self.interpreter = interpreter
        guard let dynamic else {
            isDynamic = false
            needed = []; runpath = []; rpath = []; soname = nil
            return
        }
        isDynamic = true
        let entries = try input.read(at: dynamic.offset, count: dynamic.size)
        var neededOffsets: [UInt64] = []
        var runpathOffset: UInt64?, rpathOffset: UInt64?, sonameOffset: UInt64?
        var stringTableAddress: UInt64?, stringTableSize: UInt64 = 0
        var cursor = 0
        while cursor + Self.dynamicEntrySize <= entries.count {
            let tag = Self.integer(entries, cursor, 8)
            let value = Self.integer(entries, cursor + 8, 8)
            cursor += Self.dynamicEntrySize
            switch tag {
            case 0: cursor = entries.count
            case 1: neededOffsets.append(value)
            case 5: stringTableAddress = value
            case 10: stringTableSize = value
            case 14: sonameOffset = value
            case 15: rpathOffset = value
            case 29: runpathOffset = value
            default: break
            }
        }
        guard let stringTableAddress else {
            if neededOffsets.isEmpty { needed = []; runpath = []; rpath = []; soname = nil; return }
            throw ContainerImageError.malformedELF(path: path, reason: "DT_NEEDED without DT_STRTAB")
        }
        guard let segment = loads.first(where: { stringTableAddress >= $0.vaddr && stringTableAddress < $0.vaddr + $0.filesz }) else {
            throw ContainerImageError.malformedELF(path: path, reason: "DT_STRTAB outside loadable segments")
        }
        let strings = try input.read(at: Int64(stringTableAddress - segment.vaddr + segment.offset), count: Int(min(stringTableSize, 16 << 20)))
        func string(_ offset: UInt64) throws -> String {
            guard offset < UInt64(strings.count) else { throw ContainerImageError.malformedELF(path: path, reason: "string offset \(offset) past DT_STRSZ") }
            return String(decoding: strings[Int(offset)...].prefix { $0 != 0 }, as: UTF8.self)
        }
        needed = try neededOffsets.map(string)
        runpath = try runpathOffset.map { try string($0).split(separator: ":").map(String.init) } ?? []
        rpath = try rpathOffset.map { try string($0).split(separator: ":").map(String.init) } ?? []
        soname = try sonameOffset.map(string)
    }

    private static func integer(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = (value << 8) | UInt64(bytes[offset + index]) }
        return value
    }
}
