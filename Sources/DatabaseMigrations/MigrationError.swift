/// Why migrating stopped; each description is one line naming the file, version or URL part at fault.
/// Messages never carry the database password (URLs are shown redacted).
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadableDirectory(path: String, reason: String)
    case badFileName(file: String)
    case duplicateVersion(version: Int, files: [String])
    case versionGap(file: String, expected: Int)
    case unreadableFile(file: String, reason: String)
    case emptyDirectory(path: String)
    case badDatabaseURL(url: String, reason: String)
    case checksumMismatch(version: Int, name: String, recorded: String, found: String)
    case unknownAppliedVersion(version: Int, name: String)
    case migrationFailed(version: Int, name: String, reason: String)
    case seedFailed(reason: String)
    case connectionFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            "migrations directory \(path): cannot read it (\(reason))"
        case .badFileName(let file):
            "\(file): migration file names must be NNNN_name.sql (four digits, then letters, digits or _)"
        case .duplicateVersion(let version, let files):
            "\(files.joined(separator: ", ")): migration version \(version) appears more than once"
        case .versionGap(let file, let expected):
            "\(file): migration versions must be consecutive from 1; expected version \(expected) here"
        case .unreadableFile(let file, let reason):
            "\(file): cannot read migration (\(reason))"
        case .emptyDirectory(let path):
            "migrations directory \(path): holds no NNNN_name.sql files"
        case .badDatabaseURL(let url, let reason):
            "--database-url \(url): \(reason)"
        case .checksumMismatch(let version, let name, let recorded, let found):
            "migration \(version) (\(name)) changed after it was applied: recorded sha256 \(recorded), file has \(found); add a new migration instead of editing an applied one"
        case .unknownAppliedVersion(let version, let name):
            "the database has migration \(version) (\(name)) applied, which is not in the migrations directory"
        case .migrationFailed(let version, let name, let reason):
            "migration \(version) (\(name)) failed and was rolled back: \(reason)"
        case .seedFailed(let reason):
            "seed failed and was rolled back: \(reason)"
        case .connectionFailed(let url, let reason):
            "cannot connect to \(url): \(reason)"
        }
    }
}
