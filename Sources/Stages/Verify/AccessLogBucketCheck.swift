import AWSClient
import Stack

/// With `alb.accessLogs`, each region's log bucket name must be free or this account's bucket
/// in that region. S3 names are global: a name another account holds (HeadBucket 403), or one
/// of this account's buckets in another region, makes stage 05 fail, and ELB delivers only to a
/// bucket in the load balancer's region. A bucket not created yet is no finding; its policy and
/// settings are `plan`'s business (drift, which `up` puts back).
struct AccessLogBucketCheck {
    func findings(_ region: RegionVerification) async -> [VerifyFinding] {
        guard region.stack.loadBalancer.accessLogs.enabled else { return [] }
        let name = region.namer.accessLogBucketName(account: region.account)
        do {
            guard let found = try await S3(client: region.target.client).bucketRegion(name), found != region.region else { return [] }
            return [region.finding(.logs, "bucket \(name) is in \(found); the ALB's access logs need it in \(region.region)")]
        } catch let error as AWSError where error.httpStatus == 403 {
            return [region.finding(.logs, "bucket name \(name) belongs to another account (S3 names are global): stage 05 cannot create it")]
        } catch {
            return [region.finding(.logs, "bucket \(name) not checked: \(ImageDigestCheck.firstLine(error))")]
        }
    }
}
