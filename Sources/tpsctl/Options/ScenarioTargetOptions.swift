import ArgumentParser
import E2EScenario
import Foundation
import Ticketing

/// The flags `e2e` and `load` share: the two APIs to call and the event and section to buy in,
/// checked the same way. Only their help differs between the commands (`Help`).
struct ScenarioTargetOptions<Help: ScenarioTargetHelp>: ParsableArguments {
    @Option(name: .customLong("public"), help: Help.publicURL)
    var publicURL: String?

    @Option(name: .customLong("confirm"), help: "Base URL of confirm-api.")
    var confirmURL: String?

    @Option(help: "Without --public/--confirm: the stack whose recorded entry point to call (the distribution's url, else the first region's load balancer url).")
    var stack: String?

    @Option(name: .customLong("state-dir"), help: "Where `tpsctl up` recorded the stack's outputs.")
    var stateDirectory: String = "infra/out"

    @Option(name: .customLong("webhook-secret-file"),
            help: "A file holding confirm-api's PAYMENT_WEBHOOK_SECRET: the run signs the payment provider's callback with it (never printed). Default with --stack: the secret stage 03 created, read from Secrets Manager.")
    var webhookSecretFile: String?

    @Option(name: .customLong("webhook-secret-env"),
            help: "Instead of --webhook-secret-file: the environment variable holding it (the load bot's task definition injects it so).")
    var webhookSecretVariable: String?

    @Option(help: Help.event)
    var event: String = "evt-0001"

    @Option(help: Help.section)
    var section: String = "S01"

    /// The checked flags as scenario settings; a bad one is a one-line error naming the flag.
    func settings() async throws -> ScenarioSettings {
        let (publicText, confirmText) = try await entryPoints()
        return ScenarioSettings(publicURL: try Self.baseURL(publicText, flag: publicURL == nil ? "--stack" : "--public"),
                                confirmURL: try Self.baseURL(confirmText, flag: confirmURL == nil ? "--stack" : "--confirm"),
                                eventId: try Self.identifier(event, flag: "--event"),
                                section: try Self.identifier(section, flag: "--section"),
                                webhookSecret: try await webhookSecret())
    }

    /// The secret from --webhook-secret-file (trimmed), else the one `up` created for --stack
    /// (read from Secrets Manager by its recorded ARN); errors name the flag, never the content.
    func webhookSecret() async throws -> SecretValue? {
        if let webhookSecretVariable {
            guard webhookSecretFile == nil else {
                throw ValidationError("--webhook-secret-env with --webhook-secret-file: give one of them")
            }
            let secret = (ProcessInfo.processInfo.environment[webhookSecretVariable] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= ConfirmAPIEnvironment.minimumWebhookSecretBytes else {
                throw ValidationError("--webhook-secret-env \(webhookSecretVariable): the variable must hold at least "
                                      + "\(ConfirmAPIEnvironment.minimumWebhookSecretBytes) bytes")
            }
            return SecretValue(secret)
        }
        guard let webhookSecretFile else {
            guard let stack else { return nil }
            return try await RecordedWebhookSecret.value(stackPath: stack, stateDirectory: stateDirectory)
        }
        guard let data = FileManager.default.contents(atPath: webhookSecretFile) else {
            throw ValidationError("--webhook-secret-file \(webhookSecretFile): cannot read the file")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard secret.utf8.count >= ConfirmAPIEnvironment.minimumWebhookSecretBytes else {
            throw ValidationError("--webhook-secret-file \(webhookSecretFile): the secret must be at least "
                                  + "\(ConfirmAPIEnvironment.minimumWebhookSecretBytes) bytes")
        }
        return SecretValue(secret)
    }

    /// The URLs given, or the one entry point `up` recorded for --stack (both APIs sit behind it).
    func entryPoints() async throws -> (String, String) {
        if let publicURL, let confirmURL { return (publicURL, confirmURL) }
        guard publicURL == nil, confirmURL == nil else {
            throw ValidationError(publicURL == nil ? "--public: required with --confirm" : "--confirm: required with --public")
        }
        guard let stack else { throw ValidationError("--public and --confirm, or --stack: say which deployment to call") }
        let url = try await RecordedEntryPoint.url(stackPath: stack, stateDirectory: stateDirectory)
        return (url, url)
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
