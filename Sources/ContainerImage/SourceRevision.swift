import Foundation

/// The commit the image is built from (`git rev-parse HEAD`), recorded as the
/// `org.opencontainers.image.revision` label and used as the tag.
public enum SourceRevision {
    public static func current(in directory: String) throws -> String {
        guard let git = Subprocess.locate("git") else {
            throw ContainerImageError.commandUnavailable(command: "git", reason: "not found in PATH")
        }
        let revision = try Subprocess.checked(git, ["rev-parse", "HEAD"], currentDirectory: directory)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard revision.count >= 40, revision.allSatisfy(\.isHexDigit) else {
            throw ContainerImageError.commandFailed(command: "git rev-parse HEAD", status: 0, output: "unexpected output '\(revision)'")
        }
        return revision
    }

    /// True when tracked files differ from HEAD: the image then holds code its tag does not name.
    public static func hasUncommittedChanges(in directory: String) throws -> Bool {
        guard let git = Subprocess.locate("git") else {
            throw ContainerImageError.commandUnavailable(command: "git", reason: "not found in PATH")
        }
        let status = try Subprocess.checked(git, ["status", "--porcelain", "--untracked-files=no"], currentDirectory: directory)
        return !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
