import AWSClient
import ContainerImage
import Foundation
import Logging

/// Writes one load balancer's buffered access-log records to its bucket as ELB's delivery does:
/// one gzip object per interval and node, under ``AccessLogObjectKey``, with the data plane's own
/// credentials (the ELB service's, on AWS). An interval without requests writes nothing. A
/// delivery that fails puts its records back for the next one (as far as the buffer holds them)
/// and says why; records the buffer had to refuse are reported, never silently lost.
struct AccessLogShipper: Sendable {
    let s3: S3
    let logger: Logger

    /// Delivers what `buffer` holds for the interval ending at `end`; returns how many records
    /// the buffer had refused since the last delivery.
    @discardableResult
    func deliver(_ buffer: AccessLogBuffer, to destination: AccessLogDestination, key: AccessLogObjectKey, end: Date) async -> Int {
        let drained = buffer.drain()
        if drained.dropped > 0 {
            logger.warning("access log of \(key.loadBalancerId): \(drained.dropped) requests not logged (buffer of \(buffer.capacity) records full)")
        }
        guard !drained.records.isEmpty else { return drained.dropped }
        var text = ""
        for record in drained.records {
            text += AccessLogLine.format(record, loadBalancer: key.loadBalancerId)
            text += "\n"
        }
        let objectKey = key.key(end: end, random: Self.randomString())
        do {
            let body = try Array(text.utf8).withUnsafeBytes { try Gzip.compress($0) }
            try await s3.putObject(destination.bucket, key: objectKey, body: body, contentType: "application/x-gzip")
            logger.debug("access log of \(key.loadBalancerId): \(drained.records.count) requests to s3://\(destination.bucket)/\(objectKey)")
        } catch {
            buffer.restore(AccessLogBuffer.Drained(records: drained.records, dropped: 0))
            logger.warning("access log of \(key.loadBalancerId) not delivered to s3://\(destination.bucket) (kept for the next interval): \(error)")
        }
        return drained.dropped
    }

    /// Eight lowercase letters and digits, as the random part of ELB's file names.
    static func randomString() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<8).map { _ in alphabet.randomElement()! })
    }
}
