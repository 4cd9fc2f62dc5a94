@testable import AWSClient
import AWSSigV4
import Foundation
import Testing

@Suite("Wire codecs")
struct CodecTests {
    @Test func jsonValueRoundTripsAndReads() throws {
        let document = try JSONValue(parsing: #"{"a":1,"b":[true,null,"x",1.5],"c":{"d":"é/✓"},"n":1700000000123}"#)
        #expect(document["a"]?.int == 1)
        #expect(document["b"]?[0]?.bool == true)
        #expect(document["b"]?[1]?.isNull == true)
        #expect(document["b"]?[3]?.double == 1.5)
        #expect(document["c"]?["d"]?.string == "é/✓")
        #expect(document["n"]?.int == 1_700_000_000_123)
        #expect(document.encodedString() == #"{"a":1,"b":[true,null,"x",1.5],"c":{"d":"é/✓"},"n":1700000000123}"#)
        #expect(try JSONValue(parsing: "") == [:])
        #expect(try JSONValue(parsing: "  \n") == [:])
        #expect(JSONValue.number(12).date == Date(timeIntervalSince1970: 12))
    }

    @Test func jsonRequestCarriesTargetAndContentType() {
        let request = JSONProtocol.request(.ecs, action: "CreateCluster", input: ["clusterName": "c"])
        #expect(request.method == "POST" && request.path == "/")
        #expect(request.headers.contains { $0 == ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.CreateCluster") })
        #expect(request.headers.contains { $0 == ("Content-Type", "application/x-amz-json-1.1") })
        let sqs = JSONProtocol.request(.sqs, action: "SendMessage", input: [:])
        #expect(sqs.headers.contains { $0 == ("Content-Type", "application/x-amz-json-1.0") })
        #expect(sqs.headers.contains { $0 == ("X-Amz-Target", "AmazonSQS.SendMessage") })
    }

    @Test func queryFlatteningRules() {
        var parameters: QueryParameters = ["Name": "lb"]
        parameters.addList("Subnets", ["s-1", "s-2"])
        parameters.addTags(["b": "2", "a": "1"])
        parameters.addMap("Attributes", ["VisibilityTimeout": "30"])
        parameters.add("Optional", nil as String?)
        parameters.add("Count", 3)
        parameters.add("Flag", true)
        #expect(parameters.pairs.map { "\($0.name)=\($0.value)" } == [
            "Name=lb", "Subnets.member.1=s-1", "Subnets.member.2=s-2",
            "Tags.member.1.Key=a", "Tags.member.1.Value=1", "Tags.member.2.Key=b", "Tags.member.2.Value=2",
            "Attributes.entry.1.key=VisibilityTimeout", "Attributes.entry.1.value=30", "Count=3", "Flag=true",
        ])
        var ec2 = QueryParameters()
        ec2.addList("SubnetId", ["s-1"], member: nil)
        ec2.addFilters([(name: "vpc-id", values: ["v-1", "v-2"]), (name: "tag:tps:stack", values: ["x"])])
        #expect(ec2.pairs.map(\.name) == ["SubnetId.1", "Filter.1.Name", "Filter.1.Value.1", "Filter.1.Value.2",
                                          "Filter.2.Name", "Filter.2.Value.1"])
    }

    @Test func queryBodyIsFormEncodedWithActionAndVersion() {
        let request = QueryProtocol.request(.iam, action: "CreateRole", parameters: [
            "AssumeRolePolicyDocument": #"{"a": "b c/+="}"#,
        ])
        #expect(String(decoding: request.body, as: UTF8.self)
            == "Action=CreateRole&Version=2010-05-08&AssumeRolePolicyDocument=%7B%22a%22%3A%20%22b%20c%2F%2B%3D%22%7D")
        #expect(request.headers.contains { $0 == ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8") })
    }

    @Test func percentEncodingKeepsOnlyUnreserved() {
        #expect(SigV4PercentEncoding.encode("aZ09-_.~ /?&=+é") == "aZ09-_.~%20%2F%3F%26%3D%2B%C3%A9")
        #expect(SigV4PercentEncoding.encode("/2020-05-31/distribution/E 1", keepSlash: true) == "/2020-05-31/distribution/E%201")
    }

    @Test func xmlTreeReadsAndWrites() throws {
        let tree = try XMLTree(parsing: """
            <?xml version="1.0"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r-1</requestId>
              <vpcSet>
                <item><vpcId>vpc-1</vpcId><tagSet><item><key>Name</key><value>a &amp; b</value></item></tagSet></item>
                <item><vpcId>vpc-2</vpcId></item>
              </vpcSet>
            </DescribeVpcsResponse>
            """)
        #expect(tree.name == "DescribeVpcsResponse")
        #expect(tree.string("requestId") == "r-1")
        let items = try #require(tree.child("vpcSet")).listItems()
        #expect(items.compactMap { $0.string("vpcId") } == ["vpc-1", "vpc-2"])
        #expect(EC2.tags(items[0].child("tagSet")) == ["Name": "a & b"])
        #expect(tree.descendant("key")?.text == "Name")

        let body = XMLTree("CreateInvalidationRequest", attributes: ["xmlns": "http://cloudfront.amazonaws.com/doc/2020-05-31/"],
                           children: [.leaf("CallerReference", "a<b>&\"c\""), XMLTree("Paths")])
        #expect(body.xmlString() == #"<CreateInvalidationRequest xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>a&lt;b&gt;&amp;"c"</CallerReference><Paths/></CreateInvalidationRequest>"#)
        #expect(try XMLTree(parsing: body.xmlDocument()) == body)
        #expect(throws: XMLTreeParseError.self) { try XMLTree(parsing: "<a><b></a>") }
    }

    @Test func timestampsInAWSSpellings() {
        let expected = Date(timeIntervalSince1970: 1_795_611_200)
        #expect(ISO8601Timestamp.parse("2026-11-25T12:53:20Z") == expected)
        #expect(ISO8601Timestamp.parse("2026-11-25T12:53:20.000Z") == expected)
        #expect(ISO8601Timestamp.parse("2026-11-25T12:53:20+00:00") == expected)
        #expect(abs((ISO8601Timestamp.parse("2026-11-25T12:53:20.088993+00:00") ?? .distantPast).timeIntervalSince(expected)) < 1)
        #expect(ISO8601Timestamp.parseHTTPDate("Wed, 25 Nov 2026 12:53:20 GMT") == expected)
        #expect(ISO8601Timestamp.parse("yesterday") == nil)
    }

    @Test(arguments: ServiceDescriptor.all)
    func descriptorsMatchTheBotocoreModels(service: ServiceDescriptor) throws {
        // signing name, endpoint prefix, API version, protocol and target prefix as in service-2.json.
        let expected: [String: (String, String, String, String)] = [
            "STS": ("sts", "sts", "2011-06-15", "query"),
            "IAM": ("iam", "iam", "2010-05-08", "query"),
            "EC2": ("ec2", "ec2", "2016-11-15", "ec2"),
            "ECS": ("ecs", "ecs", "2014-11-13", "json-1.1"),
            "ECR": ("ecr", "api.ecr", "2015-09-21", "json-1.1"),
            "Elastic Load Balancing v2": ("elasticloadbalancing", "elasticloadbalancing", "2015-12-01", "query"),
            "RDS": ("rds", "rds", "2014-10-31", "query"),
            "ElastiCache": ("elasticache", "elasticache", "2015-02-02", "query"),
            "SQS": ("sqs", "sqs", "2012-11-05", "json-1.0"),
            "DynamoDB": ("dynamodb", "dynamodb", "2012-08-10", "json-1.0"),
            "CloudWatch Logs": ("logs", "logs", "2014-03-28", "json-1.1"),
            "CloudWatch": ("monitoring", "monitoring", "2010-08-01", "json-1.0"),
            "Application Auto Scaling": ("application-autoscaling", "application-autoscaling", "2016-02-06", "json-1.1"),
            "Secrets Manager": ("secretsmanager", "secretsmanager", "2017-10-17", "json-1.1"),
            "CloudFront": ("cloudfront", "cloudfront", "2020-05-31", "rest-xml"),
            "Resource Groups Tagging API": ("tagging", "tagging", "2017-01-26", "json-1.1"),
            "Service Quotas": ("servicequotas", "servicequotas", "2019-06-24", "json-1.1"),
            "ACM": ("acm", "acm", "2015-12-08", "json-1.1"),
            "Route 53": ("route53", "route53", "2013-04-01", "rest-xml"),
            "S3": ("s3", "s3", "2006-03-01", "rest-xml"),
        ]
        let (signingName, prefix, version, wire) = try #require(expected[service.serviceId])
        #expect(service.signingName == signingName)
        #expect(service.endpointPrefix == prefix)
        #expect(service.apiVersion == version)
        #expect(service.wireProtocol.name == wire)
    }
}
