/// One member of a layer: a path relative to the image root and what lives there.
public struct TarEntry: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case directory
        /// A regular file whose bytes are streamed from `source` on the host when the layer is written.
        case file(source: String)
        /// A small generated file (passwd, hosts, ...).
        case bytes([UInt8])
        case symlink(target: String)
    }

    /// Relative path without leading or trailing slash, e.g. `usr/lib/x86_64-linux-gnu/libc.so.6`.
    public let path: String
    public let content: Content
    /// Permission bits including setuid/setgid/sticky (e.g. 0o1777 for /tmp).
    public let mode: UInt32
    public let uid: Int
    public let gid: Int

    public init(path: String, content: Content, mode: UInt32, uid: Int = 0, gid: Int = 0) throws {
        self.path = try Self.normalize(path)
        self.content = content
        self.mode = mode & 0o7777
        self.uid = uid
        self.gid = gid
    }

    /// Strips a leading `/` or `./` and rejects empty, `.` and `..` components.
    static func normalize(_ path: String) throws -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { throw ContainerImageError.invalidTarPath(path) }
            components.append(component)
        }
        guard !components.isEmpty, !path.utf8.contains(0) else { throw ContainerImageError.invalidTarPath(path) }
        return components.joined(separator: "/")
    }

    var isDirectory: Bool { content == .directory }
}
