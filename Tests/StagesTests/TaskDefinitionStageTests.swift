import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing

/// Stage 04 against the local AWS emulator, both regions, with the images stage 01 pushed.
@Suite("Stage 04 task definitions against the local AWS", .serialized)
struct TaskDefinitionStageTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    @Test("up registers one revision per service from the template and the outputs; a re-run registers none; a cpu change registers exactly one; down retires them")
    func lifecycle() async throws {
        let test = try TestStack("tdef")
        defer { test.removeFiles() }

        let report = try await test.up(to: "04")
        #expect(report.succeeded, "up failed: \(report.failures)")

        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let short = region == "ap-northeast-1" ? "apne1" : "apne2"
            let queue = try #require(try await reads.queueURLs().first { $0.hasSuffix("-commit.fifo") })
            let recorded = try await test.deployment().store.outputs(region: RegionName(region))
            for service in ServiceName.allCases {
                let pushed = try #require(recorded[ImageSource.address(RegionName(region), service)]?["imageUri"]?.text)
                let revisions = try await reads.activeRevisions("\(test.name)-\(short)-\(service.rawValue)")
                #expect(revisions.count == 1, "\(region) \(service): \(revisions)")
                let definition = try await reads.taskDefinition(try #require(revisions.first))
                let container = try #require(definition["containerDefinitions"]?[0])
                #expect(container["image"]?.string == pushed, "the image stage 01 pushed, by digest")
                #expect(pushed.contains("@sha256:"))
                #expect(container["user"]?.string == "65532:65532")
                #expect(container["healthCheck"]?["command"]?.array?.isEmpty == false)
                #expect(container["stopTimeout"]?.int == (service == .confirmWorker ? 60 : 30))
                let environment = Dictionary(uniqueKeysWithValues: (container["environment"]?.array ?? []).map {
                    ($0["name"]?.string ?? "", $0["value"]?.string ?? "")
                })
                #expect(environment["COMMIT_QUEUE_URL"] == queue)
                #expect(environment["SEAT_LOCK_TABLE"] == "\(test.name)-\(short)-seat-locks")
                #expect(environment["AWS_REGION"] == region)
                #expect(environment["PORT"] == (service == .confirmWorker ? nil : "8080"))
                #expect(environment["AWS_ENDPOINT_URL"] == nil, "the emulator endpoint must not reach a task definition")
                for secret in container["secrets"]?.array ?? [] {
                    #expect(secret["valueFrom"]?.string?.hasPrefix("arn:") == true, "secrets are ARNs only")
                }
                let logs = container["logConfiguration"]?["options"]
                #expect(logs?["awslogs-group"]?.string == "/tps/\(test.name)/\(short)/\(service.rawValue)")
                #expect(logs?["awslogs-region"]?.string == region)
                #expect(definition["executionRoleArn"]?.string?.hasSuffix("/\(test.name)-\(short)-task-execution") == true)
                #expect(definition["taskRoleArn"]?.string?.hasSuffix("/\(test.name)-\(short)-task-\(service.rawValue)") == true)
                #expect(definition["cpu"]?.string == "1024" || definition["cpu"]?.string == "512")
                #expect(definition["runtimePlatform"]?["operatingSystemFamily"]?.string == "LINUX")
                #expect(definition["requiresCompatibilities"]?.array == ["FARGATE"])
            }
        }
        let recorded = try await test.deployment().store.outputs(region: "ap-northeast-1")
        let outputs = try #require(recorded[TaskDefinitionsStage.address("ap-northeast-1", .publicAPI)])
        #expect(outputs["revision"]?.text == "1")
        #expect(outputs["family"]?.text == "\(test.name)-apne1-public-api")
        #expect(outputs["arn"]?.text.hasSuffix(":task-definition/\(test.name)-apne1-public-api:1") == true)

        let plan = try await test.plan(to: "04")
        #expect(!plan.hasChanges, "plan after up: \(plan.render())")
        let before = try await test.mutations().count
        let second = try await test.up(to: "04")
        #expect(second.succeeded)
        #expect(second.mutated.isEmpty, "\(second.mutated)")
        #expect(try await test.mutations().count == before, "a converged up must make no mutating call")

        try test.writeStack(services: """
            services:
              public-api:
                cpu: 512
                memory: 1024

            """)
        let changed = try await test.plan(to: "04")
        let action = try #require(changed.regions.flatMap(\.actions).first { $0.address.key == "task_definition.public-api" })
        #expect(action.changes.map(\.field).sorted() == ["cpu", "memory"], "field-level diff: \(changed.render())")
        let registered = try await test.mutations().count
        let third = try await test.up(to: "04")
        #expect(third.succeeded, "\(third.failures)")
        #expect(Set(third.mutated.map(\.key)) == ["task_definition.public-api"])
        let registrations = try await test.mutations().dropFirst(registered)
        #expect(registrations.map { $0.action ?? "" } == ["RegisterTaskDefinition", "RegisterTaskDefinition"],
                "one new revision per region")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let short = region == "ap-northeast-1" ? "apne1" : "apne2"
            let revisions = try await reads.activeRevisions("\(test.name)-\(short)-public-api")
            #expect(revisions.count == 2)
            #expect(try await reads.taskDefinition(revisions[0])["cpu"]?.string == "512")
            #expect(try await reads.activeRevisions("\(test.name)-\(short)-confirm-api").count == 1)
        }
        let settled = try await test.plan(to: "04")
        #expect(!settled.hasChanges, "no churn after the new revision: \(settled.render())")

        let down = try await test.down()
        #expect(down.succeeded, "down: \(down.failures) left: \(down.leftovers)")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let short = region == "ap-northeast-1" ? "apne1" : "apne2"
            for service in ServiceName.allCases {
                #expect(try await reads.activeRevisions("\(test.name)-\(short)-\(service.rawValue)").isEmpty)
            }
            #expect(try await reads.vpcs().isEmpty)
        }
    }
}

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

    @Test("a bad --image is refused naming the flag, before any AWS call")
    func badImageFlag() throws {
        var request = DeploymentRequest(stackPath: "stacks/local.yaml")
        request.images = ["public-api=repo:latest"]
        let error = try #require(throws: DeploymentInputError.self) { try request.parsedImages() }
        #expect(error.description.hasPrefix("--image: 'repo:latest' is not a reference by digest"))
        request.images = ["public-api=r@sha256:1"]
        let missing = try #require(throws: DeploymentInputError.self) { try request.parsedImages() }
        #expect(missing.description == "--image: no image for confirm-api; give one for every service")
    }
}
