import Foundation

/// The host's /etc/ld.so.cache as `ldconfig -p` prints it: soname → paths, per architecture.
/// This is where the loader finds most libraries before it tries its default directories.
public struct LoaderCache: Sendable {
    struct Entry: Sendable {
        let soname: String
        let hint: String
        let path: String
    }

    private let entries: [Entry]

    /// Reads the cache with `ldconfig -p`; an empty cache if ldconfig is missing (the default
    /// directories still apply).
    public static func system() throws -> LoaderCache {
        guard let ldconfig = Subprocess.locate("ldconfig") else { return LoaderCache(listing: "") }
        return LoaderCache(listing: try Subprocess.checked(ldconfig, ["-p"]))
    }

    /// Parses lines like `\tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6`.
    init(listing: String) {
        var entries: [Entry] = []
        for line in listing.split(separator: "\n") {
            guard let arrow = line.range(of: " => "),
                  let open = line.range(of: " ("),
                  open.upperBound <= arrow.lowerBound else { continue }
            let soname = line[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
            let hint = String(line[open.upperBound..<arrow.lowerBound].dropLast())
            entries.append(Entry(soname: soname, hint: hint, path: String(line[arrow.upperBound...])))
        }
        self.entries = entries
    }

    /// Candidate paths for a soname on an architecture; hardware-capability variants last,
    /// since the image's loader (without a cache) finds the plain copy.
    func candidates(for soname: String, architecture: ELFArchitecture) -> [String] {
        let matching = entries.filter { $0.soname == soname && hintMatches($0.hint, architecture) }
        return matching.filter { !$0.hint.contains("hwcap") }.map(\.path) + matching.filter { $0.hint.contains("hwcap") }.map(\.path)
    }

    private func hintMatches(_ hint: String, _ architecture: ELFArchitecture) -> Bool {
        hint.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(architecture.loaderCacheHint)
    }
}
