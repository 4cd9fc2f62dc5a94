import AWSClient
import FoundationEssentials
import Logging
import ServiceLifecycle

/// Long-polls the commit queue and works each batch. FIFO order holds per message group (one
/// event): a group's messages run one after another, groups run side by side. While a batch is
/// in progress a heartbeat extends the visibility of its unfinished messages, so a slow
/// transaction is never handed to a second worker. On graceful shutdown (SIGTERM) the pending
/// long poll is cancelled, the batch in hand is finished, and `run` returns.
public struct CommitConsumer: Service {
    let sqs: SQS
    let configuration: WorkerConfiguration
    let processor: CommitProcessor
    let logger: Logger

    init(sqs: SQS, configuration: WorkerConfiguration, processor: CommitProcessor, logger: Logger) {
        self.sqs = sqs
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
    }

    public func run() async throws {
        let (visibility, maxReceiveCount) = try await queueSettings()
        logger.info("consuming", metadata: ["queue": "\(configuration.queueURL)", "visibilitySeconds": "\(visibility)",
                                            "maxReceiveCount": "\(maxReceiveCount.map(String.init) ?? "none")"])
        var failures = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let batch: [SQS.ReceivedMessage]
            do {
                let sqs = self.sqs, configuration = self.configuration
                batch = try await cancelWhenGracefulShutdown {
                    try await sqs.receiveMessages(queueUrl: configuration.queueURL, maxMessages: configuration.maxMessages,
                                                  waitTimeSeconds: configuration.waitTimeSeconds)
                }
                failures = 0
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                failures += 1
                logger.warning("receive failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: .milliseconds(min(5_000, 100 << min(failures, 6))))
                continue
            }
            await work(batch, visibility: visibility, maxReceiveCount: maxReceiveCount)
        }
        logger.info("stopped consuming")
    }

    /// Works one batch to the end, whatever happens to the surrounding task.
    func work(_ batch: [SQS.ReceivedMessage], visibility: Int, maxReceiveCount: Int? = nil) async {
        guard !batch.isEmpty else { return }
        let inFlight = InFlightMessages()
        batch.forEach(inFlight.add)
        let heartbeat = Task { await self.heartbeat(inFlight, visibility: visibility) }
        var groups: [String: [SQS.ReceivedMessage]] = [:]
        var order: [String] = []
        for message in batch {
            let group = message.groupId ?? message.messageId
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(message)
        }
        await withTaskGroup(of: Void.self) { tasks in
            for group in order {
                let messages = groups[group] ?? []
                tasks.addTask { await self.workGroup(messages, inFlight: inFlight, maxReceiveCount: maxReceiveCount) }
            }
        }
        heartbeat.cancel()
    }

    /// One group in order; after a transient failure the rest of the group is handed back
    /// untouched, so no later message of the group overtakes the failed one. A poison message
    /// does not stop its group: it will never be decided, and handing the rest back with it
    /// would raise their receive counts until the redrive policy dead-lettered them too.
    private func workGroup(_ messages: [SQS.ReceivedMessage], inFlight: InFlightMessages, maxReceiveCount: Int?) async {
        var blocked = false
        for message in messages {
            if blocked {
                await settle(message, .retry(afterSeconds: 0))
                inFlight.remove(message)
                continue
            }
            let lastReceive = maxReceiveCount.map { message.receiveCount >= $0 } ?? false
            let (disposition, _) = await processor.process(message, lastReceive: lastReceive)
            inFlight.remove(message)
            await settle(message, disposition)
            if case .retry = disposition { blocked = true }
        }
    }

    private func settle(_ message: SQS.ReceivedMessage, _ disposition: MessageDisposition) async {
        do {
            switch disposition {
            case .delete:
                try await sqs.deleteMessage(queueUrl: configuration.queueURL, receiptHandle: message.receiptHandle)
            case .retry(let seconds):
                try await sqs.changeMessageVisibility(queueUrl: configuration.queueURL,
                                                      receiptHandle: message.receiptHandle, seconds: seconds)
            case .poison:
                try await sqs.changeMessageVisibility(queueUrl: configuration.queueURL,
                                                      receiptHandle: message.receiptHandle, seconds: 0)
            }
        } catch {
            // Deleting failed: the message comes back and its idem is found decided.
            // A visibility change failed: it comes back after the visibility timeout instead.
            logger.warning("could not settle a message", metadata: ["messageId": "\(message.messageId)",
                                                                    "error": "\(error)"])
        }
    }

    /// Every third of the visibility timeout, push the unfinished messages' visibility out again.
    private func heartbeat(_ inFlight: InFlightMessages, visibility: Int) async {
        let interval = Duration.milliseconds(max(500, visibility * 1000 / 3))
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            for handle in inFlight.receiptHandles {
                do {
                    try await sqs.changeMessageVisibility(queueUrl: configuration.queueURL, receiptHandle: handle,
                                                          seconds: visibility)
                } catch {
                    logger.warning("visibility heartbeat failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// The visibility timeout, and the redrive policy's maxReceiveCount (nil: no DLQ).
    private func queueSettings() async throws -> (visibility: Int, maxReceiveCount: Int?) {
        let attributes = try await sqs.getQueueAttributes(queueUrl: configuration.queueURL,
                                                          names: ["VisibilityTimeout", "RedrivePolicy"])
        let visibility = configuration.visibilityTimeoutSeconds ?? attributes["VisibilityTimeout"].flatMap(Int.init) ?? 30
        return (visibility, configuration.maxReceiveCount ?? attributes["RedrivePolicy"].flatMap(RedrivePolicy.maxReceiveCount))
    }
}
