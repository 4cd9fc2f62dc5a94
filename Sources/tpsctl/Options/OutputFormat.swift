import ArgumentParser

/// `--output text` for people, `--output json` for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
