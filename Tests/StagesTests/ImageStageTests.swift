import ContainerImage
import Foundation
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// Stage 01's images against the local AWS (repositories) and the local registry with
/// htpasswd auth (the images): pushed by `up --stage 01`, recorded as digest-pinned outputs,
/// nothing re-sent when converged, refused clearly when not built or when a tag moved.
@Suite("Stage 01 images", .serialized)
struct ImageStageTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    @Test("up --stage 01 pushes every service's image to each region and records imageUri and digest; a re-run uploads nothing and mutates nothing")
    func pushThroughUp() async throws {
        let test = try TestStack("img")
        defer { test.removeFiles() }
        let registry = test.registry
        var built: [ServiceName: BuiltImage] = [:]
        for service in ServiceName.allCases {
            built[service] = try #require(try BuiltImage.open(at: test.imagesDirectory.appendingPathComponent(service.rawValue).path))
        }

        let plan = try await test.plan(stage: "01")
        let planned = try #require(plan.action(for: Self.address("ap-northeast-1", .publicAPI)))
        #expect(planned.kind == .create)
        #expect(planned.changes.first { $0.field == "digest" }?.after == .known("\"\(built[.publicAPI]!.digest)\""))

        let first = try await test.up(stage: "01")
        #expect(first.succeeded, "up --stage 01 failed: \(first.failures)")
        let store = StateStore(root: test.stateDirectory)
        for region in Self.regions {
            for service in ServiceName.allCases {
                let address = Self.address(region, service)
                #expect(first.outcomes[address] == .created)
                let image = built[service]!
                let outputs = try #require(try await store.record(for: address)?.outputs, "no state for \(address)")
                #expect(outputs["digest"]?.text == image.digest.description)
                // One registry stands in for both regions' ECR: each region has its own namespace.
                #expect(outputs["imageUri"]?.text == "\(registry.host)/\(region)/\(test.name)/\(service)@\(image.digest)")
                #expect(outputs["tag"]?.text == "rev-\(test.name)")
                let tagged = try await registry.client().resolve(repository: "\(region)/\(test.name)/\(service)", reference: image.tag,
                                                                 credentials: registry.credentials)
                #expect(tagged == image.digest)
            }
        }

        let mutationsBefore = try await test.mutations().count
        let second = try await test.up(stage: "01")
        #expect(second.succeeded, "second up: \(second.failures)")
        #expect(second.mutated.isEmpty, "a converged stage 01 changes nothing: \(second.mutated)")
        #expect(second.outcomes[Self.address("ap-northeast-2", .confirmWorker)] == .unchanged)
        #expect(try await test.mutations().count == mutationsBefore, "a converged up must make no mutating AWS call")
        #expect(try await !test.plan(stage: "01").hasChanges)

        // `tpsctl push` of the unchanged image: every blob is already there.
        let deployment = try test.deployment(stage: "01")
        let target = try #require(try test.targets(deployment).first { $0.name == "ap-northeast-1" })
        let again = try await ImagePublisher(deployment: deployment).publish(.publicAPI, to: target)
        #expect(again.report.bytesUploaded == 0)
        #expect(again.report.blobsUploaded == 0)
        #expect(again.report.blobsSkipped == 2)
        #expect(again.report.tagAlreadyPresent)
        #expect(again.report.digest == built[.publicAPI]!.digest)

        // One region's teardown leaves the other region's image in place.
        let publicAPIDigest = built[.publicAPI]!.digest.description
        #expect(try await test.down(stage: "01", regions: ["ap-northeast-1"]).succeeded)
        let kept = try await registry.client().resolve(repository: "ap-northeast-2/\(test.name)/public-api", reference: publicAPIDigest,
                                                       credentials: registry.credentials)
        #expect(kept == built[.publicAPI]!.digest, "down of ap-northeast-1 removed ap-northeast-2's image")

        let down = try await test.down(stage: "01")
        #expect(down.succeeded, "down: \(down.failures)")
        for region in Self.regions {
            let gone = try await registry.client().resolve(repository: "\(region)/\(test.name)/public-api",
                                                           reference: publicAPIDigest, credentials: registry.credentials)
            #expect(gone == nil, "down left \(region)'s image")
        }
    }

    @Test("an image not built: plan shows it, up fails only it (naming tpsctl build) and still creates the repositories")
    func notBuilt() async throws {
        let test = try TestStack("nobuild", images: false)
        defer { test.removeFiles() }
        try TestImages.build(into: test.imagesDirectory, revision: "rev-\(test.name)", services: [.publicAPI, .confirmWorker])

        let plan = try await test.plan(stage: "01")
        let planned = try #require(plan.action(for: Self.address("ap-northeast-1", .confirmAPI)))
        #expect(planned.kind == .create)
        #expect(planned.changes.first { $0.field == "digest" }?.after == .known("(not built: run tpsctl build --service confirm-api)"))

        let report = try await test.up(stage: "01")
        #expect(!report.succeeded)
        #expect(Set(report.failures.map(\.address)) == Set(Self.regions.map { Self.address($0, .confirmAPI) }))
        #expect(report.failures.allSatisfy { $0.message.contains("run tpsctl build --service confirm-api") })
        #expect(report.outcomes[Self.address("ap-northeast-2", .publicAPI)] == .created)
        let repository = ResourceAddress(region: RegionName("ap-northeast-1"), stage: .ecr, kind: "ecr_repository", name: "confirm-api")
        #expect(report.outcomes[repository] == .created)

        #expect(try await test.down(stage: "01").succeeded)
    }

    @Test("a tag that already names another digest is a clear error, not a silent re-tag")
    func immutableTagElsewhere() async throws {
        let test = try TestStack("retag")
        defer { test.removeFiles() }
        #expect(try await test.up(stage: "01").succeeded)
        // Same revision, different content: what a rebuild from an uncommitted tree produces.
        let rebuilt = try TestImages.build(into: test.imagesDirectory, revision: "rev-\(test.name)", services: [.publicAPI], marker: "changed",
                                         loadBot: false)
        let report = try await test.up(stage: "01")
        #expect(!report.succeeded)
        let failure = try #require(report.failures.first { $0.address == Self.address("ap-northeast-1", .publicAPI) })
        #expect(failure.message.contains("already points at"))
        #expect(failure.message.contains(rebuilt[.publicAPI]!.digest.description))
        #expect(!failure.message.contains(test.registry.password))
        #expect(try await test.down(stage: "01").succeeded)
    }

    static func address(_ region: String, _ service: ServiceName) -> ResourceAddress {
        ImagePublisher.address(RegionName(region), service)
    }
}
