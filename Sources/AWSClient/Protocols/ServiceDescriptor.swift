/// What the client needs to know to talk to one AWS service, taken from botocore's
/// service model metadata (`service-2.json`).
public struct ServiceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The SDK service id (`Elastic Load Balancing v2`): names AWS_ENDPOINT_URL_<ID> and `[services]` keys.
    public var serviceId: String
    /// The SigV4 credential-scope service (`elasticloadbalancing`); emulators route by it.
    public var signingName: String
    /// The first label of the default host name (`api.ecr` → `api.ecr.<region>.amazonaws.com`).
    public var endpointPrefix: String
    public var wireProtocol: WireProtocol
    public var apiVersion: String
    /// IAM and CloudFront have one endpoint per partition, signed for its home region.
    public var isGlobal: Bool
    /// JSON services that moved from Query (SQS, CloudWatch) still send the Query error code
    /// in `x-amzn-query-error`; botocore reports that code, and so do we.
    public var isQueryCompatible: Bool
    /// S3 signs differently (`SigV4Options.s3`): the path as sent, and the payload's hash in
    /// `x-amz-content-sha256`, which S3 refuses a request without.
    public var usesS3Signing: Bool

    public init(serviceId: String, signingName: String, endpointPrefix: String, wireProtocol: WireProtocol,
                apiVersion: String, isGlobal: Bool = false, isQueryCompatible: Bool = false, usesS3Signing: Bool = false) {
        self.serviceId = serviceId; self.signingName = signingName; self.endpointPrefix = endpointPrefix
        self.wireProtocol = wireProtocol; self.apiVersion = apiVersion
        self.isGlobal = isGlobal; self.isQueryCompatible = isQueryCompatible; self.usesS3Signing = usesS3Signing
    }

    /// `ELASTIC_LOAD_BALANCING_V2`: the suffix of AWS_ENDPOINT_URL_<SERVICE>.
    public var environmentKey: String {
        serviceId.uppercased().map { $0 == " " || $0 == "-" ? "_" : String($0) }.joined()
    }

    /// `elastic_load_balancing_v2`: the key inside a config file `[services …]` section.
    public var configKey: String {
        environmentKey.lowercased()
    }

    public var description: String { signingName }
}

// MARK: - The services tpsctl uses

