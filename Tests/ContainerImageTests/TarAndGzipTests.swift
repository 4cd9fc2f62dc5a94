@testable import ContainerImage
import Foundation
import Testing

/// The layer format: deterministic tar and gzip bytes that standard tools read back.
@Suite struct TarAndGzipTests {
    /// A small tree with a long path (pax), a symlink, a setuid-free 1777 dir and a file from disk.
    func sampleEntries(in directory: TemporaryDirectory) throws -> [TarEntry] {
        let source = directory.file("payload.bin")
        try Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: source))
        let longName = "opt/" + String(repeating: "deep-directory-name/", count: 8) + "file-with-a-long-name.txt"
        return [
            try TarEntry(path: "usr/local/bin/svc", content: .file(source: source), mode: 0o755),
            try TarEntry(path: "etc/hosts", content: .bytes(Array("127.0.0.1 localhost\n".utf8)), mode: 0o644),
            try TarEntry(path: "tmp", content: .directory, mode: 0o1777),
            try TarEntry(path: "lib", content: .symlink(target: "usr/lib"), mode: 0o777),
            try TarEntry(path: longName, content: .bytes(Array("deep\n".utf8)), mode: 0o600),
        ]
    }

    func archive(_ entries: [TarEntry], mtime: Int64 = 0, to path: String) throws {
        let output = try FileOutput(creating: path)
        let gzip = try GzipCompressor(downstream: output)
        try DeterministicTarWriter(mtime: mtime).write(entries, to: gzip)
    }

    @Test func sameEntriesInAnyOrderGiveIdenticalBytes() throws {
        let directory = try TemporaryDirectory()
        let entries = try sampleEntries(in: directory)
        try archive(entries, to: directory.file("a.tar.gz"))
        try archive(entries.reversed(), to: directory.file("b.tar.gz"))
        let first = try Data(contentsOf: URL(fileURLWithPath: directory.file("a.tar.gz")))
        let second = try Data(contentsOf: URL(fileURLWithPath: directory.file("b.tar.gz")))
        #expect(first == second)
        #expect(Array(first.prefix(10)) == GzipCompressor.header)
        try archive(entries, mtime: 1_700_000_000, to: directory.file("c.tar.gz"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("c.tar.gz"))) != first)
    }

    @Test func gnuTarReadsTheArchiveWithParentsSortedAndOwnersZero() throws {
        let directory = try TemporaryDirectory()
        try archive(try sampleEntries(in: directory), to: directory.file("layer.tar.gz"))
        let listing = try TestBinaries.run("/usr/bin/tar", ["--numeric-owner", "-tvzf", directory.file("layer.tar.gz")])
        let lines = listing.split(separator: "\n").map(String.init)
        let names = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true)[5...].joined(separator: " ") }
        #expect(names.first == "etc/")
        #expect(names.contains("usr/") && names.contains("usr/local/") && names.contains("usr/local/bin/"))
        #expect(names.contains("lib -> usr/lib"))
        #expect(names.contains { $0.hasSuffix("deep-directory-name/file-with-a-long-name.txt") && $0.count > 100 })
        #expect(lines.allSatisfy { $0.contains(" 0/0 ") })
        #expect(lines.allSatisfy { $0.contains("1970-01-01") })
        #expect(lines.contains { $0.hasPrefix("drwxrwxrwt") && $0.hasSuffix(" tmp/") })
        #expect(lines.contains { $0.hasPrefix("-rwxr-xr-x") && $0.contains(" 300000 ") && $0.hasSuffix("usr/local/bin/svc") })
        let sorted = names.map { $0.split(separator: " ").first.map(String.init)!.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
        #expect(sorted == sorted.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })

        let extracted = directory.file("gnu")
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        try TestBinaries.run("/usr/bin/tar", ["-xzf", directory.file("layer.tar.gz"), "-C", extracted])
        #expect(FileManager.default.contentsEqual(atPath: extracted + "/usr/local/bin/svc", andPath: directory.file("payload.bin")))
    }

    @Test func ourUnpackerRoundTripsTheArchive() throws {
        let directory = try TemporaryDirectory()
        let entries = try sampleEntries(in: directory)
        try archive(entries, to: directory.file("layer.tar.gz"))
        let root = directory.file("root")
        let writer = try RootfsWriter(root: root)
        let gunzip = try GzipDecompressor(downstream: TarStreamParser(handler: writer))
        try gunzip.write(try readWholeFile(directory.file("layer.tar.gz")))
        try gunzip.finish()
        #expect(FileManager.default.contentsEqual(atPath: root + "/usr/local/bin/svc", andPath: directory.file("payload.bin")))
        #expect(try readSymlink(root + "/lib") == "usr/lib")
        let tmp = try #require(try lstatIfPresent(root + "/tmp"))
        #expect(tmp.st_mode & 0o7777 == 0o1777)
        let longPath = root + "/" + entries[4].path
        #expect(String(decoding: try readWholeFile(longPath), as: UTF8.self) == "deep\n")
    }

    @Test func gzipOutputIsStandardAndStable() throws {
        let directory = try TemporaryDirectory()
        let input = (0..<1_000_000).map { UInt8(truncatingIfNeeded: ($0 / 7) &* 13) }
        for name in ["x.gz", "y.gz"] {
            let output = try FileOutput(creating: directory.file(name))
            let gzip = try GzipCompressor(downstream: output)
            try gzip.write(input)
            try gzip.finish()
        }
        #expect(try readWholeFile(directory.file("x.gz")) == readWholeFile(directory.file("y.gz")))
        try TestBinaries.run("/usr/bin/gzip", ["-t", directory.file("x.gz")])
        let roundTrip = try TestBinaries.run("/usr/bin/sh", ["-c", "gzip -dc \(directory.file("x.gz")) | sha256sum"])
        #expect(roundTrip.hasPrefix(Digest.of(input).hex))
    }

    @Test func unsafeLayerPathsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let writer = try RootfsWriter(root: directory.file("root"))
        #expect(throws: ContainerImageError.self) {
            try writer.begin(TarMember(path: "../escape", type: .regular, rawType: 0x30, mode: 0o644, uid: 0, gid: 0, size: 0, linkTarget: ""))
        }
        try writer.begin(TarMember(path: "lib", type: .symlink, rawType: 0x32, mode: 0o777, uid: 0, gid: 0, size: 0, linkTarget: "/"))
        try writer.end()
        #expect(throws: ContainerImageError.self) {
            try writer.begin(TarMember(path: "lib/etc/passwd", type: .regular, rawType: 0x30, mode: 0o644, uid: 0, gid: 0, size: 0, linkTarget: ""))
        }
        #expect(throws: ContainerImageError.self) { try TarEntry(path: "a/../../b", content: .directory, mode: 0o755) }
    }

    @Test func duplicatePathsAreRefused() throws {
        let entries = [
            try TarEntry(path: "etc/hosts", content: .bytes([1]), mode: 0o644),
            try TarEntry(path: "/etc/hosts", content: .bytes([2]), mode: 0o644),
        ]
        #expect(throws: ContainerImageError.self) { try DeterministicTarWriter.normalizedEntries(entries) }
    }
}
