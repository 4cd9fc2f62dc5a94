import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// The seat-lock table is warmed for the stack's expected hold rate at creation, raised in place
/// when the rate grows, and left alone when the rate shrinks (DynamoDB cannot lower it).
@Suite("Seat-lock table warm throughput against the local AWS")
struct SeatLockWarmThroughputTests {
    func table(_ test: TestStack, holdsPerSecond: Int) throws -> SeatLockTableResource {
        let config = SeatLockTableConfig(pointInTimeRecovery: false, expectedHoldsPerSecond: holdsPerSecond)
        return SeatLockTableResource(
            address: ResourceAddress(region: "ap-northeast-1", stage: .dataplane, kind: "dynamodb_table", name: "seat_locks"),
            client: try test.client("ap-northeast-1"), tableName: "\(test.name)-seat-locks", ttlAttribute: "expiresAt",
            pointInTimeRecovery: false, warmReadUnits: config.warmReadUnitsPerSecond,
            warmWriteUnits: config.warmWriteUnitsPerSecond)
    }

    func warm(_ test: TestStack) async throws -> (read: Int?, write: Int?) {
        let client = try test.client("ap-northeast-1")
        let table = try await client.json(
            .dynamoDB, "DescribeTable", ["TableName": .string("\(test.name)-seat-locks")])["Table"]
        return (table?["WarmThroughput"]?["ReadUnitsPerSecond"]?.int, table?["WarmThroughput"]?["WriteUnitsPerSecond"]?.int)
    }

    @Test("created warm, raised in place, never lowered; converged passes change nothing")
    func lifecycle() async throws {
        let test = try TestStack("warm", images: false)
        defer { test.removeFiles() }
        var driver = ResourceDriver(stack: test.name)
        try await driver.converge(try table(test, holdsPerSecond: 5_000))
        #expect(try await warm(test) == (12_000, 10_000), "2 writes per hold; reads at least a new table's 12,000")
        #expect(try await driver.changes(try table(test, holdsPerSecond: 5_000)).changes.isEmpty)

        let raised = try table(test, holdsPerSecond: 9_000)
        #expect(try await driver.changes(raised).changes.map(\.field) == ["warmThroughput"])
        try await driver.converge(raised)
        #expect(try await warm(test) == (18_000, 18_000))

        #expect(try await driver.changes(try table(test, holdsPerSecond: 1_000)).changes.isEmpty,
                "a warmer table than asked is converged: warm throughput cannot be lowered")
        try await driver.destroy(raised)
    }

    @Test("a small rate still asks for what a new on-demand table has")
    func floor() {
        let config = SeatLockTableConfig(expectedHoldsPerSecond: 10)
        #expect(config.warmWriteUnitsPerSecond == 4_000 && config.warmReadUnitsPerSecond == 12_000)
        #expect(SeatLockTableConfig().warmWriteUnitsPerSecond == 20_000, "the default: 10,000 holds/s")
    }
}
