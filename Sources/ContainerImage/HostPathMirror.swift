/// Copies host files into a layer at the same absolute paths, reproducing every symlink on
/// the way — including symlinked directories such as Debian's `/lib -> usr/lib` — so that the
/// paths the loader and the libraries name (`/lib64/ld-linux-x86-64.so.2`) resolve inside
/// the image exactly as on the host, with both the links and their targets stored.
struct HostPathMirror {
    private(set) var entries: [String: TarEntry] = [:]
    private static let maxSymlinkHops = 40

    mutating func add(hostPath: String) throws {
        guard hostPath.hasPrefix("/") else { throw ContainerImageError.invalidArgument("host path must be absolute: \(hostPath)") }
        var pending = hostPath.split(separator: "/").map(String.init)
        var prefix = ""  // a host path free of symlinks so far
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                prefix = prefix.isEmpty ? "" : (parentDirectory(prefix) == "/" ? "" : parentDirectory(prefix))
                continue
            }
            let candidate = prefix + "/" + component
            guard let info = try lstatIfPresent(candidate) else {
                throw ContainerImageError.io(path: candidate, operation: "lstat", errno: ENOENT)
            }
            if isSymlink(info) {
                hops += 1
                guard hops <= Self.maxSymlinkHops else { throw ContainerImageError.io(path: hostPath, operation: "resolve", errno: ELOOP) }
                let target = try readSymlink(candidate)
                try record(TarEntry(path: candidate, content: .symlink(target: target), mode: 0o777))
                if target.hasPrefix("/") { prefix = "" }
                pending = target.split(separator: "/").map(String.init) + pending
            } else if isDirectory(info) {
                prefix = candidate
            } else if isRegularFile(info) && pending.isEmpty {
                try record(TarEntry(path: candidate, content: .file(source: candidate), mode: UInt32(info.st_mode) & 0o7777))
                return
            } else {
                throw ContainerImageError.invalidArgument("\(candidate): not a regular file, directory or symlink")
            }
        }
        throw ContainerImageError.invalidArgument("\(hostPath): resolves to a directory, expected a file")
    }

    private mutating func record(_ entry: TarEntry) throws {
        if let existing = entries[entry.path] {
            guard existing == entry else { throw ContainerImageError.duplicateTarEntry(entry.path) }
            return
        }
        entries[entry.path] = entry
    }
}
