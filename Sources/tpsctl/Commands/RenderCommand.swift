import AWSClient
import ArgumentParser
import Foundation
import Provisioning
import Stack
import Stages

/// `tpsctl render`: prints the task definitions stage 04 would register, filled from the
/// recorded outputs (no AWS call), so a template change can be reviewed before `up`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Print the rendered task definition JSON of each service (no AWS call).")

    @OptionGroup var options: ProvisionOptions

    @Option(help: "Only this service (public-api, confirm-api or confirm-worker).", transform: ServiceName.init(flagValue:))
    var service: ServiceName?

    func run() async throws {
        try await reportingDiagnostics {
            let services = ServiceName.selected(service)
            let prepared = try options.prepare()
            let deployment = prepared.deployment
            var rendered: [String: JSONValue] = [:]
            for target in prepared.targets {
                let recorded = try await deployment.store.outputs(region: RegionName(target.name))
                var perService: [String: JSONValue] = [:]
                for service in services {
                    perService[service.rawValue] = try TaskDefinitionPreview.render(
                        deployment, target: target, service: service, recorded: recorded)
                }
                rendered[target.name] = .object(perService)
            }
            let single = rendered.count == 1 && services.count == 1
            print(single ? rendered.values.first!.object!.values.first!.prettyPrinted() : JSONValue.object(rendered).prettyPrinted())
        }
    }
}