extension ServiceDescriptor {
    public static let sts = ServiceDescriptor(
        serviceId: "STS", signingName: "sts", endpointPrefix: "sts", wireProtocol: .query, apiVersion: "2011-06-15")
    public static let iam = ServiceDescriptor(
        serviceId: "IAM", signingName: "iam", endpointPrefix: "iam", wireProtocol: .query, apiVersion: "2010-05-08",
        isGlobal: true)
    public static let ec2 = ServiceDescriptor(
        serviceId: "EC2", signingName: "ec2", endpointPrefix: "ec2", wireProtocol: .ec2Query, apiVersion: "2016-11-15")
    public static let ecs = ServiceDescriptor(
        serviceId: "ECS", signingName: "ecs", endpointPrefix: "ecs",
        wireProtocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"), apiVersion: "2014-11-13")
    public static let ecr = ServiceDescriptor(
        serviceId: "ECR", signingName: "ecr", endpointPrefix: "api.ecr",
        wireProtocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921"), apiVersion: "2015-09-21")
    public static let elasticLoadBalancingV2 = ServiceDescriptor(
        serviceId: "Elastic Load Balancing v2", signingName: "elasticloadbalancing",
        endpointPrefix: "elasticloadbalancing", wireProtocol: .query, apiVersion: "2015-12-01")
    public static let rds = ServiceDescriptor(
        serviceId: "RDS", signingName: "rds", endpointPrefix: "rds", wireProtocol: .query, apiVersion: "2014-10-31")
    public static let elastiCache = ServiceDescriptor(
        serviceId: "ElastiCache", signingName: "elasticache", endpointPrefix: "elasticache", wireProtocol: .query,
        apiVersion: "2015-02-02")
    /// SQS speaks AWS JSON 1.0 since 2023 (botocore `protocols: ["json"]`, awsQueryCompatible).
    public static let sqs = ServiceDescriptor(
        serviceId: "SQS", signingName: "sqs", endpointPrefix: "sqs",
        wireProtocol: .json(version: "1.0", targetPrefix: "AmazonSQS"), apiVersion: "2012-11-05",
        isQueryCompatible: true)
    public static let dynamoDB = ServiceDescriptor(
        serviceId: "DynamoDB", signingName: "dynamodb", endpointPrefix: "dynamodb",
        wireProtocol: .json(version: "1.0", targetPrefix: "DynamoDB_20120810"), apiVersion: "2012-08-10")
    public static let cloudWatchLogs = ServiceDescriptor(
        serviceId: "CloudWatch Logs", signingName: "logs", endpointPrefix: "logs",
        wireProtocol: .json(version: "1.1", targetPrefix: "Logs_20140328"), apiVersion: "2014-03-28")
    /// CloudWatch lists smithy-rpc-v2-cbor first in current botocore, then json 1.0 and query;
    /// we speak its JSON 1.0 (target prefix GraniteServiceVersion20100801), awsQueryCompatible.
    public static let cloudWatch = ServiceDescriptor(
        serviceId: "CloudWatch", signingName: "monitoring", endpointPrefix: "monitoring",
        wireProtocol: .json(version: "1.0", targetPrefix: "GraniteServiceVersion20100801"), apiVersion: "2010-08-01",
        isQueryCompatible: true)
    public static let applicationAutoScaling = ServiceDescriptor(
        serviceId: "Application Auto Scaling", signingName: "application-autoscaling",
        endpointPrefix: "application-autoscaling",
        wireProtocol: .json(version: "1.1", targetPrefix: "AnyScaleFrontendService"), apiVersion: "2016-02-06")
    public static let secretsManager = ServiceDescriptor(
        serviceId: "Secrets Manager", signingName: "secretsmanager", endpointPrefix: "secretsmanager",
        wireProtocol: .json(version: "1.1", targetPrefix: "secretsmanager"), apiVersion: "2017-10-17")
    public static let cloudFront = ServiceDescriptor(
        serviceId: "CloudFront", signingName: "cloudfront", endpointPrefix: "cloudfront", wireProtocol: .restXML,
        apiVersion: "2020-05-31", isGlobal: true)
    public static let resourceGroupsTagging = ServiceDescriptor(
        serviceId: "Resource Groups Tagging API", signingName: "tagging", endpointPrefix: "tagging",
        wireProtocol: .json(version: "1.1", targetPrefix: "ResourceGroupsTaggingAPI_20170126"), apiVersion: "2017-01-26")
    public static let serviceQuotas = ServiceDescriptor(
        serviceId: "Service Quotas", signingName: "servicequotas", endpointPrefix: "servicequotas",
        wireProtocol: .json(version: "1.1", targetPrefix: "ServiceQuotasV20190624"), apiVersion: "2019-06-24")
    public static let certificateManager = ServiceDescriptor(
        serviceId: "ACM", signingName: "acm", endpointPrefix: "acm",
        wireProtocol: .json(version: "1.1", targetPrefix: "CertificateManager"), apiVersion: "2015-12-08")
    public static let route53 = ServiceDescriptor(
        serviceId: "Route 53", signingName: "route53", endpointPrefix: "route53", wireProtocol: .restXML,
        apiVersion: "2013-04-01", isGlobal: true)
    /// WAFv2 for CloudFront's scope only, which is served in us-east-1 (a global endpoint here).
    public static let wafv2 = ServiceDescriptor(
        serviceId: "WAFV2", signingName: "wafv2", endpointPrefix: "wafv2",
        wireProtocol: .json(version: "1.1", targetPrefix: "AWSWAF_20190729"), apiVersion: "2019-07-29", isGlobal: true)
    /// S3 (REST-XML), path-style (`/<bucket>/<key>` on `s3.<region>.amazonaws.com`, which AWS
    /// still serves, and the only style a local endpoint on an IP address can take).
    public static let s3 = ServiceDescriptor(
        serviceId: "S3", signingName: "s3", endpointPrefix: "s3", wireProtocol: .restXML, apiVersion: "2006-03-01",
        usesS3Signing: true)

    public static let all: [ServiceDescriptor] = [
        .sts, .iam, .ec2, .ecs, .ecr, .elasticLoadBalancingV2, .rds, .elastiCache, .sqs, .dynamoDB,
        .cloudWatchLogs, .cloudWatch, .applicationAutoScaling, .secretsManager, .cloudFront, .resourceGroupsTagging,
        .serviceQuotas, .certificateManager, .route53, .s3,
    ]
}
