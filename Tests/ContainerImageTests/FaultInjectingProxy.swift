import Foundation
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP proxy in front of the real registry that misbehaves on purpose for chosen
/// requests — answers 500 without forwarding, or drops the connection before or after
/// forwarding — and records every request it saw, so tests can check what was re-sent.
final class FaultInjectingProxy: Sendable {
    enum Fault: Sendable {
        case status(Int)
        case dropBeforeForwarding
        case dropAfterForwarding
    }

    struct Rule: Sendable {
        let method: HTTPMethod
        let pathContains: String
        let fault: Fault
        /// Matching requests let through untouched before the fault starts.
        var skip: Int
        /// How many matching requests it hits; nil = all of them.
        var remaining: Int?
    }

    struct Seen: Sendable {
        let method: HTTPMethod
        let uri: String
        let bodyBytes: Int
        let faulted: Bool
    }

    let upstream: String
    let port: Int
    private let rules = Mutex<[Rule]>([])
    private let seen = Mutex<[Seen]>([])
    private let client: HTTPClient
    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let serverTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Open client connections, closed on stop (the client pool would keep them idle for a minute).
    private let connections = Mutex<[any Channel]>([])

    var url: String { "http://127.0.0.1:\(port)" }

    private init(upstream: String, client: HTTPClient, serverChannel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        self.upstream = upstream
        self.client = client
        self.serverChannel = serverChannel
        self.port = serverChannel.channel.localAddress?.port ?? 0
    }

    static func start(upstream: String) async throws -> FaultInjectingProxy {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let proxy = FaultInjectingProxy(upstream: upstream, client: client, serverChannel: channel)
        let task = Task { await proxy.serve() }
        proxy.serverTask.withLock { $0 = task }
        return proxy
    }

    func inject(_ method: HTTPMethod, pathContains: String = "", _ fault: Fault, after skip: Int = 0, count: Int? = 1) {
        rules.withLock { $0.append(Rule(method: method, pathContains: pathContains, fault: fault, skip: skip, remaining: count)) }
    }

    var requests: [Seen] { seen.withLock { $0 } }

    func stop() async throws {
        try? await serverChannel.channel.close()
        for channel in connections.withLock({ $0 }) { try? await channel.close() }
        _ = await serverTask.withLock { $0 }?.value
        try await client.shutdown()
    }

    private func serve() async {
        try? await serverChannel.executeThenClose { connections in
            await withDiscardingTaskGroup { group in
                do {
                    for try await connection in connections {
                        self.connections.withLock { $0.append(connection.channel) }
                        group.addTask { await self.handle(connection) }
                    }
                } catch {}
            }
        }
    }

    private func takeFault(_ head: HTTPRequestHead) -> Fault? {
        rules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.method == head.method && ($0.pathContains.isEmpty || head.uri.contains($0.pathContains)) && ($0.remaining ?? 1) > 0 }) else { return nil }
            if rules[index].skip > 0 {
                rules[index].skip -= 1
                return nil
            }
            if let remaining = rules[index].remaining { rules[index].remaining = remaining - 1 }
            return rules[index].fault
        }
    }

    private func handle(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let request = head else { continue }
                    let fault = takeFault(request)
                    seen.withLock { $0.append(Seen(method: request.method, uri: request.uri, bodyBytes: body.readableBytes, faulted: fault != nil)) }
                    switch fault {
                    case .status(let code)?:
                        let payload = ByteBuffer(string: #"{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}"#)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: "application/json")
                        headers.add(name: "Content-Length", value: String(payload.readableBytes))
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: code), headers: headers)))
                        try await outbound.write(.body(.byteBuffer(payload)))
                        try await outbound.write(.end(nil))
                    case .dropBeforeForwarding?:
                        return
                    case .dropAfterForwarding?:
                        _ = try? await forward(request, body: body)
                        return
                    case nil:
                        let (responseHead, responseBody) = try await forward(request, body: body)
                        try await outbound.write(.head(responseHead))
                        if request.method != .HEAD && responseBody.readableBytes > 0 {
                            try await outbound.write(.body(.byteBuffer(responseBody)))
                        }
                        try await outbound.write(.end(nil))
                    }
                }
            }
        }
    }

    private func forward(_ head: HTTPRequestHead, body: ByteBuffer) async throws -> (HTTPResponseHead, ByteBuffer) {
        var request = HTTPClientRequest(url: upstream + head.uri)
        request.method = head.method
        for (name, value) in head.headers where !["host", "content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
            request.headers.add(name: name, value: value)
        }
        if body.readableBytes > 0 || [.PUT, .POST, .PATCH].contains(head.method) {
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let responseBody = try await response.body.collect(upTo: 256 << 20)
        var headers = HTTPHeaders()
        for (name, value) in response.headers where !["connection", "transfer-encoding", "content-length"].contains(name.lowercased()) {
            headers.add(name: name, value: name.lowercased() == "location" ? value.replacingOccurrences(of: upstream, with: url) : value)
        }
        let declaredLength = response.headers.first(name: "Content-Length")
        headers.add(name: "Content-Length", value: head.method == .HEAD ? (declaredLength ?? "0") : String(responseBody.readableBytes))
        return (HTTPResponseHead(version: .http1_1, status: response.status, headers: headers), responseBody)
    }
}

