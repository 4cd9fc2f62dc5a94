@testable import AWSClient
import Foundation
import Testing
@testable import AWSClientTestSupport

/// Adaptive mode against the emulator: throttles slow only the throttled service in its region,
/// and the operator is told once per change of its rate, not once per retry.
@Suite("Adaptive mode against injected throttling")
struct AdaptiveModeTests {
    /// The changes a client's limiters told.
    final class Told: @unchecked Sendable {
        private let lock = NSLock()
        private var changes: [SendRateChange] = []

        var observer: SendRateObserver {
            { change in self.append(change) }
        }

        private func append(_ change: SendRateChange) {
            lock.lock()
            changes.append(change)
            lock.unlock()
        }

        var all: [SendRateChange] {
            lock.lock()
            defer { lock.unlock() }
            return changes
        }
    }

    static func adaptiveClient(_ control: EmulatorControl, region: String, told: Told) -> AWSClient {
        AWSClient(
            region: region,
            credentialProvider: StaticCredentialProvider(
                .init(accessKeyId: control.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey), source: "test"),
            endpoints: EndpointResolver(explicitURL: control.endpoint),
            retry: RetryConfiguration(maxAttempts: 25, mode: .adaptive, baseDelay: .milliseconds(2)),
            rateObserver: told.observer)
    }

    @Test("EC2 throttled six times in one region: told when its rate halves, and only for EC2 there")
    func throttledServiceIsToldOncePerChange() async throws {
        let control = try EmulatorControl()
        let told = Told()
        let tokyo = Self.adaptiveClient(control, region: "ap-northeast-1", told: told)
        let seoul = tokyo.withRegion("ap-northeast-2")
        // Warm up past the first half-second bucket, so the limiter has a measured rate to cut.
        let warmUp = ContinuousClock.now
        while ContinuousClock.now - warmUp < .milliseconds(700) { _ = try await EC2(client: tokyo).describeVpcs() }
        try await control.addFault(["service": "ec2", "region": "ap-northeast-1", "kind": "throttle", "count": 6])
        for _ in 0..<20 {
            _ = try await EC2(client: tokyo).describeVpcs()
            _ = try await EC2(client: seoul).describeVpcs()
            _ = try await STS(client: tokyo).getCallerIdentity()
        }
        try await control.removeFaults()
        let changes = told.all
        #expect(try await control.statuses(action: "DescribeVpcs").filter { $0 == 503 }.count == 6)
        #expect(!changes.isEmpty, "the first throttle is told")
        for (earlier, later) in zip(changes, changes.dropFirst()) {
            #expect(later.rate <= earlier.rate / 2, "told again only when halved: \(changes)")
        }
        #expect(changes.allSatisfy { $0.service == "EC2" && $0.region == "ap-northeast-1" }, "\(changes)")
        #expect(changes.first!.description.hasPrefix("EC2 throttled in ap-northeast-1, sending at "))
    }

    @Test("standard mode does not pace or tell")
    func standardModeIsNotPaced() async throws {
        let control = try EmulatorControl()
        let told = Told()
        let client = AWSClient(
            region: "ap-northeast-1",
            credentialProvider: StaticCredentialProvider(
                .init(accessKeyId: control.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey), source: "test"),
            endpoints: EndpointResolver(explicitURL: control.endpoint),
            retry: RetryConfiguration(maxAttempts: 5, mode: .standard, baseDelay: .milliseconds(2)),
            rateObserver: told.observer)
        try await control.addFault(["service": "ec2", "kind": "throttle", "count": 2])
        _ = try await EC2(client: client).describeVpcs()
        #expect(try await control.statuses(action: "DescribeVpcs") == [503, 503, 200])
        #expect(told.all.isEmpty)
        #expect(client.rateLimiters == nil)
    }
}
