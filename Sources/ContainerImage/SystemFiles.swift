/// The small files every service image carries so that ordinary libc calls behave: a
/// non-root user to run as, name resolution that consults /etc/hosts first, localhost.
public struct SystemFiles: Sendable {
    public var userName = "app"
    public var uid = 65532
    public var gid = 65532
    public var home = "/home/app"

    public init() {}

    var passwd: String {
        "root:x:0:0:root:/root:/sbin/nologin\n\(userName):x:\(uid):\(gid):\(userName):\(home):/sbin/nologin\n"
    }

    var group: String {
        "root:x:0:\n\(userName):x:\(gid):\n"
    }

    static let hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
    static let nsswitch = "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n"

    func entries() throws -> [TarEntry] {
        [
            try TarEntry(path: "etc/passwd", content: .bytes(Array(passwd.utf8)), mode: 0o644),
            try TarEntry(path: "etc/group", content: .bytes(Array(group.utf8)), mode: 0o644),
            try TarEntry(path: "etc/hosts", content: .bytes(Array(Self.hosts.utf8)), mode: 0o644),
            try TarEntry(path: "etc/nsswitch.conf", content: .bytes(Array(Self.nsswitch.utf8)), mode: 0o644),
            try TarEntry(path: "tmp", content: .directory, mode: 0o1777),
            try TarEntry(path: home, content: .directory, mode: 0o700, uid: uid, gid: gid),
        ]
    }
}
