import ArgumentParser
import E2EScenario
import Foundation
import Ticketing

/// The flags `e2e` and `load` share: the two APIs to call and the event and section to buy in,
/// checked the same way. Only their help differs between the commands (`Help`).
struct ScenarioTargetOptions<Help: ScenarioTargetHelp>: ParsableArguments {
    @Option(name: .customLong("public"), help: Help.publicURL)
    var publicURL: String

    @Option(name: .customLong("confirm"), help: "Base URL of confirm-api.")
    var confirmURL: String

    @Option(help: Help.event)
    var event: String = "evt-0001"

    @Option(help: Help.section)
    var section: String = "S01"

    /// The checked flags as scenario settings; a bad one is a one-line error naming the flag.
    func settings() throws -> ScenarioSettings {
        ScenarioSettings(publicURL: try Self.baseURL(publicURL, flag: "--public"),
                         confirmURL: try Self.baseURL(confirmURL, flag: "--confirm"),
                         eventId: try Self.identifier(event, flag: "--event"),
                         section: try Self.identifier(section, flag: "--section"))
    }

    static func baseURL(_ text: String, flag: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false, url.query == nil else {
            throw ValidationError("\(flag) \(text): must be an http(s) base URL like http://127.0.0.1:8080")
        }
        return url
    }

    static func identifier(_ text: String, flag: String) throws -> String {
        guard FieldRules.isIdentifier(text) else {
            throw ValidationError("\(flag) \(text): must be letters, digits, '_' or '-' (at most 64)")
        }
        return text
    }
}

/// The help lines of the scenario flags, per command (e2e buys one seat, load drives a mix).
protocol ScenarioTargetHelp {
    static var publicURL: ArgumentHelp { get }
    static var event: ArgumentHelp { get }
    static var section: ArgumentHelp { get }
}
