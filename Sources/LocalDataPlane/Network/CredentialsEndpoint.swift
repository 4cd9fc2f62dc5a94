import AWSClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// ECS's task credentials endpoint, served inside the task's namespace at
/// `169.254.170.2:80`: `GET <AWS_CONTAINER_CREDENTIALS_RELATIVE_URI>` answers the task role's
/// session as `{"AccessKeyId","SecretAccessKey","Token","Expiration","RoleArn"}`; any other
/// path answers 404, as the agent does for an unknown credentials id.
struct CredentialsEndpoint {
    let relativeURI: String
    let roleArn: String
    let provider: any AWSCredentialProvider

    static func start(listeningSocket: CInt, endpoint: CredentialsEndpoint, group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(CredentialsHandler(endpoint: endpoint))
                }
            }
            .withBoundSocket(listeningSocket).get()
    }

    func document() async throws -> [UInt8] {
        let credentials = try await provider.required().credentials
        var object: [String: String] = [
            "AccessKeyId": credentials.accessKeyId, "SecretAccessKey": credentials.secretAccessKey,
            "Token": credentials.sessionToken ?? "", "RoleArn": roleArn,
        ]
        if let expiration = credentials.expiration { object["Expiration"] = ISO8601DateFormatter().string(from: expiration) }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

private final class CredentialsHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let endpoint: CredentialsEndpoint
    private var path: String?

    init(endpoint: CredentialsEndpoint) {
        self.endpoint = endpoint
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            path = head.method == .GET ? head.uri : nil
        case .body:
            break
        case .end:
            let path = self.path
            let endpoint = self.endpoint
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            let handler = NIOLoopBound(self, eventLoop: loop)
            // A promise completed by a task, with a struct for the answer: the release build
            // handed `makeFutureWithTask`'s tuple result over corrupted (the data plane crashed
            // reading the status of the first credentials request).
            let promise = loop.makePromise(of: CredentialsReply.self)
            promise.completeWithTask {
                guard path == endpoint.relativeURI else { return CredentialsReply(code: 404, body: Array(#"{"code":"NotFound"}"#.utf8)) }
                do {
                    return CredentialsReply(code: 200, body: try await endpoint.document())
                } catch {
                    return CredentialsReply(code: 500, body: Array(#"{"code":"CredentialsUnavailable"}"#.utf8))
                }
            }
            promise.futureResult.whenSuccess { reply in
                handler.value.respond(context: bound.value, status: HTTPResponseStatus(statusCode: reply.code), body: reply.body)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// What the credentials endpoint answers: status code and JSON body.
struct CredentialsReply: Sendable {
    let code: Int
    let body: [UInt8]
}
