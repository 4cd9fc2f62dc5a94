/// Writes a reproducible tar stream: entries sorted by path, every parent directory listed,
/// one fixed mtime, owners as given (0 unless set), no user/group names. Regular files are
/// streamed from disk in chunks.
struct DeterministicTarWriter {
    /// Seconds since the epoch stamped on every entry (SOURCE_DATE_EPOCH or 0).
    let mtime: Int64

    init(mtime: Int64 = 0) {
        self.mtime = mtime
    }

    /// The entries as they will appear: implied parent directories added (0755, root), sorted
    /// bytewise by path; two entries for one path are an error.
    static func normalizedEntries(_ entries: [TarEntry]) throws -> [TarEntry] {
        var byPath: [String: TarEntry] = [:]
        for entry in entries {
            if byPath[entry.path] != nil { throw ContainerImageError.duplicateTarEntry(entry.path) }
            byPath[entry.path] = entry
        }
        for entry in entries {
            var components = entry.path.split(separator: "/").dropLast()
            while !components.isEmpty {
                let parent = components.joined(separator: "/")
                if let existing = byPath[parent] {
                    guard existing.isDirectory else { throw ContainerImageError.duplicateTarEntry(parent) }
                } else {
                    byPath[parent] = try TarEntry(path: parent, content: .directory, mode: 0o755)
                }
                components = components.dropLast()
            }
        }
        return byPath.values.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// Streams the archive of `entries` into `sink` and finishes it.
    func write(_ entries: [TarEntry], to sink: any ByteSink) throws {
        var chunk = [UInt8](repeating: 0, count: 1024 * 1024)
        for entry in try Self.normalizedEntries(entries) {
            switch entry.content {
            case .directory:
                try writeHeader(entry, name: entry.path + "/", type: .directory, size: 0, link: "", to: sink)
            case .symlink(let target):
                try writeHeader(entry, name: entry.path, type: .symlink, size: 0, link: target, to: sink)
            case .bytes(let bytes):
                try writeHeader(entry, name: entry.path, type: .regular, size: Int64(bytes.count), link: "", to: sink)
                try sink.write(bytes)
                try writePadding(Int64(bytes.count), to: sink)
            case .file(let source):
                let input = try FileInput(path: source)
                defer { input.close() }
                let size = try input.size
                try writeHeader(entry, name: entry.path, type: .regular, size: size, link: "", to: sink)
                var written: Int64 = 0
                while true {
                    let count = try input.read(into: &chunk)
                    if count == 0 { break }
                    guard written + Int64(count) <= size else { throw ContainerImageError.fileChanged(path: source, expected: size, actual: written + Int64(count)) }
                    try chunk.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                    written += Int64(count)
                }
                guard written == size else { throw ContainerImageError.fileChanged(path: source, expected: size, actual: written) }
                try writePadding(size, to: sink)
            }
        }
        try sink.write([UInt8](repeating: 0, count: TarHeader.blockSize * 2))
        try sink.finish()
    }

    private func writeHeader(_ entry: TarEntry, name: String, type: TarHeader.TypeFlag, size: Int64, link: String, to sink: any ByteSink) throws {
        let header = TarHeader(name: name, mode: entry.mode, uid: entry.uid, gid: entry.gid, size: size, mtime: mtime, typeFlag: type.rawValue, linkName: link)
        let records = header.paxRecords
        if !records.isEmpty {
            let data = TarHeader.paxData(records)
            let paxName = "PaxHeaders/" + String(decoding: Array(name.utf8.suffix(80)).filter { $0 < 0x80 }, as: UTF8.self)
            let paxHeader = TarHeader(name: paxName, mode: 0o644, uid: 0, gid: 0, size: Int64(data.count), mtime: mtime, typeFlag: TarHeader.TypeFlag.paxExtended.rawValue, linkName: "")
            try sink.write(paxHeader.encoded())
            try sink.write(data)
            try writePadding(Int64(data.count), to: sink)
        }
        try sink.write(header.encoded())
    }

    private func writePadding(_ size: Int64, to sink: any ByteSink) throws {
        let remainder = Int(size % Int64(TarHeader.blockSize))
        if remainder != 0 { try sink.write([UInt8](repeating: 0, count: TarHeader.blockSize - remainder)) }
    }
}
