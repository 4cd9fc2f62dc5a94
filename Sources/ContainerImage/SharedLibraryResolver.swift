import Foundation

/// Finds, as glibc's loader would, every shared object an executable loads: its DT_NEEDED
/// entries, recursively, searched through DT_RPATH (when there is no DT_RUNPATH), DT_RUNPATH,
/// the loader cache and the default directories, with `$ORIGIN` expanded, plus the loader
/// itself (PT_INTERP). Candidates of another architecture are skipped, as the loader does.
public struct SharedLibraryResolver: Sendable {
    public struct Resolution: Sendable, Equatable {
        /// The program interpreter as the executable names it (e.g. /lib64/ld-linux-x86-64.so.2).
        public let interpreter: String?
        /// Each library as found (the path the loader opens, symlinks not yet followed), in discovery order.
        public let libraries: [String]
        /// Directories holding libraries the image's loader would not find by itself (found
        /// through the host's cache outside the default directories): they go into LD_LIBRARY_PATH.
        public let extraSearchDirectories: [String]
        public let architecture: ELFArchitecture
    }

    let cache: LoaderCache

    public init(cache: LoaderCache) {
        self.cache = cache
    }

    public func resolve(executable: String) throws -> Resolution {
        let root = try ELFFile(path: executable)
        guard let architecture = root.architecture else {
            throw ContainerImageError.unsupportedELF(path: executable, reason: "machine \(root.machine) is neither x86-64 nor AArch64")
        }
        var libraries: [String] = []
        var loadedNames: Set<String> = []
        var loadedFiles: Set<String> = []
        var extraDirectories: [String] = []
        // Breadth-first, like the loader; each object carries the RPATHs of the chain that loaded it.
        var queue: [(file: ELFFile, inheritedRpath: [String])] = [(root, [])]
        while !queue.isEmpty {
            let (object, inherited) = queue.removeFirst()
            let origin = try directoryOfRealPath(object.path)
            let ownRpath = object.runpath.isEmpty ? object.rpath.map { expand($0, origin: origin) } : []
            let rpathChain = ownRpath + inherited
            let runpath = object.runpath.map { expand($0, origin: origin) }
            for name in object.needed where !loadedNames.contains(name) {
                let (path, viaCache) = try locate(name, neededBy: object.path, rpath: object.runpath.isEmpty ? rpathChain : [], runpath: runpath, architecture: architecture)
                loadedNames.insert(name)
                let real = try realPath(path)
                guard !loadedFiles.contains(real) else { continue }
                loadedFiles.insert(real)
                libraries.append(path)
                let directory = parentDirectory(path)
                if viaCache && !architecture.loaderDefaultDirectories.contains(directory) && !extraDirectories.contains(directory) {
                    extraDirectories.append(directory)
                }
                let library = try ELFFile(path: path)
                if let soname = library.soname { loadedNames.insert(soname) }
                queue.append((library, rpathChain))
            }
        }
        return Resolution(interpreter: root.interpreter, libraries: libraries, extraSearchDirectories: extraDirectories, architecture: architecture)
    }

    private func locate(_ name: String, neededBy: String, rpath: [String], runpath: [String], architecture: ELFArchitecture) throws -> (String, viaCache: Bool) {
        if name.contains("/") {
            guard try fits(name, architecture) else { throw ContainerImageError.unresolvedLibrary(name: name, neededBy: neededBy, searched: [name]) }
            return (name, false)
        }
        var searched: [String] = []
        for directory in rpath + runpath {
            let candidate = directory + "/" + name
            searched.append(directory)
            if try fits(candidate, architecture) { return (candidate, false) }
        }
        for candidate in cache.candidates(for: name, architecture: architecture) where try fits(candidate, architecture) {
            return (candidate, true)
        }
        searched.append("ld.so.cache")
        for directory in architecture.loaderDefaultDirectories {
            let candidate = directory + "/" + name
            searched.append(directory)
            if try fits(candidate, architecture) { return (candidate, false) }
        }
        throw ContainerImageError.unresolvedLibrary(name: name, neededBy: neededBy, searched: searched)
    }

    /// True when `path` exists and is an ELF object for `architecture` (others are skipped).
    private func fits(_ path: String, _ architecture: ELFArchitecture) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, isRegularFile(info) else { return false }
        guard let file = try? ELFFile(path: path) else { return false }
        return file.architecture == architecture
    }

    private func expand(_ entry: String, origin: String) -> String {
        entry.replacingOccurrences(of: "${ORIGIN}", with: origin).replacingOccurrences(of: "$ORIGIN", with: origin)
    }
}

/// `realpath(3)`.
func realPath(_ path: String) throws -> String {
    guard let resolved = realpath(path, nil) else { throw ContainerImageError.io(path: path, operation: "realpath", errno: errno) }
    defer { free(resolved) }
    return String(cString: resolved)
}

func parentDirectory(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

private func directoryOfRealPath(_ path: String) throws -> String {
    parentDirectory(try realPath(path))
}
