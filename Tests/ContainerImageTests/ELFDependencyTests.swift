@testable import ContainerImage
import Foundation
import Testing

/// Library discovery from the ELF dynamic section, cross-checked against `ldd`.
@Suite struct ELFDependencyTests {
    /// The real paths ldd reports for a binary (the loader included).
    func lddRealPaths(_ binary: String) throws -> Set<String> {
        let output = try TestBinaries.run("/usr/bin/ldd", [binary])
        var paths: Set<String> = []
        for line in output.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let arrow = fields.firstIndex(of: "=>"), arrow + 1 < fields.count, fields[arrow + 1].hasPrefix("/") {
                paths.insert(try realPath(String(fields[arrow + 1])))
            } else if let first = fields.first, first.hasPrefix("/") {
                paths.insert(try realPath(String(first)))
            }
        }
        return paths
    }

    func resolvedRealPaths(_ binary: String) throws -> (SharedLibraryResolver.Resolution, Set<String>) {
        let resolution = try SharedLibraryResolver(cache: try LoaderCache.system()).resolve(executable: binary)
        let paths = try Set((resolution.libraries + [resolution.interpreter].compactMap { $0 }).map(realPath))
        return (resolution, paths)
    }

    @Test func curlDependenciesMatchLdd() throws {
        let curl = try ELFFile(path: "/usr/bin/curl")
        #expect(curl.architecture == .amd64)
        #expect(curl.needed.contains("libcurl.so.4"))
        #expect(curl.interpreter == "/lib64/ld-linux-x86-64.so.2")
        let (resolution, ours) = try resolvedRealPaths("/usr/bin/curl")
        #expect(ours == (try lddRealPaths("/usr/bin/curl")))
        #expect(resolution.libraries.count > 10)
        #expect(resolution.extraSearchDirectories.isEmpty)
    }

    @Test func compiledBinaryNeedsOnlyLibcAndTheLoader() throws {
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path)
        let (resolution, ours) = try resolvedRealPaths(binary)
        #expect(ours == (try lddRealPaths(binary)))
        #expect(resolution.libraries.map { $0.split(separator: "/").last! }.contains("libc.so.6"))
        #expect(ours.count == 2)
    }

    /// This test runner is a dynamically linked Swift binary: its runtime libraries are found
    /// through DT_RUNPATH (/opt/swift/usr/lib/swift/linux), not the loader cache.
    @Test func swiftBinaryResolvesThroughRunpath() throws {
        let runner = try realPath("/proc/self/exe")
        let file = try ELFFile(path: runner)
        #expect(file.runpath.contains { $0.hasSuffix("/usr/lib/swift/linux") })
        let (resolution, ours) = try resolvedRealPaths(runner)
        #expect(ours == (try lddRealPaths(runner)))
        #expect(resolution.libraries.contains { $0.hasSuffix("/usr/lib/swift/linux/libswiftCore.so") })
    }

    @Test func staticBinaryHasNoDependencies() throws {
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path, static: true)
        let file = try ELFFile(path: binary)
        #expect(file.interpreter == nil)
        #expect(file.needed.isEmpty)
        let resolution = try SharedLibraryResolver(cache: try LoaderCache.system()).resolve(executable: binary)
        #expect(resolution.libraries.isEmpty && resolution.interpreter == nil)
    }

    @Test func mirroringKeepsSymlinkedDirectoriesAndTargets() throws {
        var mirror = HostPathMirror()
        try mirror.add(hostPath: "/lib64/ld-linux-x86-64.so.2")
        let entries = mirror.entries
        // Debian: /lib64 -> usr/lib64, usr/lib64/ld-linux-x86-64.so.2 -> ../lib/x86_64-linux-gnu/..., lib -> usr/lib.
        let real = try realPath("/lib64/ld-linux-x86-64.so.2")
        #expect(entries[String(real.dropFirst())]?.content == .file(source: real))
        let links = entries.values.filter { if case .symlink = $0.content { return true } else { return false } }
        #expect(!links.isEmpty)
        // Following the recorded links from the loader's path reaches the stored file.
        var path = "lib64/ld-linux-x86-64.so.2"
        var hops = 0
        while hops < 10 {
            let components = path.split(separator: "/").map(String.init)
            var resolved = false
            for index in components.indices {
                let prefix = components[0...index].joined(separator: "/")
                if case .symlink(let target)? = entries[prefix]?.content {
                    let base = components[0..<index].joined(separator: "/")
                    let joined = target.hasPrefix("/") ? target : (base.isEmpty ? target : base + "/" + target)
                    path = ((joined.split(separator: "/").map(String.init)) + components[(index + 1)...]).reduce(into: [String]()) { stack, part in
                        if part == ".." { stack.removeLast() } else if part != "." { stack.append(part) }
                    }.joined(separator: "/")
                    resolved = true
                    break
                }
            }
            if !resolved { break }
            hops += 1
        }
        #expect(path == String(real.dropFirst()))
    }

    @Test func notAnELFFileIsAClearError() throws {
        #expect(throws: ContainerImageError.self) { try ELFFile(path: "/etc/hosts") }
    }
}
