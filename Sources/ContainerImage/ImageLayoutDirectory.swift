import Crypto

/// An OCI image layout on disk (`oci-layout`, `index.json`, `blobs/sha256/<hex>`): the build
/// output that `push` reads and `pull` writes. Blobs are written under a temporary name and
/// renamed to their digest, so a blob file that exists is complete.
public struct ImageLayoutDirectory: Sendable {
    public let path: String

    static let layoutVersion: [UInt8] = Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8)

    /// Creates the directory structure (idempotent).
    public static func create(at path: String) throws -> ImageLayoutDirectory {
        let layout = ImageLayoutDirectory(path: path)
        try makeDirectories(layout.blobDirectory)
        try writeFileAtomically(path + "/oci-layout", layoutVersion)
        return layout
    }

    /// Opens an existing layout, checking its marker file.
    public static func open(at path: String) throws -> ImageLayoutDirectory {
        guard let info = try lstatIfPresent(path + "/oci-layout"), isRegularFile(info) else {
            throw ContainerImageError.invalidLayout(path: path, reason: "no oci-layout file")
        }
        return ImageLayoutDirectory(path: path)
    }

    var blobDirectory: String { path + "/blobs/sha256" }

    public func blobPath(_ digest: Digest) -> String { blobDirectory + "/" + digest.hex }

    func temporaryBlobPath() -> String {
        blobDirectory + "/.partial-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    func commitBlob(temporary: String, digest: Digest) throws {
        try posixCheck(rename(temporary, blobPath(digest)), "rename", blobPath(digest))
    }

    /// Stores a small in-memory blob (config, manifest, index) and describes it.
    @discardableResult
    public func writeBlob(_ bytes: [UInt8], mediaType: String) throws -> OCIDescriptor {
        let digest = Digest.of(bytes)
        try writeFileAtomically(blobPath(digest), bytes)
        return OCIDescriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
    }

    /// Reads a small blob and checks its digest.
    public func readBlob(_ digest: Digest) throws -> [UInt8] {
        let bytes = try readWholeFile(blobPath(digest))
        let actual = Digest.of(bytes)
        guard actual == digest else { throw ContainerImageError.digestMismatch(what: blobPath(digest), expected: digest, actual: actual) }
        return bytes
    }

    /// Hashes a blob file of any size in chunks and compares with its name.
    public func verifyBlob(_ digest: Digest) throws -> Int64 {
        let input = try FileInput(path: blobPath(digest))
        defer { input.close() }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1024 * 1024)
        var size: Int64 = 0
        while true {
            let count = try input.read(into: &chunk)
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            size += Int64(count)
        }
        let actual = Digest(hasher.finalize())
        guard actual == digest else { throw ContainerImageError.digestMismatch(what: blobPath(digest), expected: digest, actual: actual) }
        return size
    }

    public func writeIndex(_ index: OCIIndex) throws {
        try writeFileAtomically(path + "/index.json", try CanonicalJSON.encode(index))
    }

    public func readIndex() throws -> OCIIndex {
        try CanonicalJSON.decode(OCIIndex.self, from: try readWholeFile(path + "/index.json"), source: path + "/index.json")
    }

    public func readJSONBlob<T: Decodable>(_ type: T.Type, _ digest: Digest) throws -> T {
        try CanonicalJSON.decode(type, from: try readBlob(digest), source: blobPath(digest))
    }
}
