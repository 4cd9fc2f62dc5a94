import AWSClient
import Foundation
import Provisioning
import Stack

/// Renders `templates/taskdefs/<service>.json` with the stack's sizing and the inputs from
/// stages 01-03 into a RegisterTaskDefinition document. The template owns the container's
/// shape (health check, user, logging); the stack owns sizes and counts; outputs own ARNs.
/// Pure: `tpsctl render`, plan and apply all go through here, so what is shown is what is sent.
public struct TaskDefinitionRenderer: Sendable {
    /// Stands in for a value only known after apply; fields containing it diff as unknown.
    public static let unknownMarker = "(known after apply)"

    /// The directory holding `taskdefs/` (the repository's `templates/`).
    public let templatesDirectory: String

    public init(templatesDirectory: String = "templates") {
        self.templatesDirectory = templatesDirectory
    }

    public func templatePath(_ service: ServiceName) -> String {
        templatesDirectory + "/taskdefs/" + service.rawValue + ".json"
    }

    /// The task definition family: `<stack>-<region-short>-<service>`.
    public static func family(stack: Stack, region: AWSRegion, service: ServiceName) -> String {
        stack.namer(for: region).name(service.rawValue, limit: .taskDefinitionFamily)
    }

    public func render(_ service: ServiceName, stack: Stack, region: AWSRegion,
                       inputs: TaskDefinitionInputs) throws -> JSONValue {
        let config = stack.service(service, in: region)
        let family = Self.family(stack: stack, region: region, service: service)
        func planned(_ value: PlannedValue<String>) -> TemplateValue { .string(value.value ?? Self.unknownMarker) }
        var environment = inputs.environment
        for (key, value) in config.environment { environment[key] = value }
        if let port = config.port { environment["PORT"] = String(port) }
        var values: [String: TemplateValue] = [
            "family": .string(family),
            "cpu": .integer(config.cpu),
            "memory": .integer(config.memory),
            "cpuArchitecture": .string(Self.hostArchitecture),
            "image": planned(inputs.image),
            "executionRoleArn": planned(inputs.executionRoleArn),
            "taskRoleArn": planned(inputs.taskRoleArn),
            "logGroup": planned(inputs.logGroup),
            "region": .string(region.name),
            "command": config.command.map { .array($0.map(TemplateValue.string)) } ?? .null,
            "environment": .array(environment.keys.sorted().map { ["name": .string($0), "value": .string(environment[$0]!)] }),
            "secrets": .array(inputs.secrets.keys.sorted().map { ["name": .string($0), "valueFrom": .string(inputs.secrets[$0]!)] }),
            "stopTimeout": .integer(config.stopTimeoutSeconds),
            // ECS caps a container health check's start period at 300 s.
            "healthCheckGracePeriod": .integer(min(max(config.healthCheckGracePeriodSeconds, 0), 300)),
        ]
        if let port = config.port { values["port"] = .integer(port) }
        if let path = config.healthPath { values["healthPath"] = .string(path) }
        let path = templatePath(service)
        let text = try TemplateRenderer.render(contentsOf: path, values: values)
        let document: JSONValue
        do {
            document = try JSONValue(parsing: text)
        } catch {
            throw TaskDefinitionTemplateError(path: path, problem: "does not render to JSON (\(error))")
        }
        let cleaned = Self.droppingNulls(document)
        guard cleaned["family"]?.string == family else {
            throw TaskDefinitionTemplateError(path: path, problem: "\"family\" must be {{ family | json }} (\(family))")
        }
        guard let containers = cleaned["containerDefinitions"]?.array, !containers.isEmpty,
              containers.allSatisfy({ $0["name"]?.string != nil && $0["image"]?.string != nil }) else {
            throw TaskDefinitionTemplateError(path: path, problem: "needs containerDefinitions, each with a name and an image")
        }
        return cleaned
    }

    /// tpsctl builds images natively, so the tasks run on the architecture of the build host.
    static var hostArchitecture: String {
        #if arch(arm64)
        "ARM64"
        #else
        "X86_64"
        #endif
    }

    /// `null` means "not set" in a template (e.g. no command override); ECS wants the key absent.
    static func droppingNulls(_ value: JSONValue) -> JSONValue {
        if let object = value.object {
            return .object(object.filter { !$0.value.isNull }.mapValues(droppingNulls))
        }
        if let array = value.array { return .array(array.map(droppingNulls)) }
        return value
    }
}

/// A task definition template that renders to something ECS cannot take; names the file.
public struct TaskDefinitionTemplateError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String { "\(path): \(problem)" }
}
