import AWSClient
import FoundationEssentials
import Logging
import ServiceLifecycle

/// Long-polls the commit queue and works what it receives. FIFO hands out a message group's
/// messages one batch at a time (none of a group while any of it is in flight), and the group
/// key keeps only commits of the same seats together, so one worker keeps `receivers` batches
/// in hand at once — each from other groups — and works the groups of each batch side by side.
/// The PostgreSQL pool bounds how many transactions really run. A batch is settled with one
/// DeleteMessageBatch and one ChangeMessageVisibilityBatch, and a heartbeat extends its
/// unfinished messages in batches, so a slow transaction is never handed to a second worker.
/// On graceful shutdown (SIGTERM) the pending long polls are cancelled, the batches in hand are
/// finished, the holds they consumed are removed, and `run` returns.
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
        let receivers = max(1, configuration.receivers)
        logger.info("consuming", metadata: ["queue": "\(configuration.queueURL)", "visibilitySeconds": "\(visibility)",
                                            "maxReceiveCount": "\(maxReceiveCount.map(String.init) ?? "none")",
                                            "receivers": "\(receivers)"])
        await withTaskGroup(of: Void.self) { receiving in
            for _ in 0..<receivers {
                receiving.addTask { await self.receiveLoop(visibility: visibility, maxReceiveCount: maxReceiveCount) }
            }
        }
        await processor.releases.drained()
        logger.info("stopped consuming")
    }

    /// One receiver: receive a batch, work it to the end, settle it, receive again.
    private func receiveLoop(visibility: Int, maxReceiveCount: Int?) async {
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
    }

    /// Works one batch to the end, whatever happens to the surrounding task, then settles it.
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
        let settled = await withTaskGroup(of: [(SQS.ReceivedMessage, MessageDisposition)].self) { tasks in
            for group in order {
                let messages = groups[group] ?? []
                tasks.addTask { await self.workGroup(messages, inFlight: inFlight, maxReceiveCount: maxReceiveCount) }
            }
            var all: [(SQS.ReceivedMessage, MessageDisposition)] = []
            for await outcomes in tasks { all += outcomes }
            return all
        }
        heartbeat.cancel()
        await heartbeat.value
        await settle(settled)
    }

    /// One group in order; after a transient failure the rest of the group is handed back
    /// untouched, so no later message of the group overtakes the failed one. A poison message
    /// does not stop its group: it will never be decided, and handing the rest back with it
    /// would raise their receive counts until the redrive policy dead-lettered them too.
    /// Settling waits for the batch: the group stays in flight (blocked) until then anyway.
    private func workGroup(_ messages: [SQS.ReceivedMessage], inFlight: InFlightMessages,
                           maxReceiveCount: Int?) async -> [(SQS.ReceivedMessage, MessageDisposition)] {
        var blocked = false
        var outcomes: [(SQS.ReceivedMessage, MessageDisposition)] = []
        for message in messages {
            if blocked {
                outcomes.append((message, .retry(afterSeconds: 0)))
                continue
            }
            let lastReceive = maxReceiveCount.map { message.receiveCount >= $0 } ?? false
            let (disposition, _) = await processor.process(message, lastReceive: lastReceive)
            outcomes.append((message, disposition))
            if case .retry = disposition { blocked = true }
        }
        return outcomes
    }

    /// One DeleteMessageBatch for the decided messages, one ChangeMessageVisibilityBatch for the
    /// rest. The heartbeat has stopped by then, so it never extends a message after it is settled.
    private func settle(_ outcomes: [(SQS.ReceivedMessage, MessageDisposition)]) async {
        var deletions: [String] = []
        var changes: [(receiptHandle: String, seconds: Int)] = []
        for (message, disposition) in outcomes {
            switch disposition {
            case .delete: deletions.append(message.receiptHandle)
            case .retry(let seconds): changes.append((message.receiptHandle, seconds))
            case .poison: changes.append((message.receiptHandle, 0))
            }
        }
        do {
            if !deletions.isEmpty {
                let failed = try await sqs.deleteMessages(queueUrl: configuration.queueURL, receiptHandles: deletions)
                if !failed.isEmpty {
                    // Not deleted: each comes back and its idem is found decided.
                    logger.warning("could not delete some messages", metadata: ["count": "\(failed.count)",
                                                                               "codes": "\(Set(failed.values).sorted())"])
                }
            }
        } catch {
            logger.warning("could not delete a batch", metadata: ["count": "\(deletions.count)", "error": "\(error)"])
        }
        do {
            if !changes.isEmpty {
                let failed = try await sqs.changeMessageVisibility(queueUrl: configuration.queueURL, entries: changes)
                if !failed.isEmpty {
                    // They come back after the visibility timeout instead.
                    logger.warning("could not hand back some messages", metadata: ["count": "\(failed.count)",
                                                                                  "codes": "\(Set(failed.values).sorted())"])
                }
            }
        } catch {
            logger.warning("could not hand back a batch", metadata: ["count": "\(changes.count)", "error": "\(error)"])
        }
    }

    /// Every third of the visibility timeout, push the unfinished messages' visibility out again
    /// (ChangeMessageVisibilityBatch, ten per call).
    private func heartbeat(_ inFlight: InFlightMessages, visibility: Int) async {
        let interval = Duration.milliseconds(max(500, visibility * 1000 / 3))
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let entries = inFlight.receiptHandles.map { (receiptHandle: $0, seconds: visibility) }
            guard !entries.isEmpty else { continue }
            do {
                let failed = try await sqs.changeMessageVisibility(queueUrl: configuration.queueURL, entries: entries)
                if !failed.isEmpty {
                    logger.warning("visibility heartbeat failed for some messages", metadata: ["codes": "\(Set(failed.values).sorted())"])
                }
            } catch {
                logger.warning("visibility heartbeat failed", metadata: ["error": "\(error)"])
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
