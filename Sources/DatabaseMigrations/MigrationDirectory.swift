import FoundationEssentials

/// Reads `NNNN_name.sql` files from a directory, ordered by version. Versions must run 1, 2, 3…
/// without gaps or repeats so every database converges on the same sequence. Other files
/// (e.g. `seed.sql.template`) are ignored; a `.sql` file with a malformed name is an error.
public enum MigrationDirectory {
    public static func load(from directory: URL) throws(MigrationError) -> [Migration] {
        let path = directory.path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadableDirectory(path: path, reason: "no such directory or not readable")
        }
        var found: [(version: Int, name: String, file: String)] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            guard let parsed = parse(fileName: file) else {
                throw .badFileName(file: directory.appendingPathComponent(file).path)
            }
            found.append((parsed.version, parsed.name, file))
        }
        guard !found.isEmpty else { throw .emptyDirectory(path: path) }
        found.sort { $0.version < $1.version }
        var migrations: [Migration] = []
        for (index, entry) in found.enumerated() {
            let fullPath = directory.appendingPathComponent(entry.file).path
            let same = found.filter { $0.version == entry.version }
            if same.count > 1 {
                throw .duplicateVersion(version: entry.version,
                                        files: same.map { directory.appendingPathComponent($0.file).path })
            }
            guard entry.version == index + 1 else { throw .versionGap(file: fullPath, expected: index + 1) }
            let sql: String
            do {
                sql = try String(contentsOfFile: fullPath, encoding: .utf8)
            } catch {
                throw .unreadableFile(file: fullPath, reason: "not readable UTF-8 text")
            }
            migrations.append(Migration(version: entry.version, name: entry.name, sql: sql))
        }
        return migrations
    }

    /// `0001_schema.sql` → (1, "schema"); nil for anything else.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let rest = stem.dropFirst(4)
        guard rest.first == "_" else { return nil }
        let name = rest.dropFirst()
        guard !name.isEmpty, name.count <= 100,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        guard let version = Int(digits), version >= 1 else { return nil }
        return (version, String(name))
    }

    static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }
}
