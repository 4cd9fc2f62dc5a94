import AWSClient
import Provisioning
import Stack

/// Stage 05-services of one region: the internet-facing ALB (with `alb.accessLogs`, its log
/// bucket), a target group and path rule per
/// API, the HTTP listener (plus HTTPS when the region's ALB has a certificate: named in the stack,
/// or requested for `origin-<region>.<domain>`, with its alias record), and
/// the three ECS services on Fargate, which start only once the schema is migrated.
struct ServicesStage: StageContribution {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage
    /// The account, whose id the access-log bucket's name and policy carry.
    let account: String
    /// The schema-only migration run (built by `DatabaseInitStage`): every service depends on
    /// it, so no task starts against a database without its tables, and a release's new
    /// migrations are applied before its new task definitions roll out.
    let schemaMigration: any Resource
    /// Behind CloudFront: the header the path rules require (else the listener answers 403).
    var originSecret: OriginSecret? = nil

    var region: RegionName { RegionName(target.name) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    static func address(_ region: RegionName, _ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .services, kind: kind, name: name)
    }

    func address(_ kind: String, _ name: String) -> ResourceAddress { Self.address(region, kind, name) }

    var loadBalancer: Dependency<LoadBalancerResource.Outputs> { Self.loadBalancer(region) }

    /// The ALB, whose outputs stage 06's alarms and stage 07's distribution read.
    static func loadBalancer(_ region: RegionName) -> Dependency<LoadBalancerResource.Outputs> {
        Dependency(address(region, "load_balancer", "main"))
    }

    /// The region's access-log bucket (`alb.accessLogs`), which the ALB writes to.
    static func accessLogBucket(_ region: RegionName) -> Dependency<AccessLogBucketResource.Outputs> {
        Dependency(address(region, AccessLogBucketResource.kind, "alb-logs"))
    }

    /// With `alb.accessLogs` on: the bucket, else nothing.
    var accessLogBucket: AccessLogBucketResource? {
        let logs = stack.loadBalancer.accessLogs
        guard logs.enabled else { return nil }
        return AccessLogBucketResource(
            address: Self.accessLogBucket(region).address, client: target.client,
            bucket: namer.accessLogBucketName(account: account), account: account, prefix: logs.prefix,
            retentionDays: logs.retentionDays, production: stack.production)
    }

    /// An API's target group, whose `arnSuffix` stage 06's alarms and policies read.
    static func targetGroup(_ region: RegionName, _ service: ServiceName) -> Dependency<TargetGroupResource.Outputs> {
        Dependency(address(region, "target_group", service.rawValue))
    }

    static func ecsService(_ region: RegionName, _ service: ServiceName) -> Dependency<ECSServiceResource.Outputs> {
        Dependency(address(region, "ecs_service", service.rawValue))
    }
    var certificateArn: String? { stack.loadBalancer.certificateARNs[target.config.region] }
    /// The certificate tpsctl requests for this ALB: with `domain` and none named in `alb.certificateArns`.
    var requestedCertificate: Dependency<CertificateResource.Outputs>? {
        certificateArn == nil && stack.domain != nil ? Dependency(address("acm_certificate", "alb")) : nil
    }

    /// Whether `region`'s ALB answers HTTPS, its HTTP listener then only redirecting; CloudFront
    /// must then reach it over HTTPS (`DistributionDocument`).
    static func servesHTTPS(_ stack: Stack, region: AWSRegion) -> Bool {
        stack.loadBalancer.certificateARNs[region] != nil || stack.domain != nil
    }

    /// The HTTP listener's default: with HTTPS it only redirects, else what the routing listener
    /// answers a request no rule claims.
    static func httpDefaultAction(_ stack: Stack, region: AWSRegion) -> ElasticLoadBalancingV2.ListenerAction {
        servesHTTPS(stack, region: region) ? .redirect(.init(protocol: "HTTPS", port: "443")) : unmatchedAction(stack)
    }

    /// Behind CloudFront the rules require the origin header, so a request none claims is
    /// refused (403); without CloudFront it is a path no API serves (404).
    static func unmatchedAction(_ stack: Stack) -> ElasticLoadBalancingV2.ListenerAction {
        stack.cloudFront.enabled ? OriginSecret.refusal : ListenerResource.notFound
    }
    /// The listener the path rules hang on: HTTPS when there is a certificate.
    var routingListener: Dependency<ListenerResource.Outputs> {
        Dependency(address("listener", Self.servesHTTPS(stack, region: target.config.region) ? "https" : "http"))
    }

    /// Rule priorities: fixed, so a rule is found again by its priority.
    static func priority(_ service: ServiceName) -> Int { service == .publicAPI ? 10 : 20 }

    /// ECS waits at most this long for a service to become stable before `up` gives up.
    static let stabilityTimeout: Duration = .seconds(30 * 60)

