import AWSSigV4
import FoundationEssentials
import Logging

/// Sends signed requests to AWS services in one region: resolves the endpoint, signs every
/// attempt afresh (new date, possibly refreshed credentials), retries as its `RetryPolicy`
/// says (the SDKs' standard mode; in adaptive mode also paced per service by
/// `AdaptiveRateLimiter`), and turns failures into `AWSError` / `AWSTransportError`.
/// Cheap to create; `withRegion(_:)` gives a client for another region that shares the
/// credentials cache.
public final class AWSClient: Sendable {
    public let region: String
    public let credentialProvider: any AWSCredentialProvider
    public let endpoints: EndpointResolver
    public let retry: RetryConfiguration
    public let transport: HTTPTransport
    /// `-v` output goes here at `.debug`; nothing secret is ever logged.
    public let logger: Logger
    /// Per attempt.
    public let timeout: Duration
    public let backoff: ExponentialBackoff
    let retryPolicy: RetryPolicy
    /// Per-service send pacing in adaptive mode (nil otherwise).
    let rateLimiters: SendRateLimiters?
    /// Told when a throttled service's paced rate changes; kept for `withRegion` clients.
    let rateObserver: SendRateObserver?
    let clock: ClockSkewCorrector
    let signer: RequestSigner

    public static let userAgent = "tpsctl-awsclient/0.1"
    public static let silentLogger = Logger(label: "tpsctl.aws", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(region: String, credentialProvider: any AWSCredentialProvider, endpoints: EndpointResolver,
                retry: RetryConfiguration = RetryConfiguration(), transport: HTTPTransport = .shared,
                logger: Logger = AWSClient.silentLogger, timeout: Duration = .seconds(30),
                backoff: ExponentialBackoff? = nil, clock: ClockSkewCorrector = ClockSkewCorrector(),
                signingKeys: SigV4SigningKeyCache = SigV4SigningKeyCache(), rateObserver: SendRateObserver? = nil) {
        self.region = region
        self.credentialProvider = credentialProvider
        self.endpoints = endpoints
        self.retry = retry
        self.transport = transport
        self.logger = logger
        self.timeout = timeout
        self.backoff = backoff ?? ExponentialBackoff(base: retry.baseDelay, maxBackoff: retry.maxBackoff)
        self.retryPolicy = RetryPolicy(configuration: retry, backoff: self.backoff, quota: RetryQuota())
        self.rateLimiters = retry.mode == .adaptive ? SendRateLimiters(
            region: region, minimumRate: retry.adaptiveMinimumRate, observer: rateObserver) : nil
        self.rateObserver = rateObserver
        self.clock = clock
        self.signer = RequestSigner(credentialProvider: credentialProvider, clock: clock, signingKeys: signingKeys)
    }

    /// A client for the configuration's region (or `region`), with its default credential chain.
    /// `retry` replaces the configuration's settings (e.g. the provisioning budget).
    public convenience init(configuration: AWSConfiguration, region: String? = nil, transport: HTTPTransport = .shared,
                            logger: Logger = AWSClient.silentLogger, retry: RetryConfiguration? = nil,
                            rateObserver: SendRateObserver? = nil) throws {
        let regionName = try region ?? configuration.requireRegion().name
        if !AWSPartition.isKnownRegion(regionName) {
            throw AWSConfigurationError.unknownRegion(name: regionName, source: "the client's region")
        }
        self.init(region: regionName,
                  credentialProvider: configuration.defaultCredentialProvider(transport: transport, logger: logger),
                  endpoints: configuration.endpoints, retry: retry ?? configuration.retry, transport: transport,
                  logger: logger, rateObserver: rateObserver)
    }

    /// The same credentials, endpoints settings, retry settings and clock, in another region.
    public func withRegion(_ region: String) -> AWSClient {
        AWSClient(region: region, credentialProvider: credentialProvider, endpoints: endpoints, retry: retry,
                  transport: transport, logger: logger, timeout: timeout, backoff: backoff, clock: clock,
                  signingKeys: signer.signingKeys, rateObserver: rateObserver)
    }

    /// The credentials this client signs with, and their source.
    public func currentCredentials() async throws -> ProvidedCredentials {
        try await credentialProvider.required()
    }

    /// Sends `request` to `service`, retrying as the standard mode says. Returns the answer
    /// when it is 2xx/3xx; throws `AWSError` for an error answer (the last one, when retries
    /// ran out), `AWSTransportError` when no answer came, credential and configuration errors as they are.
    public func send(_ service: ServiceDescriptor, action: String, request: AWSHTTPRequest,
                     signed: Bool = true) async throws -> AWSHTTPResponse {
        let endpoint = try endpoints.resolve(service, region: region)
        var url = endpoint.url + SigV4PercentEncoding.encode(request.path.hasPrefix("/") ? request.path : "/" + request.path, keepSlash: true)
        if !request.query.isEmpty { url += "?" + SigV4PercentEncoding.encodeQuery(request.query) }
        let label = "\(service.signingName) \(action)"
        let maxAttempts = retryPolicy.maxAttempts
        var acquiredForRetry: Int?
        var attempt = 0

        while true {
            attempt += 1
            // Paced before signing, so the signature's time is the send time.
            if let rateLimiters {
                let pace = await rateLimiters.delayBeforeSending(to: service.serviceId)
                if pace > .zero {
                    logger.debug("   \(label): paced by the adaptive limiter for \(Self.milliseconds(pace)) ms")
                    try await Task.sleep(for: pace)
                }
            }
            let headers = try await signer.headers(for: request, url: url, signingName: service.signingName,
                                                   signingRegion: endpoint.signingRegion, signed: signed,
                                                   userAgent: Self.userAgent,
                                                   options: service.usesS3Signing ? .s3 : SigV4Options())
            logger.debug("→ \(label): \(request.method) \(endpoint.url)\(request.path) (attempt \(attempt)/\(maxAttempts))")
            let started = ContinuousClock.now
            let failure: any Error
            let classification: RetryClassification
            var retryAfter: Int?
            do {
                let response = try await transport.send(method: request.method, url: url, headers: headers, body: request.body,
                                                         timeout: timeout, endpointSource: endpoint.source)
                let elapsed = Self.milliseconds(ContinuousClock.now - started)
                if response.status < 400 {
                    await rateLimiters?.record(from: service.serviceId, throttled: false)
                    await retryPolicy.quota.releaseAfterSuccess(acquired: acquiredForRetry)
                    logger.debug("← \(label): HTTP \(response.status) in \(elapsed) ms\(Self.requestIdSuffix(response.requestIdHeader))")
                    return response
                }
                let error = AWSErrorDecoder.decode(response, service: service, action: action)
                logger.debug("← \(label): \(error.code) (HTTP \(error.httpStatus)) in \(elapsed) ms\(Self.requestIdSuffix(error.requestId))")
                if attempt < maxAttempts,
                   RetryClassifier.clockSkewCodes.contains(error.code) || RetryClassifier.possibleClockSkewCodes.contains(error.code),
                   await clock.correct(after: error)
                {
                    let offset = Int(await clock.offset)
                    logger.debug("   \(label): clock skew corrected to \(offset) s from the server's Date; signing again")
                    continue
                }
                // Temporary credentials can expire early (revoked session, skewed expiry): fetch new ones once.
                if attempt < maxAttempts, RetryClassifier.expiredCredentialCodes.contains(error.code),
                   await credentialProvider.invalidate()
                {
                    logger.debug("   \(label): credentials expired; fetching new ones and signing again")
                    continue
                }
                failure = error
                classification = RetryClassifier.classify(error)
                retryAfter = error.retryAfterMilliseconds
                await rateLimiters?.record(from: service.serviceId, throttled: classification == .throttling)
            } catch let error as AWSTransportError {
                logger.debug("← \(label): \(error.kind.rawValue) after \(Self.milliseconds(ContinuousClock.now - started)) ms")
                failure = error
                classification = RetryClassifier.classify(error)
            }

            switch await retryPolicy.decision(after: classification, attempt: attempt, retryAfterMilliseconds: retryAfter) {
            case let .stop(reason):
                if classification.isRetryable { logger.debug("   \(label): \(reason)") }
                throw failure
            case let .retry(delay, cost):
                if let cost { acquiredForRetry = cost }
                logger.debug("   \(label): \(classification) error; retrying in \(Self.milliseconds(delay)) ms")
                try await Task.sleep(for: delay)
            }
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    static func requestIdSuffix(_ requestId: String?) -> String {
        guard let requestId, !requestId.isEmpty else { return "" }
        return ", request id \(requestId)"
    }
}
