import AWSClient
import ArgumentParser
import Provisioning
import Stages

/// One region's commit queue and its dead-letter queue, as stage 03 recorded them, with the
/// client to reach them: what `tpsctl dlq` works on. Everything is checked before a first AWS call.
struct CommitQueues: Sendable {
    let region: String
    let client: AWSClient
    let commitURL: String
    let deadLetterURL: String

    var sqs: SQS { SQS(client: client) }

    /// Exactly one region of the stack, and stage 03's state for it with both queues' URLs.
    static func recorded(_ options: DeploymentOptions, stateDirectory: String) async throws -> CommitQueues {
        guard options.regions.count == 1, !options.allRegions else {
            throw ValidationError("--region: name exactly one region of the stack (dlq works on one region's queues)")
        }
        let prepared = try options.prepare(options.request(stateDirectory: stateDirectory))
        guard let target = prepared.targets.first else {
            throw ValidationError("--region: name exactly one region of the stack")
        }
        let region = RegionName(target.name)
        let store = prepared.deployment.store
        let file = store.stageFile(region: region, stage: .dataplane).path
        guard try await store.stageState(region: region, stage: .dataplane) != nil else {
            throw ValidationError("\(file): no state recorded for stage 03-dataplane; "
                                  + "run `tpsctl up --stage 03 --region \(target.name)` first")
        }
        let outputs = try await store.outputs(region: region)
        func url(_ output: RecordedOutput) throws -> String {
            guard let value = output.value(in: outputs), !value.isEmpty else {
                throw ValidationError("\(file): no \(output.name) recorded for \(output.address.kind).\(output.address.name); "
                                      + "run `tpsctl up --stage 03 --region \(target.name)`")
            }
            return value
        }
        return CommitQueues(region: target.name, client: target.client,
                            commitURL: try url(.commitQueueURL(in: region)),
                            deadLetterURL: try url(.deadLetterQueueURL(in: region)))
    }

    /// ApproximateNumberOfMessages of the dead-letter queue (visible ones; SQS's estimate).
    func deadLetterDepth() async throws -> Int {
        let attributes = try await sqs.getQueueAttributes(queueUrl: deadLetterURL, names: ["ApproximateNumberOfMessages"])
        return attributes["ApproximateNumberOfMessages"].flatMap(Int.init) ?? 0
    }
}
