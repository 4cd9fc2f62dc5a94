import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends one HTTP request and reads the whole answer. Wraps the one shared `HTTPClient` of
/// the process; turns connection failures into `AWSTransportError`. Retries are the
/// caller's business, so the pool does not retry connection establishment itself.
public struct HTTPTransport: Sendable {
    public let client: HTTPClient
    /// Answers larger than this are cut off with an error (AWS control-plane answers are small).
    public var maxResponseBytes: Int = 64 * 1024 * 1024

    public init(client: HTTPClient) {
        self.client = client
    }

    /// The process-wide transport. Its client lives as long as the process (never shut down).
    public static let shared = HTTPTransport(client: sharedClient)

    private static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        // AsyncHTTPClient's default is 8 connections per host. A commit worker long-polls SQS on
        // several connections at once (up to 20 s each), and locally every service is one host
        // (the emulator): with 8, the long polls left the worker's own deletes, visibility
        // changes and DynamoDB calls — and other workers in the same process — queued behind them.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Sends the request. `url` is already encoded exactly as it goes on the wire.
    public func send(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8],
                     timeout: Duration, endpointSource: String? = nil) async throws -> AWSHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        if !body.isEmpty || method == "POST" || method == "PUT" {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let timeAmount = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
            + timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(request, timeout: timeAmount)
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            return AWSHTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer.readableBytesView))
        } catch {
            throw Self.transportError(error, url: url, endpointSource: endpointSource)
        }
    }

    /// Names the failure without echoing the request: `scheme://host:port` and a kind.
    static func transportError(_ error: any Error, url: String, endpointSource: String?) -> AWSTransportError {
        let endpoint = origin(of: url)
        return AWSTransportError(kind: kind(of: error), endpoint: endpoint, endpointSource: endpointSource,
                                 detail: String(describing: error))
    }

    static func kind(of error: any Error) -> AWSTransportError.Kind {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout,
                 .getConnectionFromPoolTimeout:
                return .timeout
            case .remoteConnectionClosed:
                return .connectionReset
            default:
                return .other
            }
        }
        if let connectionError = error as? NIOConnectionError {
            if connectionError.dnsAError != nil || connectionError.dnsAAAAError != nil,
               connectionError.connectionErrors.isEmpty
            {
                return .hostNotFound
            }
            let kinds = connectionError.connectionErrors.map { kind(of: $0.error) }
            return kinds.first { $0 != .other } ?? .connectionRefused
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED: return .connectionRefused
            case ECONNRESET, EPIPE: return .connectionReset
            case ETIMEDOUT: return .timeout
            default: return .other
            }
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .connectTimeout: return .timeout
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return .connectionReset
            default: return .other
            }
        }
        if error is NIOConnectionError { return .connectionRefused }
        let text = String(describing: error).lowercased()
        if text.contains("refused") { return .connectionRefused }
        if text.contains("reset") || text.contains("eof") || text.contains("closed") { return .connectionReset }
        if text.contains("timeout") || text.contains("timed out") { return .timeout }
        if text.contains("ssl") || text.contains("tls") || text.contains("certificate") { return .tls }
        if text.contains("dns") || text.contains("lookup") { return .hostNotFound }
        return .other
    }

    /// `http://127.0.0.1:4566` from a full URL.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return "the endpoint"
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }
}
