import AWSClient
import Foundation
import Provisioning
import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16: ALB access logs to S3, as a stage 05 option, against the local AWS: each region's
/// bucket as ALB delivery needs it, the load balancer's attributes, drift of both, and what
/// `down` does with the logs.
extension ServiceStages {
    @Suite("Stage 05's ALB access logs: the log bucket and the load balancer's attributes")
    struct AccessLogBucketTests {
        static func yaml(production: Bool) -> String {
            (production ? "production: true\n" : "") + """
                alb:
                  accessLogs: {enabled: true, prefix: edge/logs, retentionDays: 30}

                """
        }

        /// Each region, its short name and the ELB account AWS documents for its log delivery.
        static let regions = [("ap-northeast-1", "apne1", "582318560864"), ("ap-northeast-2", "apne2", "600734575887")]
        static let blockFields = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

        static func bucketAddress(_ region: String) -> ResourceAddress {
            ResourceAddress(region: RegionName(region), stage: .services, kind: "s3_bucket", name: "alb-logs")
        }

        static func loadBalancerAddress(_ region: String) -> ResourceAddress {
            ResourceAddress(region: RegionName(region), stage: .services, kind: "load_balancer", name: "main")
        }

        @Test("up makes each region's log bucket (ELB delivery's policy under the prefix, SSE-S3, public access blocked, expiry, the stack's tags) and turns the ALB's access logs on; a second plan changes nothing; policy, lifecycle, encryption and the attribute changed out of band show in plan and up puts them back; down empties and deletes the buckets")
        func bucketLifecycle() async throws {
            let test = try TestStack("alog", extraYAML: Self.yaml(production: false))
            defer { test.removeFiles() }
            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")
            let account = try await STS(client: try test.client("ap-northeast-1")).getCallerIdentity().account

            for (region, short, elbAccount) in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                let bucket = "\(test.name)-\(account)-\(short)-alb-logs"
                let policy = try #require(try await reads.bucketPolicy(bucket), "\(region): \(bucket) has no policy")
                let delivery = try #require(policy["Statement"]?.array?.first { $0["Sid"]?.string == "ELBAccessLogDelivery" }, "\(policy)")
                #expect(delivery["Effect"]?.string == "Allow")
                #expect(delivery["Principal"]?["AWS"]?.string == "arn:aws:iam::\(elbAccount):root", "\(region): \(delivery)")
                #expect(delivery["Action"]?.string == "s3:PutObject")
                #expect(delivery["Resource"]?.string == "arn:aws:s3:::\(bucket)/edge/logs/AWSLogs/\(account)/*")
                let encryption = try #require(try await reads.bucketXML(bucket, "encryption"))
                #expect(encryption.string("Rule", "ApplyServerSideEncryptionByDefault", "SSEAlgorithm") == "AES256")
                let block = try #require(try await reads.bucketXML(bucket, "publicAccessBlock"))
                for field in Self.blockFields { #expect(block.string(field) == "true", "\(region): \(field)") }
                let lifecycle = try #require(try await reads.bucketXML(bucket, "lifecycle"))
                #expect(lifecycle.children("Rule").count == 1)
                #expect(lifecycle.string("Rule", "Status") == "Enabled")
                #expect(lifecycle.string("Rule", "Expiration", "Days") == "30")
                let tagSet = try #require(try await reads.bucketXML(bucket, "tagging")).child("TagSet")?.children("Tag") ?? []
                let tags = Dictionary(tagSet.map { ($0.string("Key") ?? "", $0.string("Value") ?? "") }, uniquingKeysWith: { first, _ in first })
                #expect(tags["tps:stack"] == test.name && tags["tps:resource"] == "s3_bucket.alb-logs" && tags["project"] == "stages-tests",
                        "\(tags)")
                let alb = try #require(try await reads.loadBalancers()["\(test.name)-\(short)-alb"])
                let attributes = try await reads.loadBalancerAttributes(alb.arn)
                #expect(attributes["access_logs.s3.enabled"] == "true", "\(attributes)")
                #expect(attributes["access_logs.s3.bucket"] == bucket)
                #expect(attributes["access_logs.s3.prefix"] == "edge/logs")
            }
            let again = try await test.plan(to: "05")
            #expect(!again.hasChanges, "a second up would change: \(again.render())")

