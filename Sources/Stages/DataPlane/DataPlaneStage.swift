import AWSClient
import Provisioning
import Stack

/// Stage 03-dataplane of one region: the commit queue and its DLQ, the seat-lock table.
struct DataPlaneStage {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage

    var region: RegionName { RegionName(target.name) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    static func address(_ region: RegionName, kind: String, name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .dataplane, kind: kind, name: name)
    }

    var deadLetterQueue: ResourceAddress { Self.address(region, kind: "sqs_queue", name: "commit-dlq") }
    var commitQueue: ResourceAddress { Self.address(region, kind: "sqs_queue", name: "commit") }
    var seatLockTable: ResourceAddress { Self.address(region, kind: "dynamodb_table", name: "seat-locks") }

    func resources() -> [any Resource] {
        let queue = stack.dataPlane.queue
        return [
            SQSQueueResource(
                address: deadLetterQueue, client: target.client, queueName: namer.fifoQueueName("commit-dlq"),
                settings: ["MessageRetentionPeriod": String(queue.deadLetterRetentionSeconds)], redrive: nil),
            SQSQueueResource(
                address: commitQueue, client: target.client, queueName: namer.fifoQueueName("commit"),
                settings: [
                    "VisibilityTimeout": String(queue.visibilityTimeoutSeconds),
                    "ReceiveMessageWaitTimeSeconds": String(queue.receiveWaitTimeSeconds),
                    "MessageRetentionPeriod": String(queue.messageRetentionSeconds),
                ],
                redrive: .init(deadLetterQueue: deadLetterQueue, maxReceiveCount: queue.maxReceiveCount)),
            SeatLockTableResource(
                address: seatLockTable, client: target.client, tableName: namer.name("seat-locks"),
                ttlAttribute: stack.dataPlane.seatLocks.ttlAttribute,
                pointInTimeRecovery: stack.dataPlane.seatLocks.pointInTimeRecovery),
        ]
    }

    func families() -> [any ResourceFamily] {
        let prefix = "\(stack.name)-\(target.config.region.shortName)-"
        return [
            SQSQueueFamily(region: region, client: target.client, namePrefix: prefix),
            DynamoDBTableFamily(region: region, client: target.client, namePrefix: prefix),
        ]
    }
}
