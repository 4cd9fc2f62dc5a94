@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

/// Retries against faults the emulator injects in each protocol's own error format.
@Suite("Retries against injected faults")
struct EmulatorFaultTests {
    @Test("JSON: throttled twice, then CreateQueue succeeds")
    func jsonThrottlingRecovers() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "sqs", "action": "CreateQueue", "kind": "throttle", "count": 2])
        let url = try await SQS(client: control.client()).createQueue(name: LocalAWS.uniqueName("fault"))
        #expect(!url.isEmpty)
        #expect(try await control.statuses(action: "CreateQueue") == [400, 400, 200])
    }

    @Test("JSON: 503 twice, then DescribeTable answers")
    func jsonServerErrorRecovers() async throws {
        let control = try EmulatorControl()
        let client = control.client()
        let name = LocalAWS.uniqueName("fault")
        _ = try await DynamoDB(client: client).createTable(name: name, partitionKey: ("pk", "S"))
        try await control.addFault(["service": "dynamodb", "action": "DescribeTable", "kind": "server-error",
                                    "status": 503, "count": 2])
        #expect(try await DynamoDB(client: client).describeTable(name: name).name == name)
        #expect(try await control.statuses(action: "DescribeTable") == [503, 503, 200])
    }

    @Test("EC2: RequestLimitExceeded until the limit, then the last error")
    func ec2ThrottlingGivesUp() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "ec2", "action": "DescribeVpcs", "kind": "throttle"])
        let error = await #expect(throws: AWSError.self) { _ = try await EC2(client: control.client()).describeVpcs() }
        #expect(error?.code == "RequestLimitExceeded")
        #expect(error?.service == "ec2" && error?.action == "DescribeVpcs")
        #expect(try await control.statuses(action: "DescribeVpcs").count == 3)
        try await control.removeFaults()
        _ = try await EC2(client: control.client()).describeVpcs()
    }

    @Test("Query: Throttling on STS, then GetCallerIdentity answers")
    func queryThrottlingRecovers() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "sts", "action": "GetCallerIdentity", "kind": "throttle", "count": 1])
        #expect(try await STS(client: control.client()).getCallerIdentity().account == "123456789012")
        #expect(try await control.statuses(action: "GetCallerIdentity") == [400, 200])
    }

    @Test("Query: 500 on IAM until the limit of 4 attempts, the last error returned")
    func queryServerErrorGivesUp() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "iam", "action": "GetRole", "kind": "server-error", "status": 500])
        let error = await #expect(throws: AWSError.self) {
            _ = try await IAM(client: control.client(maxAttempts: 4)).getRole(name: "anything")
        }
        #expect(error?.httpStatus == 500)
        #expect(try await control.statuses(action: "GetRole").count == 4)
        try await control.removeFaults()
    }

    @Test("REST-XML: CloudFront throttled once, then ListDistributions answers")
    func restXMLThrottlingRecovers() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "cloudfront", "action": "ListDistributions", "kind": "throttle", "count": 1])
        _ = try await CloudFront(client: control.client()).listDistributions()
        #expect(try await control.statuses(action: "ListDistributions") == [400, 200])
    }

    @Test("A reset connection is retried")
    func resetRecovers() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "ecs", "action": "ListClusters", "kind": "reset", "count": 1])
        let clusters = try await control.client().json(.ecs, "ListClusters")
        #expect(clusters["clusterArns"]?.array != nil)
    }

    @Test("Faults are per region: a throttle in Seoul leaves Tokyo alone")
    func faultsRespectRegions() async throws {
        let control = try EmulatorControl()
        try await control.addFault(["service": "sqs", "action": "ListQueues", "region": "ap-northeast-2", "kind": "throttle"])
        _ = try await SQS(client: control.client(region: "ap-northeast-1", maxAttempts: 1)).listQueues()
        await #expect(throws: AWSError.self) {
            _ = try await SQS(client: control.client(region: "ap-northeast-2", maxAttempts: 1)).listQueues()
        }
        try await control.removeFaults()
    }
}
