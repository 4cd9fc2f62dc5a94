import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing

/// The typed outputs read and write the keys `infra/out` has always had: a state directory the
/// string-keyed version wrote still feeds `.env.generated` and the commands, unchanged.
@Suite("Recorded state of the previous version reads through the typed outputs")
struct RecordedStateCompatibilityTests {
    static let region = RegionName("ap-northeast-1")
    static let arn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret"

    /// Part of a `03-dataplane.json` as the string-keyed version recorded it.
    static let dataplaneFile = """
    {
      "region" : "ap-northeast-1",
      "resources" : {
        "rds_cluster.main" : {
          "applied" : {}, "kind" : "rds_cluster", "name" : "main",
          "outputs" : {
            "arn" : "arn:aws:rds:ap-northeast-1:123456789012:cluster:old-apne1-aurora",
            "clusterId" : "old-apne1-aurora", "databaseName" : "ticketing",
            "masterUserSecretArn" : "\(arn):rds!cluster-1", "masterUsername" : "tps_admin", "port" : "5432",
            "readerEndpoint" : "old-apne1-aurora.cluster-ro-x.ap-northeast-1.rds.amazonaws.com",
            "writerEndpoint" : "old-apne1-aurora.cluster-x.ap-northeast-1.rds.amazonaws.com"
          },
          "recordedAt" : "2026-12-07T05:45:00Z"
        },
        "redis_replication_group.main" : {
          "applied" : {}, "kind" : "redis_replication_group", "name" : "main",
          "outputs" : {
            "arn" : "arn:aws:elasticache:ap-northeast-1:123456789012:replicationgroup:old-apne1-redis",
            "host" : "master.old-apne1-redis.x.apne1.cache.amazonaws.com", "port" : "6379", "readerHost" : "",
            "replicationGroupId" : "old-apne1-redis", "transitEncryption" : "true"
          },
          "recordedAt" : "2026-12-07T05:45:00Z"
        },
        "secret.payment-webhook-secret" : {
          "applied" : {}, "kind" : "secret", "name" : "payment-webhook-secret",
          "outputs" : {
            "secret" : { "secretArn" : "\(arn):old-apne1-payment-webhook-secret-a" },
            "secretName" : "old-apne1-payment-webhook-secret"
          },
          "recordedAt" : "2026-12-07T05:45:00Z"
        },
        "sqs_queue.commit" : {
          "applied" : {}, "kind" : "sqs_queue", "name" : "commit",
          "outputs" : {
            "queueArn" : "arn:aws:sqs:ap-northeast-1:123456789012:old-apne1-commit.fifo",
            "queueName" : "old-apne1-commit.fifo",
            "queueUrl" : "http://127.0.0.1:4566/123456789012/old-apne1-commit.fifo"
          },
          "recordedAt" : "2026-12-07T05:45:00Z"
        }
      },
      "stack" : "old",
      "stage" : "03-dataplane"
    }
    """

    static func recorded() async throws -> RecordedOutputs {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent(region.rawValue)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(dataplaneFile.utf8).write(to: directory.appendingPathComponent("03-dataplane.json"))
        return try await StateStore(root: root).outputs(region: region)
    }

    @Test("the environment and the commands read the old file's values, secrets as references")
    func oldFileReads() async throws {
        let recorded = try await Self.recorded()
        let stack = try StackLoader.load(yaml: """
        stack: old
        regions:
          - name: ap-northeast-1
            cidr: 10.10.0.0/16
        """, file: "old.yaml")
        let section = try ServiceEnvironment.projection(stack: stack, endpointURL: nil)(recorded)
        #expect(section.values[.commitQueueURL] == "http://127.0.0.1:4566/123456789012/old-apne1-commit.fifo")
        #expect(section.values[.redisHost] == "master.old-apne1-redis.x.apne1.cache.amazonaws.com")
        #expect(section.values[.redisPort] == "6379" && section.values[.redisTLS] == "true")
        #expect(section.values[.dbHost] == "old-apne1-aurora.cluster-x.ap-northeast-1.rds.amazonaws.com")
        #expect(section.values[.dbName] == "ticketing" && section.values[.dbUser] == "tps_admin")
        #expect(section.secrets[.paymentWebhookSecret]?.arn == "\(Self.arn):old-apne1-payment-webhook-secret-a")
        #expect(section.secrets[.dbPassword]?.arn == "\(Self.arn):rds!cluster-1:password::")
        #expect(section.values[.commitDLQURL] == nil, "a resource the file lacks leaves its key out")
        #expect(RecordedOutput.paymentWebhookSecretARN(in: Self.region).value(in: recorded)
            == "\(Self.arn):old-apne1-payment-webhook-secret-a")
        #expect(RecordedOutput.commitQueueURL(in: Self.region).name == "queueUrl")
    }

    @Test("typed outputs record the old keys: a secret as {secretArn}, an absent optional not at all")
    func typedOutputsRecordOldKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ outputs: ResourceOutputs) throws -> String { String(decoding: try encoder.encode(outputs), as: UTF8.self) }
        let secret = StackSecretResource.Outputs(secretName: "s", secret: SecretReference(arn: "\(Self.arn):s-a"))
        #expect(try json(secret.recorded) == #"{"secret":{"secretArn":"\#(Self.arn):s-a"},"secretName":"s"}"#)
        let balancer = LoadBalancerResource.Outputs(arn: "a", dnsName: "d", arnSuffix: "app/x", securityGroupId: "sg",
                                                    canonicalHostedZoneId: "z", url: nil)
        #expect(balancer.recorded.keys == ["arn", "arnSuffix", "canonicalHostedZoneId", "dnsName", "securityGroupId"])
    }
}
