@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

/// The two deployment regions never see each other's regional resources.
@Suite("Both regions kept apart")
struct RegionIsolationTests {
    @Test func aQueueCreatedInOneRegionIsInvisibleInTheOther() async throws {
        let tokyo = try LocalAWS.client(region: "ap-northeast-1")
        let seoul = tokyo.withRegion("ap-northeast-2")
        let name = LocalAWS.uniqueName("regional")
        let url = try await SQS(client: tokyo).createQueue(name: name)
        #expect(url.contains("ap-northeast-1") || url.contains(name))
        #expect(try await SQS(client: tokyo).getQueueUrl(name: name) == url)
        let error = await #expect(throws: AWSError.self) { _ = try await SQS(client: seoul).getQueueUrl(name: name) }
        #expect(error?.code == "AWS.SimpleQueueService.NonExistentQueue")
        #expect(try await SQS(client: seoul).listQueues(prefix: name).isEmpty)
        // The same name in the other region is a different queue.
        let seoulURL = try await SQS(client: seoul).createQueue(name: name)
        let seoulArn = try await SQS(client: seoul).getQueueAttributes(queueUrl: seoulURL, names: ["QueueArn"])["QueueArn"]
        #expect(seoulArn == "arn:aws:sqs:ap-northeast-2:123456789012:\(name)")
        try await SQS(client: tokyo).deleteQueue(queueUrl: url)
        try await SQS(client: seoul).deleteQueue(queueUrl: seoulURL)
    }

    @Test func aTableAndAVpcStayInTheirRegion() async throws {
        let tokyo = try LocalAWS.client(region: "ap-northeast-1")
        let seoul = tokyo.withRegion("ap-northeast-2")
        let table = LocalAWS.uniqueName("table")
        _ = try await DynamoDB(client: seoul).createTable(name: table, partitionKey: ("pk", "S"))
        await #expect(throws: AWSError.self) { _ = try await DynamoDB(client: tokyo).describeTable(name: table) }
        try await DynamoDB(client: seoul).deleteTable(name: table)

        let stack = LocalAWS.uniqueName("stack")
        let vpc = try await EC2(client: tokyo).createVpc(cidrBlock: "10.7.0.0/16", tags: ["tps:stack": stack])
        #expect(try await EC2(client: seoul).describeVpcs(filters: [(name: "tag:tps:stack", values: [stack])]).isEmpty)
        try await EC2(client: tokyo).deleteVpc(id: vpc.vpcId)
    }
}
