@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

/// Each protocol's error format, from the emulator's real answers, decoded into `AWSError`.
@Suite("Error decoding per protocol")
struct ErrorDecodingTests {
    static func expectError(_ expectedCode: String, status: Int, service: String, action: String,
                            messageContains: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(action) succeeded")
        } catch let error as AWSError {
            #expect(error.code == expectedCode)
            #expect(error.httpStatus == status)
            #expect(error.service == service && error.action == action)
            #expect(error.message.contains(messageContains))
            #expect(error.requestId?.isEmpty == false)
            #expect(!"\(error)".contains("\n"))
        } catch {
            Issue.record("expected an AWSError, got \(error)")
        }
    }

    @Test func awsJSON10() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("ResourceNotFoundException", status: 400, service: "dynamodb", action: "DescribeTable",
                               messageContains: "not found") {
            _ = try await DynamoDB(client: client).describeTable(name: "tps-no-such-table")
        }
    }

    @Test func awsJSON10QueryCompatibleReportsTheQueryCode() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("AWS.SimpleQueueService.NonExistentQueue", status: 400, service: "sqs", action: "GetQueueUrl",
                               messageContains: "does not exist") {
            _ = try await SQS(client: client).getQueueUrl(name: "tps-no-such-queue")
        }
    }

    @Test func awsJSON11() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("ClusterNotFoundException", status: 400, service: "ecs", action: "DescribeServices",
                               messageContains: "Cluster not found") {
            _ = try await client.json(.ecs, "DescribeServices", ["cluster": "tps-no-such-cluster", "services": ["a"]])
        }
    }

    @Test func awsQuery() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("NoSuchEntity", status: 404, service: "iam", action: "GetRole", messageContains: "tps-no-such-role") {
            _ = try await IAM(client: client).getRole(name: "tps-no-such-role")
        }
        await Self.expectError("LoadBalancerNotFound", status: 400, service: "elasticloadbalancing",
                               action: "DescribeLoadBalancers", messageContains: "does not exist") {
            _ = try await ElasticLoadBalancingV2(client: client).describeLoadBalancers(names: ["tps-no-such-lb"])
        }
    }

    @Test func ec2Query() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("InvalidVpcID.NotFound", status: 400, service: "ec2", action: "DescribeVpcs",
                               messageContains: "vpc-0000000f") {
            _ = try await EC2(client: client).describeVpcs(ids: ["vpc-0000000f"])
        }
    }

    @Test func restXML() async throws {
        let client = try LocalAWS.client()
        await Self.expectError("NoSuchDistribution", status: 404, service: "cloudfront", action: "GetDistribution",
                               messageContains: "does not exist") {
            _ = try await CloudFront(client: client).getDistribution(id: "ETPSNOSUCH")
        }
    }

    /// Formats the emulator has no way to produce: exact bodies as AWS documents them.
    @Test(arguments: [
        (ServiceDescriptor.ec2, 503,
         "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>",
         [(String, String)](), "RequestLimitExceeded", "Request limit exceeded.", "ec2-req"),
        (.sts, 400,
         "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>sts-req</RequestId></ErrorResponse>",
         [], "Throttling", "Rate exceeded", "sts-req"),
        (.cloudFront, 400,
         "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>Sender</Type><Code>TooManyDistributions</Code><Message>Too many</Message></Error><RequestId>cf-req</RequestId></ErrorResponse>",
         [], "TooManyDistributions", "Too many", "cf-req"),
        (.ecs, 400, #"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}"#,
         [("x-amzn-RequestId", "ecs-req")], "ThrottlingException", "Rate exceeded", "ecs-req"),
        (.dynamoDB, 400, #"{"message":"Throughput exceeds the current capacity"}"#,
         [("x-amzn-ErrorType", "ProvisionedThroughputExceededException:http://internal.amazon.com/"), ("x-amzn-RequestId", "d-req")],
         "ProvisionedThroughputExceededException", "Throughput exceeds the current capacity", "d-req"),
        (.sqs, 400, #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#,
         [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"), ("x-amzn-RequestId", "q-req")],
         "AWS.SimpleQueueService.NonExistentQueue", "gone", "q-req"),
        (.sqs, 502, "<html>Bad Gateway</html>", [("x-amzn-RequestId", "p-req")], "502", "Bad Gateway", "p-req"),
        (.iam, 503, "", [], "503", "Service Unavailable", nil),
    ] as [(ServiceDescriptor, Int, String, [(String, String)], String, String, String?)])
    func documentedFormats(service: ServiceDescriptor, status: Int, body: String, headers: [(String, String)],
                           code: String, message: String, requestId: String?) {
        let response = AWSHTTPResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
        let error = AWSErrorDecoder.decode(response, service: service, action: "Op")
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.requestId == requestId)
        #expect(error.httpStatus == status)
    }
}
