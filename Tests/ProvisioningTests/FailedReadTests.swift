import AWSClient
import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

/// One read that fails is not a lost region: it is tried again when the walk reaches it again,
/// and if it stays failed only what depends on it waits or fails, with the call and error named.
@Suite struct FailedReadTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    static let throttled = AWSError(
        code: "RequestLimitExceeded", message: "Request limit exceeded.", httpStatus: 503, service: "ec2",
        action: "DescribeSecurityGroups")

    func engine(events: EventSink = .discard) -> Engine {
        Engine(stack: FixtureStack.name, store: directory.store,
               options: EngineOptions(waitPolicy: quickWaits, readRevisitPause: .milliseconds(5)), events: events)
    }

    func graph(failing subnet: ResourceAddress, _ failures: ReadFailures) throws -> ResourceGraph {
        try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider) {
            $0 == subnet ? Behaviour(readFailures: failures) : Behaviour()
        }
    }

    @Test func aThrottledReadIsRevisitedAndUpConvergesInOneRun() async throws {
        let subnet = address(tokyo, .network, "subnet", "a")
        let failures = ReadFailures(times: 2, error: Self.throttled)
        let report = await engine().apply(try graph(failing: subnet, failures))
        #expect(report.succeeded, "\(report.failures)")
        #expect(await failures.failed == 2)
        #expect(try directory.provider.allObjects().count == 12)
    }

    @Test func aPermanentFailureIsNotRevisited() async throws {
        let subnet = address(tokyo, .network, "subnet", "a")
        let refused = AWSError(code: "UnauthorizedOperation", message: "no", httpStatus: 403, service: "ec2",
                               action: "DescribeSecurityGroups")
        let failures = ReadFailures(times: 10, error: refused)
        let report = await engine().apply(try graph(failing: subnet, failures))
        #expect(!report.succeeded)
        #expect(await failures.failed == 1)
    }

    @Test func aReadThatStaysFailedCostsOnlyWhatDependsOnIt() async throws {
        let subnet = address(tokyo, .network, "subnet", "a")
        let failures = ReadFailures(times: 100, error: Self.throttled)
        let report = await engine().apply(try graph(failing: subnet, failures))
        #expect(await failures.failed == 3, "the first read and two revisits")
        let failure = try #require(report.failures.first { $0.address == subnet })
        #expect(failure.message.contains("ec2 DescribeSecurityGroups: RequestLimitExceeded"), "\(failure.message)")
        #expect(report.failures.map(\.address) == [subnet, address(tokyo, .services, "service", "api")])
        let service = report.failures.last!
        #expect(service.message == "not read: ap-northeast-1/00-network/subnet.a failed")
        for created in [address(tokyo, .network, "network", "main"), address(tokyo, .network, "subnet", "b"),
                        address(tokyo, .dataplane, "queue", "commit"), address(tokyo, .dataplane, "table", "seats")] {
            #expect(report.outcomes[created] == .created, "\(created) is independent of the failed read")
        }
        #expect(try directory.provider.allObjects().filter { $0.region == seoul }.count == 6, "the other region is whole")

        // The next run, with the read answering, converges.
        let rerun = await engine().apply(try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider))
        #expect(rerun.succeeded, "\(rerun.failures)")
        #expect(Set(rerun.mutated) == [subnet, address(tokyo, .services, "service", "api")])
    }

    @Test func downKeepsWhatAnUnreadResourceMayStillUseAndFinishesTheOtherRegion() async throws {
        #expect(await engine().apply(try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider)).succeeded)
        let table = address(tokyo, .dataplane, "table", "seats")
        let service = address(tokyo, .services, "service", "api")
        let failures = ReadFailures(times: 100, error: Self.throttled)
        let report = await engine().destroy(try graph(failing: table, failures))
        #expect(!report.succeeded)
        #expect(report.failures.map(\.address) == [table, service])
        #expect(report.failures[0].message.contains("ec2 DescribeSecurityGroups: RequestLimitExceeded"), "\(report.failures)")
        #expect(report.failures[1].message == "not read: ap-northeast-1/03-dataplane/table.seats failed")
        // The service may still use the queue and subnets (it could not be read): they wait for it.
        #expect(report.outcomes[address(tokyo, .dataplane, "queue", "commit")] == .skipped("ap-northeast-1/05-services/service.api failed"))
        #expect(report.outcomes[table] == .failed(report.failures[0].message))
        let left = try directory.provider.allObjects()
        #expect(left.filter { $0.region == seoul }.isEmpty, "the other region is torn down")
        #expect(left.count == 6)

        let rerun = await engine().destroy(try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider))
        #expect(rerun.succeeded, "\(rerun.failures)")
        #expect(try directory.provider.allObjects().isEmpty)
    }
}
