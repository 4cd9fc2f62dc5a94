import AWSClient
import Provisioning
import Stack

/// The least-privilege identity policy of whoever runs `tpsctl up`, `down`, `e2e` and `load` on
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

    /// `arn:<partition>:<service>:<region>:<account>:<resource>` for each of the stack's regions;
    /// `resource` gets the region's short name (apne1).
    func regional(_ service: String, _ resource: (String) -> String) -> [String] {
        stack.regions.map { "arn:\(partition):\(service):\($0.region.name):\(account):\(resource($0.region.shortName))" }
    }

    var inStackRegions: JSONValue { ["StringEquals": ["aws:RequestedRegion": .array(regions.map { .string($0) })]] }
    var taggedForStack: JSONValue { ["StringEquals": ["aws:ResourceTag/\(ResourceTags.stackKey)": .string(name)]] }
    var creatingForStack: JSONValue { ["StringEquals": ["aws:RequestTag/\(ResourceTags.stackKey)": .string(name)]] }

    public var statements: [Statement] {
        [
            Statement(sid: "UnscopableReadsAndRegistrations", actions: [
                "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                "ec2:DescribeRouteTables", "ec2:DescribeInternetGateways", "ec2:DescribeNatGateways",
                "ec2:DescribeAddresses", "ec2:DescribeVpcEndpoints", "ec2:DescribeAvailabilityZones",
                "ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:DeregisterTaskDefinition",
                "ecs:DeleteTaskDefinitions", "ecs:ListTaskDefinitions",
                "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags",
                "application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget",
                "application-autoscaling:DescribeScalableTargets", "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy", "application-autoscaling:DescribeScalingPolicies",
                "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
                "ecr:GetAuthorizationToken", "secretsmanager:GetRandomPassword", "logs:DescribeLogGroups",
                "dynamodb:ListTables", "servicequotas:GetServiceQuota", "tag:GetResources",
                "rds:DescribeDBProxies", "rds:DescribeDBProxyTargetGroups", "rds:DescribeDBProxyTargets",
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
                "ec2:CreateTags", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute",
                "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress",
                "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress",
                "ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway",
                "ec2:DeleteNatGateway", "ec2:ReleaseAddress", "ec2:AssociateAddress", "ec2:DisassociateAddress",
                "ec2:DeleteRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute",
                "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
                "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints",
            ], resources: regional("ec2") { _ in "*/*" }, condition: taggedForStack),
            Statement(sid: "Repositories", actions: [
                "ecr:CreateRepository", "ecr:DeleteRepository", "ecr:DescribeRepositories", "ecr:ListTagsForResource",
                "ecr:TagResource", "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability",
                "ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy", "ecr:BatchDeleteImage", "ecr:DescribeImages",
                "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            ], resources: regional("ecr") { _ in "repository/\(name)/*" }),
            Statement(sid: "ClustersServicesTasks", actions: [
                "ecs:CreateCluster", "ecs:DeleteCluster", "ecs:DescribeClusters", "ecs:PutClusterCapacityProviders",
                "ecs:UpdateClusterSettings", "ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService",
                "ecs:DescribeServices", "ecs:RunTask", "ecs:DescribeTasks", "ecs:StopTask", "ecs:ListTasks",
                "ecs:TagResource", "ecs:UntagResource", "ecs:ListTagsForResource",
            ], resources: regional("ecs") { "cluster/\(name)-\($0)-*" } + regional("ecs") { "service/\(name)-\($0)-*/*" }
                + regional("ecs") { "task/\(name)-\($0)-*/*" } + regional("ecs") { "task-definition/\(name)-\($0)-*:*" }
                + regional("ecs") { "container-instance/\(name)-\($0)-*/*" }),
            Statement(sid: "LoadBalancers", actions: [
                "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets", "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
            ], resources: regional("elasticloadbalancing") { "loadbalancer/app/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "targetgroup/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "listener/app/\(name)-\($0)-*/*" }
                + regional("elasticloadbalancing") { "listener-rule/app/\(name)-\($0)-*/*" }),
            Statement(sid: "DatabaseByName", actions: [
                "rds:CreateDBCluster", "rds:DeleteDBCluster", "rds:ModifyDBCluster", "rds:DescribeDBClusters",
                "rds:CreateDBInstance", "rds:DeleteDBInstance", "rds:DescribeDBInstances",
                "rds:CreateDBSubnetGroup", "rds:DeleteDBSubnetGroup", "rds:ModifyDBSubnetGroup", "rds:DescribeDBSubnetGroups",
                "rds:AddTagsToResource", "rds:ListTagsForResource",
            ], resources: regional("rds") { "cluster:\(name)-\($0)-*" } + regional("rds") { "db:\(name)-\($0)-*" }
                + regional("rds") { "subgrp:\(name)-\($0)-*" } + regional("rds") { _ in "cluster-pg:default.*" }
                + regional("rds") { _ in "pg:default.*" }),
            Statement(sid: "DatabaseProxiesByTag", actions: [
                "rds:CreateDBProxy", "rds:DeleteDBProxy", "rds:RegisterDBProxyTargets", "rds:DeregisterDBProxyTargets",
                "rds:ModifyDBProxyTargetGroup", "rds:AddTagsToResource", "rds:ListTagsForResource",
            ], resources: regional("rds") { _ in "db-proxy:*" } + regional("rds") { _ in "target-group:*" },
                      condition: ["StringEquals": ["aws:ResourceTag/\(ResourceTags.stackKey)": .string(name)]]),
            Statement(sid: "DatabaseProxyCreate", actions: ["rds:CreateDBProxy", "rds:AddTagsToResource"],
                      resources: regional("rds") { _ in "db-proxy:*" }, condition: creatingForStack),
            Statement(sid: "Redis", actions: [
                "elasticache:CreateReplicationGroup", "elasticache:DeleteReplicationGroup",
                "elasticache:ModifyReplicationGroup", "elasticache:DescribeReplicationGroups",
                "elasticache:CreateCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup",
                "elasticache:ModifyCacheSubnetGroup", "elasticache:DescribeCacheSubnetGroups",
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
            ], resources: regional("secretsmanager") { "secret:\(name)-\($0)-*" }),
            Statement(sid: "Alarms", actions: [
                "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:ListTagsForResource",
                "cloudwatch:TagResource",
            ], resources: regional("cloudwatch") { "alarm:\(name)-\($0)-*" }),
            Statement(sid: "Roles", actions: [
                "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
                "iam:UntagRole", "iam:ListRoleTags", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy",
                "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy",
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
            Statement(sid: "DistributionCreate", actions: ["cloudfront:CreateDistribution", "cloudfront:CreateDistributionWithTags",
                                                           "cloudfront:TagResource"],
                      resources: ["arn:\(partition):cloudfront::\(account):distribution/*"], condition: creatingForStack),
            Statement(sid: "DistributionOfTheStack", actions: [
                "cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution",
                "cloudfront:DeleteDistribution", "cloudfront:ListTagsForResource", "cloudfront:TagResource",
            ], resources: ["arn:\(partition):cloudfront::\(account):distribution/*"], condition: taggedForStack),
            Statement(sid: "DistributionList", actions: ["cloudfront:ListDistributions"], resources: ["*"]),
        ]
    }
}
