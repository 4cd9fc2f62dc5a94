import AWSClient
import Provisioning
import Stack

/// The least-privilege identity policy of whoever runs `tpsctl up`, `down`, `e2e`, `load` and `rotate` on
/// one stack (a CI deploy role, a person): each action on the ARNs of the stack's own names
/// (`<stack>-<region>-…`, `<stack>/…`, `/tps/<stack>/…`) or, where AWS names resources by
/// generated ids (EC2, RDS proxies, CloudFront distributions), on resources tagged
/// `tps:stack=<stack>` and creates carrying that tag. `Resource: "*"` is left only to actions
/// AWS does not scope to resources (Describe/List calls, task definitions, Auto Scaling
/// targets, GetMetricData, GetAuthorizationToken…), and those are limited to the stack's regions.
public struct DeployerPolicy: Sendable {
    public let stack: Stack
    public let account: String
    public var partition = "aws"

    /// IAM's limit for all of a role's inline policies together, whitespace not counted.
    public static let inlineLimit = 10_240

    public init(stack: Stack, account: String) {
        self.stack = stack
        self.account = account
    }

    /// The policy document.
    public var document: JSONValue {
        ["Version": "2012-10-17", "Statement": .array(statements.map(\.json))]
    }

    /// One statement: `sid` says what it is for.
    public struct Statement: Sendable {
        public let sid: String
        public let actions: [String]
        public let resources: [String]
        public var condition: JSONValue? = nil

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "Sid": .string(sid), "Effect": "Allow",
                "Action": .array(actions.map { .string($0) }),
                "Resource": resources == ["*"] ? "*" : .array(resources.map { .string($0) }),
            ]
            if let condition { object["Condition"] = condition }
            return .object(object)
        }
    }

    var name: String { stack.name }
    var regions: [String] { stack.regions.map(\.region.name) }
    var shortNames: [String] { stack.regions.map(\.region.shortName) }

    /// `arn:<partition>:<service>:*:<account>:<resource>`, `resource` given `*` for the region's
    /// short name (`<stack>-*-queue`): one ARN for all regions, which keeps the policy within
    /// IAM's 10,240-character inline limit; the names still carry the stack's.
    func regional(_ service: String, _ resource: (String) -> String) -> [String] {
        ["arn:\(partition):\(service):*:\(account):\(resource("*"))"]
    }

    var inStackRegions: JSONValue { ["StringEquals": ["aws:RequestedRegion": .array(regions.map { .string($0) })]] }
    var taggedForStack: JSONValue { ["StringEquals": ["aws:ResourceTag/\(ResourceTags.stackKey)": .string(name)]] }
    var creatingForStack: JSONValue { ["StringEquals": ["aws:RequestTag/\(ResourceTags.stackKey)": .string(name)]] }

    public var statements: [Statement] {
        [
            Statement(sid: "UnscopableReadsAndRegistrations", actions: [
                "ec2:Describe*",
                "ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:DeregisterTaskDefinition",
                "ecs:DeleteTaskDefinitions", "ecs:ListTaskDefinitions",
                "elasticloadbalancing:Describe*",
                "application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget",
                "application-autoscaling:Describe*", "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy",
                "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
                "ecr:GetAuthorizationToken", "ecr:DescribeRepositories", "secretsmanager:GetRandomPassword",
                "logs:DescribeLogGroups",
                "dynamodb:ListTables", "servicequotas:GetServiceQuota", "tag:GetResources",
                "rds:DescribeDBProxies", "rds:DescribeDBProxyTargetGroups", "rds:DescribeDBProxyTargets",
                "elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheSubnetGroups",
                "rds:DescribeDBClusters", "rds:DescribeDBInstances", "rds:DescribeDBSubnetGroups",
                "rds:DescribeDBClusterSnapshots",
            ], resources: ["*"], condition: inStackRegions),
            Statement(sid: "CreateTaggedNetwork", actions: [
                "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateSecurityGroup", "ec2:CreateInternetGateway",
                "ec2:CreateNatGateway", "ec2:AllocateAddress", "ec2:CreateRouteTable", "ec2:CreateVpcEndpoint",
            ], resources: regional("ec2") { _ in "*/*" }, condition: creatingForStack),
            Statement(sid: "TagOnCreate", actions: ["ec2:CreateTags"], resources: regional("ec2") { _ in "*/*" },
                      condition: ["StringEquals": [
                        "ec2:CreateAction": ["CreateVpc", "CreateSubnet", "CreateSecurityGroup", "CreateInternetGateway",
                                             "CreateNatGateway", "AllocateAddress", "CreateRouteTable", "CreateVpcEndpoint"],
                      ]]),
            Statement(sid: "ChangeTaggedNetwork", actions: [
                "ec2:CreateTags", "ec2:Delete*", "ec2:Modify*", "ec2:Authorize*", "ec2:Revoke*", "ec2:Attach*",
                "ec2:Detach*", "ec2:Associate*", "ec2:Disassociate*", "ec2:ReleaseAddress", "ec2:CreateRoute",
                "ec2:ReplaceRoute",
            ], resources: regional("ec2") { _ in "*/*" }, condition: taggedForStack),
            Statement(sid: "Repositories", actions: [
                "ecr:CreateRepository", "ecr:DeleteRepository", "ecr:ListTagsForResource",
                "ecr:TagResource", "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability",
                "ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy", "ecr:BatchDeleteImage", "ecr:DescribeImages",
                "ecr:*Layer*", "ecr:PutImage", "ecr:BatchGetImage",
            ], resources: regional("ecr") { _ in "repository/\(name)/*" }),
            Statement(sid: "ClustersServicesTasks", actions: [
                "ecs:CreateCluster", "ecs:DeleteCluster", "ecs:DescribeClusters", "ecs:PutClusterCapacityProviders",
                "ecs:UpdateClusterSettings", "ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService",
                "ecs:DescribeServices", "ecs:RunTask", "ecs:DescribeTasks", "ecs:StopTask", "ecs:ListTasks",
                "ecs:TagResource", "ecs:UntagResource", "ecs:ListTagsForResource",
            ], resources: regional("ecs") { "cluster/\(name)-\($0)-*" } + regional("ecs") { "service/\(name)-\($0)-*/*" }
                + regional("ecs") { "task/\(name)-\($0)-*/*" } + regional("ecs") { "task-definition/\(name)-\($0)-*:*" }
                + regional("ecs") { "container-instance/\(name)-\($0)-*/*" }),
            // Verb wildcards only where the resources are the stack's own: Create*/Delete*/Modify*
            // of its load balancers, target groups, listeners and rules, nothing else.
            Statement(sid: "LoadBalancers", actions: [
                "elasticloadbalancing:Create*", "elasticloadbalancing:Delete*", "elasticloadbalancing:Modify*",
                "elasticloadbalancing:Set*", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
            ], resources: regional("elasticloadbalancing") { "loadbalancer/app/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "targetgroup/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "listener/app/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "listener-rule/app/\(name)-\($0)-*/*" }),
            Statement(sid: "DatabaseByName", actions: [
                "rds:CreateDBCluster", "rds:DeleteDBCluster", "rds:ModifyDBCluster",
                "rds:CreateDBInstance", "rds:DeleteDBInstance",
                "rds:CreateDBSubnetGroup", "rds:DeleteDBSubnetGroup", "rds:ModifyDBSubnetGroup",
                "rds:AddTagsToResource", "rds:ListTagsForResource",
            ], resources: regional("rds") { "cluster:\(name)-\($0)-*" } + regional("rds") { "db:\(name)-\($0)-*" }
                + regional("rds") { "subgrp:\(name)-\($0)-*" } + regional("rds") { _ in "cluster-pg:default.*" }
                + regional("rds") { _ in "pg:default.*" }),
            Statement(sid: "Redis", actions: [
                "elasticache:CreateReplicationGroup", "elasticache:DeleteReplicationGroup",
                "elasticache:ModifyReplicationGroup",
                "elasticache:CreateCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup",
                "elasticache:ModifyCacheSubnetGroup",
                "elasticache:AddTagsToResource", "elasticache:ListTagsForResource",
            ], resources: regional("elasticache") { "replicationgroup:\(name)-\($0)-*" }
                + regional("elasticache") { "cluster:\(name)-\($0)-*" } + regional("elasticache") { "subnetgroup:\(name)-\($0)-*" }
                + regional("elasticache") { _ in "parametergroup:default.*" } + regional("elasticache") { _ in "user:default" }),
            Statement(sid: "Queues", actions: [
                "sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:GetQueueUrl",
                "sqs:ListQueueTags", "sqs:TagQueue", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
            ], resources: regional("sqs") { "\(name)-\($0)-*" }),
            Statement(sid: "Tables", actions: [
                "dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable", "dynamodb:UpdateTable",
                "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive", "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups", "dynamodb:ListTagsOfResource", "dynamodb:TagResource",
                "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
            ], resources: regional("dynamodb") { "table/\(name)-\($0)-*" }),
            Statement(sid: "DeployLease", actions: [
                "dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:TagResource",
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
            ], resources: ["arn:\(partition):dynamodb:\(stack.homeRegion.name):\(account):table/\(DeployLease.defaultTable)"]),
            Statement(sid: "Logs", actions: [
                "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:ListTagsLogGroup",
                "logs:TagLogGroup", "logs:TagResource", "logs:ListTagsForResource", "logs:GetLogEvents",
            ], resources: regional("logs") { "log-group:/tps/\(name)/\($0)/*" }),
            Statement(sid: "Secrets", actions: [
                "secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret",
                "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:TagResource",
                "secretsmanager:UpdateSecretVersionStage",  // rotate origin-secret
            ], resources: regional("secretsmanager") { "secret:\(name)-\($0)-*" }),
            Statement(sid: "Alarms", actions: [
                "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:ListTagsForResource",
                "cloudwatch:TagResource",
            ], resources: regional("cloudwatch") { "alarm:\(name)-\($0)-*" }),
            Statement(sid: "Roles", actions: [
                "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
                "iam:UntagRole", "iam:ListRoleTags", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy",
                "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy",
                "iam:SimulatePrincipalPolicy",
            ], resources: ["arn:\(partition):iam::\(account):role/\(name)-*"]),
            Statement(sid: "AttachOnlyTheTaskExecutionPolicy", actions: ["iam:AttachRolePolicy"],
                      resources: ["arn:\(partition):iam::\(account):role/\(name)-*"],
                      condition: ["ArnEquals": ["iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]]),
            Statement(sid: "PassRolesToTasksAndProxies", actions: ["iam:PassRole"],
                      resources: ["arn:\(partition):iam::\(account):role/\(name)-*"],
                      condition: ["StringEquals": ["iam:PassedToService": ["ecs-tasks.amazonaws.com", "rds.amazonaws.com"]]]),
            Statement(sid: "ServiceLinkedRoles", actions: ["iam:CreateServiceLinkedRole"], resources: ["*"],
                      condition: ["StringEquals": ["iam:AWSServiceName": [
                        "ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com",
                        "elasticache.amazonaws.com", "ecs.application-autoscaling.amazonaws.com",
                      ]]]),
            createTagged,
            changeTagged,
            // Global services' listings (their requests name us-east-1, not the stack's regions).
            Statement(sid: "GlobalListings", actions: ["cloudfront:ListDistributions", "iam:ListRoles"]
                + (stack.domain != nil ? ["acm:ListCertificates"] : []) + (stack.waf.enabled ? ["wafv2:ListWebACLs"] : []),
                      resources: ["*"]),
        ] + records + webACL + finalSnapshots + accessLogBuckets
    }

    // Resources AWS names by generated ids — RDS proxies, CloudFront distributions and (with a
    // `domain`) ACM certificates in the stack's regions and us-east-1: created only carrying the
    // stack's tag, then used only while tagged with it. One statement per condition, not per
    // service (an action matches only its own service's ARNs), keeps the document under IAM's
    // 10,240-character inline limit.
    var proxyARNs: [String] { regional("rds") { _ in "db-proxy:*" } }
    var distributionARNs: [String] { ["arn:\(partition):cloudfront::\(account):distribution/*"] }
    var certificateARNs: [String] { stack.domain == nil ? [] : ["arn:\(partition):acm:*:\(account):certificate/*"] }

    var createTagged: Statement {
        Statement(sid: "CreateTagged", actions: [
            "rds:CreateDBProxy", "rds:AddTagsToResource",
            "cloudfront:CreateDistribution", "cloudfront:CreateDistributionWithTags", "cloudfront:TagResource",
        ] + (certificateARNs.isEmpty ? [] : ["acm:RequestCertificate", "acm:AddTagsToCertificate"]),
                  resources: proxyARNs + distributionARNs + certificateARNs, condition: creatingForStack)
    }

    var changeTagged: Statement {
        Statement(sid: "ChangeTagged", actions: [
            "rds:CreateDBProxy", "rds:DeleteDBProxy", "rds:RegisterDBProxyTargets", "rds:DeregisterDBProxyTargets",
            "rds:ModifyDBProxyTargetGroup", "rds:AddTagsToResource", "rds:ListTagsForResource",
            "cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution",
            "cloudfront:DeleteDistribution", "cloudfront:ListTagsForResource", "cloudfront:TagResource",
        ] + (certificateARNs.isEmpty ? [] : ["acm:DescribeCertificate", "acm:DeleteCertificate",
                                             "acm:ListTagsForCertificate", "acm:AddTagsToCertificate"]),
                  resources: proxyARNs + regional("rds") { _ in "target-group:*" } + distributionARNs + certificateARNs,
                  condition: taggedForStack)
    }

    /// With `domain.hostedZoneId`: that zone's records (validation CNAMEs, aliases) only.
    var records: [Statement] {
        guard let zone = stack.domain?.hostedZoneId else { return [] }
        return [Statement(sid: "ZoneRecords", actions: [
            "route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets",
        ], resources: ["arn:\(partition):route53:::hostedzone/\(zone)"])]
    }

    /// With `waf.enabled`: the stack's web ACL (CLOUDFRONT scope, us-east-1) and the managed rule
    /// groups it names.
    var webACL: [Statement] {
        guard stack.waf.enabled else { return [] }
        return [Statement(sid: "WebACL", actions: [
            "wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:DeleteWebACL",
            "wafv2:TagResource", "wafv2:ListTagsForResource",
        ], resources: ["arn:\(partition):wafv2:us-east-1:\(account):global/webacl/\(name)-edge/*",
                       "arn:\(partition):wafv2:us-east-1:\(account):global/managedruleset/*/*"])]
    }

    /// With `alb.accessLogs`: the stack's log buckets, by name (`<stack>-<account>-<region>-alb-logs`):
    /// the bucket-level actions (`*Bucket*`: create, HeadBucket and ListObjects as `ListBucket`,
    /// tags, public access block, policy, delete) and their encryption and lifecycle
    /// (`*Configuration`) — wildcards, since spelling the twelve actions out passes IAM's inline
    /// limit on the production stack, and limited to these buckets. Objects only where `down`
    /// empties the buckets: not on a production stack, which keeps its logs.
    var accessLogBuckets: [Statement] {
        guard stack.loadBalancer.accessLogs.enabled else { return [] }
        let bucket = "arn:\(partition):s3:::\(name)-\(account)-*-alb-logs"
        return [Statement(sid: "LogBuckets", actions: ["s3:*Bucket*", "s3:*Configuration"] + (stack.production ? [] : ["s3:DeleteObject"]),
                          resources: [bucket] + (stack.production ? [] : [bucket + "/*"]))]
    }

    /// On a `production` stack, `down` deletes Aurora through a final snapshot it keeps.
    var finalSnapshots: [Statement] {
        guard stack.production else { return [] }
        return [Statement(sid: "FinalSnapshots", actions: ["rds:CreateDBClusterSnapshot", "rds:AddTagsToResource"],
                          resources: regional("rds") { "cluster-snapshot:\(name)-\($0)-*" }
                            + regional("rds") { "cluster:\(name)-\($0)-*" })]
    }
}
