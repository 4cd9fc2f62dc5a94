/// Materializes tar members under a root directory, refusing anything that would land
/// outside it: absolute or `..` paths, and writes through a symlink (a layer could otherwise
/// plant `lib -> /` and then write `lib/etc/passwd` on the host). Applies OCI whiteouts.
final class RootfsWriter: TarMemberHandler {
    let root: String
    private var current: FileOutput?
    private var currentPath = ""
    private var pendingMember: TarMember?
    private(set) var memberCount = 0
    /// Ownership is applied only when running as root (tests and `verify` do; builds do not need it).
    private let applyOwnership = geteuid() == 0

    init(root: String) throws {
        self.root = root
        try makeDirectories(root)
    }

    func begin(_ member: TarMember) throws {
        memberCount += 1
        let relative = try safeRelativePath(member.path)
        guard !relative.isEmpty else { return } // the root itself ("./")
        let components = relative.split(separator: "/").map(String.init)
        let parent = try ensureParentDirectories(components.dropLast())
        let name = components.last!
        if name.hasPrefix(".wh.") {
            try applyWhiteout(parent: parent, name: name)
            return
        }
        let path = parent + "/" + name
        switch member.type {
        case .directory?:
            if let existing = try lstatIfPresent(path), !isDirectory(existing) { try removeTree(path) }
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw ContainerImageError.io(path: path, operation: "mkdir", errno: errno) }
            try finishAttributes(path, member)
        case .symlink?:
            try removeIfPresent(path)
            try posixCheck(symlink(member.linkTarget, path), "symlink", path)
            if applyOwnership { try posixCheck(lchown(path, uid_t(member.uid), gid_t(member.gid)), "lchown", path) }
        case .hardLink?:
            let target = try safeRelativePath(member.linkTarget)
            let targetComponents = target.split(separator: "/").map(String.init)
            let targetPath = try ensureParentDirectories(targetComponents.dropLast(), create: false) + "/" + (targetComponents.last ?? "")
            guard let info = try lstatIfPresent(targetPath), isRegularFile(info) else { throw ContainerImageError.unsafeLayerPath(member.linkTarget) }
            try removeIfPresent(path)
            try posixCheck(link(targetPath, path), "link", path)
        case .regular?, nil:
            guard member.type == .regular || member.rawType == 0x37 else { return } // devices, fifos: not in our images
            try removeIfPresent(path)
            current = try FileOutput(creating: path, mode: 0o600)
            currentPath = path
            if member.size == 0 { try closeCurrent(member) } else { pendingMember = member }
        default:
            return
        }
    }

    func data(_ bytes: UnsafeRawBufferPointer) throws {
        try current?.write(bytes)
    }

    func end() throws {
        if let member = pendingMember {
            pendingMember = nil
            try closeCurrent(member)
        }
    }

    private func closeCurrent(_ member: TarMember) throws {
        try current?.close()
        current = nil
        try finishAttributes(currentPath, member)
    }

    private func finishAttributes(_ path: String, _ member: TarMember) throws {
        if applyOwnership { try posixCheck(chown(path, uid_t(member.uid), gid_t(member.gid)), "chown", path) }
        try posixCheck(chmod(path, mode_t(member.mode & 0o7777)), "chmod", path)
    }

    /// The member's path made relative and checked: no `..`, NUL or absolute escape.
    private func safeRelativePath(_ raw: String) throws -> String {
        guard !raw.utf8.contains(0) else { throw ContainerImageError.unsafeLayerPath(raw) }
        var components: [Substring] = []
        for component in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { throw ContainerImageError.unsafeLayerPath(raw) }
            components.append(component)
        }
        return components.joined(separator: "/")
    }

    /// Creates (or checks) each parent directory, refusing any component that is a symlink.
    private func ensureParentDirectories(_ components: ArraySlice<String>, create: Bool = true) throws -> String {
        var path = root
        for component in components {
            path += "/" + component
            if let info = try lstatIfPresent(path) {
                guard isDirectory(info) else { throw ContainerImageError.unsafeLayerPath(String(path.dropFirst(root.count + 1))) }
            } else if create {
                try posixCheck(mkdir(path, 0o755), "mkdir", path)
            } else {
                throw ContainerImageError.unsafeLayerPath(String(path.dropFirst(root.count + 1)))
            }
        }
        return path
    }

    private func applyWhiteout(parent: String, name: String) throws {
        if name == ".wh..wh..opq" {
            guard let dir = opendir(parent) else { return }
            var names: [String] = []
            while let entry = readdir(dir) {
                let entryName = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
                if entryName != "." && entryName != ".." { names.append(entryName) }
            }
            closedir(dir)
            for entryName in names { try removeTree(parent + "/" + entryName) }
        } else {
            try removeTree(parent + "/" + String(name.dropFirst(".wh.".count)))
        }
    }

    private func removeIfPresent(_ path: String) throws {
        if try lstatIfPresent(path) != nil { try removeTree(path) }
    }
}
