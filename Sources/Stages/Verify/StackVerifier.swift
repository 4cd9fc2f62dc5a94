import AWSClient
import Stack

/// `tpsctl verify`: read-only checks of what would make a rollout of the stack fail, per
/// region — images, secrets and the execution role's access to them, role trust, target group
/// ports and health paths, account quotas, the access-log buckets' names — a placeholder domain,
/// and a production stack whose services would not check Aurora's certificate. Checks only what
/// exists: a stack not deployed yet has nothing to verify but its quotas (and its file).
public struct StackVerifier: Sendable {
    public let stack: Stack
    public let targets: [RegionTarget]
    public let shipping: ImageShipping
    public let images: ImageSource?

    public init(stack: Stack, targets: [RegionTarget], shipping: ImageShipping, images: ImageSource? = nil) {
        self.stack = stack
        self.targets = targets
        self.shipping = shipping
        self.images = images
    }

    public func findings() async throws -> [VerifyFinding] {
        guard let first = targets.first else { return [] }
        let account = try await STS(client: first.client).getCallerIdentity().account
        var regions: [RegionVerification] = []
        for target in targets {
            let ecs = ECS(client: target.client)
            var deployed: [DeployedTaskDefinition] = []
            for service in ServiceName.allCases {
                if let definition = try await DeployedTaskDefinition.latest(service, stack: stack, region: target.config.region, ecs: ecs) {
                    deployed.append(definition)
                }
            }
            regions.append(RegionVerification(stack: stack, target: target, account: account, deployed: deployed))
        }
        let digests = wantedDigests(regions)
        var findings = PlaceholderDomainCheck().findings(stack, region: first.name)
            + DatabaseTrustCheck().findings(stack, region: first.name)
        for region in regions {
            findings += await ImageDigestCheck(shipping: shipping).findings(region, digests: digests)
            findings += await TaskSecretCheck().findings(region)
            findings += await RoleTrustCheck().findings(region)
            findings += await TargetPortCheck().findings(region)
            findings += await AccountQuotaCheck().findings(region)
            findings += await AccessLogBucketCheck().findings(region)
        }
        return findings
    }

    /// Per service, each digest any region runs or `--image` gives, with who references it.
    func wantedDigests(_ regions: [RegionVerification]) -> [ServiceName: [String: String]] {
        var digests: [ServiceName: [String: String]] = [:]
        for region in regions {
            for definition in region.deployed {
                for image in definition.images {
                    guard let digest = ImageDigestCheck.digest(ofImage: image) else { continue }
                    digests[definition.service, default: [:]][digest] = digests[definition.service]?[digest]
                        ?? "task definition \(definition.reference) in \(region.region)"
                }
            }
        }
        if case .fixed(let references)? = images {
            for (service, reference) in references {
                guard let digest = ImageDigestCheck.digest(ofImage: reference) else { continue }
                digests[service, default: [:]][digest] = "--image"
            }
        }
        return digests
    }
}
