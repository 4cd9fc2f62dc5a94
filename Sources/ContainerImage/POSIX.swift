// Platform C library import in one place; the rest of the module uses these names.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// Throws `ContainerImageError.io` with the current errno when `result` is negative.
@discardableResult
func posixCheck<T: BinaryInteger>(_ result: T, _ operation: String, _ path: String) throws -> T {
    if result < 0 { throw ContainerImageError.io(path: path, operation: operation, errno: errno) }
    return result
}

/// `lstat` that answers nil for a missing path instead of throwing.
func lstatIfPresent(_ path: String) throws -> stat? {
    var info = stat()
    if lstat(path, &info) == 0 { return info }
    if errno == ENOENT || errno == ENOTDIR { return nil }
    throw ContainerImageError.io(path: path, operation: "lstat", errno: errno)
}

func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }
func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
func isSymlink(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFLNK }

/// `readlink` returning the link's text.
func readSymlink(_ path: String) throws -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = try posixCheck(readlink(path, &buffer, buffer.count - 1), "readlink", path)
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `mkdir -p` with the given mode for the directories it creates.
func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
        current += "/" + component
        if mkdir(current, mode) != 0 && errno != EEXIST {
            throw ContainerImageError.io(path: current, operation: "mkdir", errno: errno)
        }
    }
}

/// Writes `bytes` to `path` atomically (temp file in the same directory, then rename).
func writeFileAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
    let temporary = path + ".tmp-\(getpid())"
    let output = try FileOutput(creating: temporary, mode: mode)
    try bytes.withUnsafeBytes { try output.write($0) }
    try output.close()
    try posixCheck(rename(temporary, path), "rename", path)
}

/// Reads a whole (small) file: JSON documents, configs.
func readWholeFile(_ path: String) throws -> [UInt8] {
    let input = try FileInput(path: path)
    defer { input.close() }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = try input.read(into: &chunk)
        if count == 0 { return result }
        result.append(contentsOf: chunk[0..<count])
    }
}

func removeTree(_ path: String) throws {
    guard let info = try lstatIfPresent(path) else { return }
    if isDirectory(info) {
        guard let dir = opendir(path) else { throw ContainerImageError.io(path: path, operation: "opendir", errno: errno) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names { try removeTree(path + "/" + name) }
        try posixCheck(rmdir(path), "rmdir", path)
    } else {
        try posixCheck(unlink(path), "unlink", path)
    }
}
