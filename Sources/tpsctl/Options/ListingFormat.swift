import ArgumentParser

/// `--output table` for people, `--output json` for scripts (`tpsctl dlq list`).
enum ListingFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
