import FoundationEssentials
import Ticketing

/// The seed template rendered with the stack's seed parameters. It is written to be idempotent
/// (ON CONFLICT DO NOTHING), so the runner applies it on every run rather than recording it.
public struct SeedScript: Sendable, Hashable {
    public let sql: String

    public init(sql: String) { self.sql = sql }

    public static func load(template file: URL, parameters: SeedParameters) throws(MigrationError) -> SeedScript {
        let text: String
        do {
            text = try String(contentsOfFile: file.path, encoding: .utf8)
        } catch {
            throw .unreadableFile(file: file.path, reason: "not readable UTF-8 text")
        }
        do {
            return SeedScript(sql: try parameters.render(template: text))
        } catch {
            throw .unreadableFile(file: file.path, reason: error.description)
        }
    }
}
