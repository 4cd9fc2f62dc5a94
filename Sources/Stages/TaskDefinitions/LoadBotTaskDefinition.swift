import AWSClient
import Provisioning
import Stack

/// The load bot's task definition family (`<stack>-<region-short>-load-bot`), rendered from
/// `templates/taskdefs/load-bot.json`: stage 01's load-bot image, stage 02's execution role and
/// load-bot log group, and the payment webhook secret (the bot signs the payment provider's
/// callbacks) injected by ECS. No task role: the bot only speaks HTTP to the entry point. One
/// vCPU per task (``LoadBot``); `load run --ecs` gives each task its `load run --shard` command.
/// Registered, compared and retired like a service's, by ``TaskDefinitionResource``.
struct LoadBotTaskDefinition: TaskDefinitionTemplate {
    let stack: Stack
    let region: AWSRegion
    let templatesDirectory: String
    let image: Dependency<ECRImageResource.Outputs>
    let executionRole: Dependency<IAMRoleResource.Outputs>
    let logGroup: Dependency<LogGroupResource.Outputs>
    let webhookSecret: Dependency<StackSecretResource.Outputs>

    var family: String { stack.namer(for: region).name(LoadBot.name, limit: .taskDefinitionFamily) }
    var templatePath: String { templatesDirectory + "/taskdefs/" + LoadBot.name + ".json" }

    var dependencies: [ResourceAddress] { [image.address, executionRole.address, logGroup.address, webhookSecret.address] }

    func desired(_ context: ResourceContext) throws -> JSONValue {
        func planned<Outputs>(_ key: KeyPath<Outputs, String>, of dependency: Dependency<Outputs>) throws -> TemplateValue {
            .string(try context.output(key, of: dependency).value ?? TaskDefinitionRenderer.unknownMarker)
        }
        let values: [String: TemplateValue] = [
            "family": .string(family),
            "cpu": .integer(LoadBot.cpu),
            "memory": .integer(LoadBot.memoryMiB),
            "cpuArchitecture": .string(TaskDefinitionRenderer.hostArchitecture),
            "image": try planned(\.imageUri, of: image),
            "executionRoleArn": try planned(\.roleArn, of: executionRole),
            "logGroup": try planned(\.logGroupName, of: logGroup),
            "region": .string(region.name),
            "secrets": .array([["name": .string(LoadBot.webhookSecretVariable), "valueFrom": try planned(\.secret.arn, of: webhookSecret)]]),
        ]
        let text = try TemplateRenderer.render(contentsOf: templatePath, values: values)
        do {
            return TaskDefinitionRenderer.droppingNulls(try JSONValue(parsing: text))
        } catch {
            throw TaskDefinitionTemplateError(path: templatePath, problem: "does not render to JSON (\(error))")
        }
    }
}
