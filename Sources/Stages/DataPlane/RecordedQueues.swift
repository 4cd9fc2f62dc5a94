import Provisioning

/// Where stage 03 records the commit queue and its dead-letter queue (outputs `queueUrl`,
/// `queueArn`, `queueName`), for the commands that work on their messages: `tpsctl dlq`.
public enum RecordedQueues {
    public static func commit(in region: RegionName) -> ResourceAddress {
        DataPlaneStage.address(region, kind: "sqs_queue", name: "commit")
    }

    public static func deadLetters(in region: RegionName) -> ResourceAddress {
        DataPlaneStage.address(region, kind: "sqs_queue", name: "commit-dlq")
    }
}
