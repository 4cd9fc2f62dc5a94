import AWSClient
import ContainerImage
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// The renderer and the comparison on their own: no AWS involved.
@Suite("Task definition rendering")
struct TaskDefinitionRenderingTests {
    static func stack() throws -> Stack {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("stack.yaml")
        try TestStack.yaml(name: "render", endpoint: "http://127.0.0.1:1").write(to: file, atomically: true, encoding: .utf8)
        return try StackLoader.load(path: file.path)
    }

    static let inputs = TaskDefinitionInputs(
        image: .known("1.dkr.ecr.ap-northeast-1.amazonaws.com/x@sha256:" + String(repeating: "a", count: 64)),
        executionRoleArn: .known("arn:aws:iam::123456789012:role/exec"),
        taskRoleArn: .known("arn:aws:iam::123456789012:role/task"),
        logGroup: .known("/tps/render/apne1/public-api"),
        environment: ["COMMIT_QUEUE_URL": "https://sqs/q.fifo", "AWS_REGION": "ap-northeast-1"],
        secrets: ["REDIS_AUTH_TOKEN": "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:render-apne1-redis-auth-AbCdEf"])

    @Test("renders image by digest, secrets as ARNs, sizes from the stack, sorted environment")
    func rendersFromTemplate() throws {
        let stack = try Self.stack()
        let region = stack.regions[0].region
        let definition = try TaskDefinitionRenderer(templatesDirectory: TestStack.templatesDirectory)
            .render(.publicAPI, stack: stack, region: region, inputs: Self.inputs)
        #expect(definition["family"]?.string == "render-apne1-public-api")
        #expect(definition["cpu"]?.string == "1024")
        #expect(definition["memory"]?.string == "2048")
        let container = try #require(definition["containerDefinitions"]?[0])
        #expect(container["image"]?.string?.contains("@sha256:") == true)
        #expect(container["secrets"]?.array == [[
            "name": "REDIS_AUTH_TOKEN",
            "valueFrom": "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:render-apne1-redis-auth-AbCdEf",
        ]])
        #expect(container["environment"]?.array?.compactMap { $0["name"]?.string }
                == ["AWS_REGION", "COMMIT_QUEUE_URL", "PORT"])
        #expect(container["command"] == nil, "a null command is left out")
        #expect(container["portMappings"]?[0]?["containerPort"]?.int == 8080)
        #expect(container["healthCheck"]?["startPeriod"]?.int == 30)
    }

    @Test("a definition as ECS describes it (defaults filled in) compares equal to the rendered one")
    func ecsDefaultsAreNotAChange() throws {
        let stack = try Self.stack()
        let rendered = try TaskDefinitionRenderer(templatesDirectory: TestStack.templatesDirectory)
            .render(.publicAPI, stack: stack, region: stack.regions[0].region, inputs: Self.inputs)
        var described = rendered.object!
        described["taskDefinitionArn"] = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/render-apne1-public-api:3"
        described["revision"] = 3
        described["status"] = "ACTIVE"
        described["volumes"] = []
        described["placementConstraints"] = []
        described["compatibilities"] = ["EC2", "FARGATE"]
        var container = rendered["containerDefinitions"]![0]!.object!
        container["cpu"] = 0
        container["mountPoints"] = []
        container["volumesFrom"] = []
        container["systemControls"] = []
        container["environment"] = .array((container["environment"]!.array!).reversed())
        container["portMappings"] = [["name": "http", "containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "appProtocol": "http"]]
        described["containerDefinitions"] = [.object(container)]

        var diff = ResourceDiff(liveExists: true)
        TaskDefinitionComparison.compare(desired: rendered, live: .object(described), into: &diff)
        #expect(diff.changes.isEmpty, "\(diff.changes)")

        container["image"] = .string("1.dkr.ecr.ap-northeast-1.amazonaws.com/x@sha256:" + String(repeating: "b", count: 64))
        described["containerDefinitions"] = [.object(container)]
        var changed = ResourceDiff(liveExists: true)
        TaskDefinitionComparison.compare(desired: rendered, live: .object(described), into: &changed)
        #expect(changed.changes.map(\.field) == ["container[public-api].image"])
    }

    @Test("an unknown input marks only the fields it lands in as unknown")
    func unknownInputsStayFieldLevel() throws {
        let stack = try Self.stack()
        var inputs = Self.inputs
        inputs.image = .knownAfterApply
        let rendered = try TaskDefinitionRenderer(templatesDirectory: TestStack.templatesDirectory)
            .render(.confirmWorker, stack: stack, region: stack.regions[0].region, inputs: inputs)
        var diff = ResourceDiff(liveExists: false)
        TaskDefinitionComparison.compare(desired: rendered, live: nil, into: &diff)
        let unknown = diff.fields.filter { $0.after == .knownAfterApply }.map(\.field)
        #expect(unknown == ["container[confirm-worker].image"])
        #expect(rendered["containerDefinitions"]?[0]?["portMappings"] == nil)
    }

    /// The container health check runs the image's own binary with `healthcheck` (the image has no
    /// shell): the path must be where the image builder puts that service's binary.
    @Test("the health check runs the service's binary in the image with 'healthcheck'", arguments: ServiceName.allCases)
    func healthCheckRunsTheServiceBinary(_ service: ServiceName) throws {
        let stack = try Self.stack()
        let rendered = try TaskDefinitionRenderer(templatesDirectory: TestStack.templatesDirectory)
            .render(service, stack: stack, region: stack.regions[0].region, inputs: Self.inputs)
        let container = try #require(rendered["containerDefinitions"]?[0])
        #expect(container["name"]?.string == service.rawValue)
        let binary = try ImageBuildOptions(environment: [:]).binaryDirectory + "/" + service.rawValue
        #expect(container["healthCheck"]?["command"]?.array?.compactMap(\.string) == ["CMD", binary, "healthcheck"])
    }

    @Test("a bad --image is refused naming the flag, before any AWS call")
    func badImageFlag() throws {
        var request = DeploymentRequest(stackPath: "stacks/local.yaml")
        let error = try #require(throws: ImageOverride.Refusal.self) { try ImageOverride(parsing: "public-api=repo:latest") }
        #expect(error.description.hasPrefix("--image: 'repo:latest' is not a reference by digest"))
        request.images = [try ImageOverride(parsing: "public-api=r@sha256:1")]
        let missing = try #require(throws: DeploymentInputError.self) { try request.parsedImages() }
        #expect(missing.description == "--image: no image for confirm-api; give one for every service")
    }
}