    func resources() -> [any Resource] {
        let settings = stack.loadBalancer
        let logBucket = accessLogBucket
        var resources: [any Resource] = [
            schemaMigration,
            LoadBalancerResource(
                address: loadBalancer.address, client: target.client, name: namer.name("alb", limit: .loadBalancer),
                subnets: network.layout.zones.map { network.publicSubnet($0.index) },
                securityGroup: network.securityGroup("alb"), idleTimeoutSeconds: settings.idleTimeoutSeconds,
                accessLogBucket: logBucket.map { _ in Self.accessLogBucket(region) }, servedLocally: stack.local != nil),
            ListenerResource(
                address: address("listener", "http"), client: target.client, loadBalancer: loadBalancer,
                settings: .init(port: LoadBalancerResource.httpPort, listenerProtocol: "HTTP", certificateArn: nil, sslPolicy: nil,
                                defaultAction: Self.httpDefaultAction(stack, region: target.config.region))),
        ]
        if Self.servesHTTPS(stack, region: target.config.region) {
            resources.append(ListenerResource(
                address: address("listener", "https"), client: target.client, loadBalancer: loadBalancer,
                settings: .init(port: 443, listenerProtocol: "HTTPS", certificateArn: certificateArn,
                                sslPolicy: settings.sslPolicy, defaultAction: Self.unmatchedAction(stack)),
                certificate: requestedCertificate))
        }
        if let logBucket { resources.append(logBucket) }
        resources += domainResources()
        for service in ServiceName.allCases {
            let config = stack.service(service, in: target.config.region)
            var loadBalancing: ECSServiceResource.LoadBalancing?
            if let port = config.port, let path = config.healthPath, let prefix = service.pathPrefix {
                let group = Self.targetGroup(region, service)
                let rule = address("listener_rule", service.rawValue)
                resources.append(TargetGroupResource(
                    address: group.address, client: target.client, name: namer.name(service.rawValue, limit: .targetGroup),
                    port: port, vpc: network.vpc,
                    healthCheck: .init(path: path, intervalSeconds: settings.healthCheckIntervalSeconds,
                                       timeoutSeconds: max(2, min(5, settings.healthCheckIntervalSeconds - 1)),
                                       healthyThreshold: settings.healthyThreshold,
                                       unhealthyThreshold: settings.unhealthyThreshold, matcher: "200-399"),
                    deregistrationDelaySeconds: settings.deregistrationDelaySeconds))
                resources.append(ListenerRuleResource(
                    address: rule, client: target.client, listener: routingListener, targetGroup: group,
                    priority: Self.priority(service), pathPatterns: ["\(prefix)/*"], originSecret: originSecret))
                loadBalancing = .init(targetGroup: group, rule: rule, containerPort: port)
            }
            resources.append(ECSServiceResource(
                address: Self.ecsService(region, service).address, client: target.client, name: service.rawValue,
                config: config, cluster: ClusterStage.ecsCluster(region),
                taskDefinition: TaskDefinitionsStage.taskDefinition(region, named: service.rawValue),
                subnets: network.layout.zones.map { network.privateSubnet($0.index) },
                securityGroup: network.securityGroup(service.servesHTTP ? "api" : "worker"),
                loadBalancing: loadBalancing, schema: schemaMigration.address, stabilityTimeout: Self.stabilityTimeout))
        }
        return resources
    }

    /// With `domain`: the ALB's certificate for `origin-<region>.<domain>` (unless the stack names
    /// one) and, with a hosted zone, that name's alias record to the ALB.
    func domainResources() -> [any Resource] {
        guard let domain = stack.domain else { return [] }
        let originName = domain.originName(for: target.config.region)
        var resources: [any Resource] = []
        if let requestedCertificate {
            resources.append(CertificateResource(address: requestedCertificate.address, client: target.client, domainName: originName,
                                                 hostedZoneId: domain.hostedZoneId))
        }
        if let zone = domain.hostedZoneId {
            resources.append(AliasRecordResource(address: address("route53_record", "origin"), client: target.client,
                                                 hostedZoneId: zone, name: originName, target: .loadBalancer(loadBalancer)))
        }
        return resources
    }

    func sweeps() -> [KindSweep] {
        let prefix = NamePrefixScope(client: target.client, namePrefix: "\(stack.name)-\(target.config.region.shortName)-")
        return [
            KindSweep(ECSServiceResource.self, region: region, stage: .services,
                      scope: ClusterScope(client: target.client, region: region, clusterName: namer.name("cluster", limit: .ecsCluster))),
            KindSweep(LoadBalancerResource.self, region: region, stage: .services, scope: prefix),
            KindSweep(TargetGroupResource.self, region: region, stage: .services, scope: prefix),
            KindSweep(CertificateResource.self, region: region, stage: .services,
                      scope: CertificateResource.Scope(client: target.client, stage: .services)),
        ] + accessLogBucketSweep
    }

    /// The log bucket is swept (an orphan when no longer described, a leftover after `down`) on
    /// stacks that use access logs and do not keep their data: a production stack's logs stay,
    /// and a stack without the option has no S3 permissions in its deployer policy.
    var accessLogBucketSweep: [KindSweep] {
        guard stack.loadBalancer.accessLogs.enabled, !stack.production else { return [] }
        return [KindSweep(AccessLogBucketResource.self, region: region, stage: .services,
                          scope: .init(client: target.client, bucket: namer.accessLogBucketName(account: account)))]
    }
}