            // Out of band, in Tokyo: another policy, a shorter expiry, no default encryption, logs off.
            let tokyo = try test.client("ap-northeast-1")
            let bucket = "\(test.name)-\(account)-apne1-alb-logs"
            let s3 = S3(client: tokyo)
            try await s3.putBucketPolicy(bucket, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}]}"#)
            try await s3.putLifecycleRules(bucket, [S3.ExpirationRule(id: "tps-expire-access-logs", prefix: "", days: 1)])
            _ = try await tokyo.send(.s3, action: "DeleteBucketEncryption", request: AWSHTTPRequest(
                method: "DELETE", path: "/\(bucket)", query: [(name: "encryption", value: "")]))
            let reads = IndependentReads(client: tokyo, stack: test.name)
            let albArn = try #require(try await reads.loadBalancers()["\(test.name)-apne1-alb"]).arn
            try await ElasticLoadBalancingV2(client: tokyo).modifyLoadBalancerAttributes(albArn, ["access_logs.s3.enabled": "false"])

            let drifted = try await test.plan(to: "05")
            let bucketAction = try #require(drifted.action(for: Self.bucketAddress("ap-northeast-1")))
            #expect(bucketAction.kind == .update)
            #expect(Set(bucketAction.changes.map(\.field)) == ["policy", "lifecycle", "encryption"], "\(bucketAction.changes)")
            let balancerAction = try #require(drifted.action(for: Self.loadBalancerAddress("ap-northeast-1")))
            #expect(balancerAction.kind == .update)
            #expect(balancerAction.changes.map(\.field) == ["accessLogs.enabled"], "\(balancerAction.changes)")
            #expect(drifted.action(for: Self.bucketAddress("ap-northeast-2"))?.kind == .noop)

            let converged = try await test.up(to: "05")
            #expect(converged.succeeded, "up failed: \(converged.failures)")
            #expect(!(try await test.plan(to: "05")).hasChanges)
            #expect(try await reads.bucketXML(bucket, "lifecycle")?.string("Rule", "Expiration", "Days") == "30")
            #expect(try await reads.bucketXML(bucket, "encryption")?.string("Rule", "ApplyServerSideEncryptionByDefault", "SSEAlgorithm") == "AES256")
            #expect(try await reads.bucketPolicy(bucket)?["Statement"]?[0]?["Sid"]?.string == "ELBAccessLogDelivery")
            #expect(try await reads.loadBalancerAttributes(albArn)["access_logs.s3.enabled"] == "true")

            // A delivered log: down must empty the bucket before it can delete it.
            try await s3.putObject(bucket, key: "edge/logs/AWSLogs/\(account)/elasticloadbalancing/ap-northeast-1/x.log.gz", body: [1, 2, 3])
            let down = try await test.down()
            #expect(down.succeeded, "down failed: \(down.failures) left: \(down.leftovers)")
            for (region, short, _) in Self.regions {
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                #expect(try await !reads.bucketExists("\(test.name)-\(account)-\(short)-alb-logs"), "\(region): the bucket is gone")
            }
        }

        @Test("verify: a bucket of the stack's log bucket name in another region is one finding, before any up; S3 names are global")
        func verifyFindsTheNameTakenElsewhere() async throws {
            let test = try TestStack("alogv", images: false, extraYAML: Self.yaml(production: false))
            defer { test.removeFiles() }
            let account = try await STS(client: try test.client("ap-northeast-1")).getCallerIdentity().account
            let seoulName = "\(test.name)-\(account)-apne2-alb-logs"
            let tokyo = S3(client: try test.client("ap-northeast-1"))
            try await tokyo.createBucket(seoulName)
            let deployment = try test.deployment()
            let findings = try await StackVerifier(stack: deployment.stack, targets: try test.targets(deployment),
                                                   shipping: deployment.shipping).findings().filter { $0.check == .logs }
            #expect(findings.map(\.description) == [
                "ap-northeast-2: logs: bucket \(seoulName) is in ap-northeast-1; the ALB's access logs need it in ap-northeast-2",
            ])
            let plan = try? await test.plan(to: "05")
            #expect(plan == nil, "plan fails on the bucket elsewhere too")
            try await tokyo.emptyAndDeleteBucket(seoulName)
        }

        @Test("a production stack's down keeps the log buckets and their logs, and lists them beside Aurora's final snapshot")
        func productionKeepsLogs() async throws {
            let test = try TestStack("alogp", extraYAML: Self.yaml(production: true))
            defer { test.removeFiles() }
            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")
            let account = try await STS(client: try test.client("ap-northeast-1")).getCallerIdentity().account
            let key = "edge/logs/AWSLogs/\(account)/elasticloadbalancing/x.log.gz"
            for (region, short, _) in Self.regions {
                try await S3(client: try test.client(region)).putObject("\(test.name)-\(account)-\(short)-alb-logs", key: key, body: [1])
            }

            var deployment = try test.deployment()
            deployment.skipFinalSnapshot = true  // Aurora's snapshot is DataKeptTests' business
            let graph = try await deployment.graph(try test.targets(deployment))
            let kept = DataKept.lines(deployment, graph: graph)
            for (region, short, _) in Self.regions {
                #expect(kept.contains("production stack: keeps the ALB's access logs in \(region) in bucket "
                                      + "s3://\(test.name)-\(account)-\(short)-alb-logs (expiring after 30 days)"), "\(kept)")
            }
            let down = await deployment.engine(options: TestStack.fastOptions).destroy(graph, selection: deployment.selection)
            #expect(down.succeeded, "down failed: \(down.failures) left: \(down.leftovers)")

            for (region, short, _) in Self.regions {
                let bucket = "\(test.name)-\(account)-\(short)-alb-logs"
                let reads = IndependentReads(client: try test.client(region), stack: test.name)
                #expect(try await reads.bucketExists(bucket), "\(region): a production stack keeps its log bucket")
                let keys = try await reads.objectKeys(bucket)
                #expect(keys.contains(key), "\(region): with its logs: \(keys)")
                #expect(keys.contains("edge/logs/AWSLogs/\(account)/ELBAccessLogTestFile"), "ELB's test file: \(keys)")
                try await S3(client: try test.client(region)).emptyAndDeleteBucket(bucket)
            }
        }
    }
}
