import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

extension ServiceStages {
    /// Stage 04 against the local AWS emulator, both regions, with the images stage 01 pushed.
    @Suite("Stage 04 task definitions against the local AWS")
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
                    #expect(environment["SALES_REGION"] == "ap-northeast-1",
                            "both regions name the one home region (the first by default)")
                    #expect(environment["PORT"] == (service == .confirmWorker ? nil : "8080"))
                    #expect(environment["AWS_ENDPOINT_URL"] == test.aws.endpoint,
                            "a local stack's tasks call the local AWS its local section names")
                    for secret in container["secrets"]?.array ?? [] {
                        #expect(secret["valueFrom"]?.string?.hasPrefix("arn:") == true, "secrets are ARNs only")
                    }
                    let secretNames = Set((container["secrets"]?.array ?? []).compactMap { $0["name"]?.string })
                    #expect(secretNames.isSuperset(of: ["ROOM_TOKEN_KEY", "PAYMENT_WEBHOOK_SECRET", "REDIS_AUTH_TOKEN"]),
                            "the services' keys are injected from Secrets Manager: \(secretNames.sorted())")
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
}
