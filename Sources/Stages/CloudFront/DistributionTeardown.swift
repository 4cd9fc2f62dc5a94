import AWSClient
import Provisioning

/// CloudFront deletes only a disabled distribution whose change has finished deploying:
/// disable it (If-Match the current ETag), wait for `Deployed`, then delete with the ETag the
/// disabling produced. Each step re-reads, so a teardown interrupted anywhere resumes.
enum DistributionTeardown {
    static func delete(_ cloudFront: CloudFront, id: String, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringCloudFrontNotFound {
            var (config, etag) = try await cloudFront.getDistributionConfig(id: id)
            if config.string("Enabled") == "true" {
                config.children = config.children.map { $0.name == "Enabled" ? .leaf("Enabled", "false") : $0 }
                _ = try await cloudFront.updateDistribution(id: id, config: config, ifMatch: etag)
            }
            try await waitDeployed(cloudFront, id: id, context: context)
            etag = try await cloudFront.getDistributionConfig(id: id).etag
            try await cloudFront.deleteDistribution(id: id, ifMatch: etag)
        }
    }

    /// Waits until the distribution's last change reached every edge location.
    @discardableResult
    static func waitDeployed(_ cloudFront: CloudFront, id: String, context: ResourceContext) async throws
        -> CloudFront.Distribution
    {
        try await context.wait(for: "distribution \(id) Deployed", timeout: .seconds(45 * 60)) {
            let distribution = try await cloudFront.getDistribution(id: id)
            return distribution.summary.status == "Deployed" ? .done(distribution) : .pending(distribution.summary.status)
        }
    }
}
