@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

/// One real call per wire protocol, against the local emulator.
@Suite("Protocols against the emulator")
struct ServiceProtocolTests {
    @Test("AWS JSON 1.0: DynamoDB CreateTable / DescribeTable")
    func dynamoDB() async throws {
        let dynamo = DynamoDB(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("seat-lock")
        let created = try await dynamo.createTable(name: name, partitionKey: ("pk", "S"), sortKey: ("sk", "S"),
                                                   tags: ["tps:stack": "test"])
        #expect(created.name == name)
        let described = try await dynamo.describeTable(name: name)
        #expect(described.status == "ACTIVE")
        #expect(described.keySchema == ["pk": "HASH", "sk": "RANGE"])
        #expect(described.arn.contains(":ap-northeast-1:"))
        try await dynamo.deleteTable(name: name)
    }

    @Test("AWS JSON 1.0 (query-compatible): SQS CreateQueue / GetQueueAttributes")
    func sqs() async throws {
        let sqs = SQS(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("commit")
        let url = try await sqs.createQueue(name: name, attributes: ["VisibilityTimeout": "45"], tags: ["tps:stack": "test"])
        #expect(url.hasSuffix("/" + name))
        let attributes = try await sqs.getQueueAttributes(queueUrl: url)
        #expect(attributes["VisibilityTimeout"] == "45")
        #expect(attributes["QueueArn"] == "arn:aws:sqs:ap-northeast-1:123456789012:\(name)")
        #expect(try await sqs.getQueueUrl(name: name) == url)
        try await sqs.deleteQueue(queueUrl: url)
    }

    @Test("AWS JSON 1.1: ECS CreateCluster / DescribeClusters")
    func ecs() async throws {
        let ecs = ECS(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("cluster")
        let created = try await ecs.createCluster(name: name, tags: ["tps:stack": "test"])
        #expect(created.arn.hasSuffix(":cluster/\(name)"))
        let (clusters, failures) = try await ecs.describeClusters([name, "tps-no-such-cluster"])
        #expect(clusters.map(\.name) == [name])
        #expect(clusters.first?.status == "ACTIVE")
        #expect(failures.map(\.reason) == ["MISSING"])
        try await ecs.deleteCluster(name)
    }

    @Test("AWS Query: IAM CreateRole / GetRole (global, signed for us-east-1)")
    func iam() async throws {
        let iam = IAM(client: try LocalAWS.client(region: "ap-northeast-2"))
        let name = LocalAWS.uniqueName("role")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let created = try await iam.createRole(name: name, assumeRolePolicy: trust, path: "/tps/", tags: ["tps:stack": "test"])
        #expect(created.arn == "arn:aws:iam::123456789012:role/tps/\(name)")
        let fetched = try await iam.getRole(name: name)
        #expect(fetched == created)
        try await iam.deleteRole(name: name)
    }

    @Test("AWS Query: ELBv2 DescribeLoadBalancers")
    func elbv2() async throws {
        let elb = ElasticLoadBalancingV2(client: try LocalAWS.client())
        let all = try await elb.describeLoadBalancers()
        #expect(all.allSatisfy { !$0.arn.isEmpty })
        await #expect(throws: AWSError.self) { _ = try await elb.describeLoadBalancers(names: ["tps-no-such-lb"]) }
    }

    @Test("EC2 Query: CreateVpc with tags / DescribeVpcs with filters")
    func ec2() async throws {
        let ec2 = EC2(client: try LocalAWS.client())
        let stack = LocalAWS.uniqueName("stack")
        let vpc = try await ec2.createVpc(cidrBlock: "10.42.0.0/16", tags: ["tps:stack": stack, "Name": "\(stack)-vpc"])
        #expect(vpc.vpcId.hasPrefix("vpc-"))
        #expect(vpc.tags["tps:stack"] == stack)
        let byTag = try await ec2.describeVpcs(filters: [(name: "tag:tps:stack", values: [stack])])
        #expect(byTag.map(\.vpcId) == [vpc.vpcId])
        #expect(byTag.first?.cidrBlock == "10.42.0.0/16")
        let byIdAndCidr = try await ec2.describeVpcs(ids: [vpc.vpcId], filters: [(name: "cidr", values: ["10.42.0.0/16"])])
        #expect(byIdAndCidr.count == 1)
        let none = try await ec2.describeVpcs(filters: [(name: "tag:tps:stack", values: [stack + "-other"])])
        #expect(none.isEmpty)
        try await ec2.deleteVpc(id: vpc.vpcId)
    }

    @Test("REST-XML: CloudFront ListDistributions / GetDistribution error")
    func cloudFront() async throws {
        let cloudFront = CloudFront(client: try LocalAWS.client())
        let distributions = try await cloudFront.listDistributions()
        #expect(distributions.allSatisfy { !$0.id.isEmpty })
        let error = await #expect(throws: AWSError.self) { _ = try await cloudFront.getDistribution(id: "ETPSNOSUCHDIST") }
        #expect(error?.code == "NoSuchDistribution")
        #expect(error?.httpStatus == 404)
    }

    @Test("Generic call API reaches operations without typed wrappers")
    func genericCalls() async throws {
        let client = try LocalAWS.client()
        let logs = try await client.json(.cloudWatchLogs, "DescribeLogGroups", ["limit": 5])
        #expect(logs["logGroups"]?.array != nil)
        let metrics = try await client.json(.cloudWatch, "ListMetrics")
        #expect(metrics["Metrics"]?.array != nil)
        let secrets = try await client.json(.secretsManager, "ListSecrets")
        #expect(secrets["SecretList"]?.array != nil)
        let clusters = try await client.query(.rds, "DescribeDBClusters")
        #expect(clusters.name == "DescribeDBClustersResult")
        let groups = try await client.query(.elastiCache, "DescribeReplicationGroups")
        #expect(groups.name == "DescribeReplicationGroupsResult")
        let repositories = try await client.json(.ecr, "DescribeRepositories")
        #expect(repositories["repositories"]?.array != nil)
        let targets = try await client.json(.applicationAutoScaling, "DescribeScalableTargets", ["ServiceNamespace": "ecs"])
        #expect(targets["ScalableTargets"]?.array != nil)
        let tagged = try await client.json(.resourceGroupsTagging, "GetResources")
        #expect(tagged["ResourceTagMappingList"]?.array != nil)
    }
}
