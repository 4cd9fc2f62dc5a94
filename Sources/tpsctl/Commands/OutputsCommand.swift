import AWSClient
import ArgumentParser
import Foundation
import Provisioning

/// `tpsctl outputs`: what `up` recorded in the state directory (no AWS call).
struct OutputsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs", abstract: "Print the recorded outputs (ids, ARNs, URLs; secrets only as ARNs).")

    @OptionGroup var options: ProvisionOptions

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await reportingDiagnostics {
            let deployment = try options.request().validate(environment: AWSEnvironment.current().variables)
            let store = deployment.store
            var document: [String: JSONValue] = [:]
            var lines: [String] = []
            for config in deployment.regions {
                let recorded = try await store.outputs(region: RegionName(config.region.name))
                var regionDocument: [String: JSONValue] = [:]
                for address in recorded.outputs.keys.sorted() where deployment.selection.contains(address.stage) {
                    let outputs = recorded.outputs[address]!
                    var values: [String: JSONValue] = [:]
                    for key in outputs.keys {
                        values[key] = .string(outputs[key]!.text)
                        lines.append("\(address) \(key) = \(outputs[key]!.description)")
                    }
                    regionDocument[address.regional] = .object(values)
                }
                document[config.region.name] = .object(regionDocument)
            }
            switch output {
            case .json: print(JSONValue.object(document).prettyPrinted())
            case .text: print(lines.isEmpty ? "No outputs recorded in \(deployment.stateDirectory.path)." : lines.joined(separator: "\n"))
            }
        }
    }
}
