import NIOCore

/// The channel end of a pooled target connection, which the ALB's relaying handler and
/// CloudFront's decoding handler share: the context once the handler is added, whether the
/// connection can still serve, and sending, flushing, pausing reads and closing on it.
final class UpstreamChannel {
    var context: ChannelHandlerContext?
    /// Set once the connection closed, failed or was closed here: never handed out again.
    var closed = false
    /// The channel's autoRead as last set here (it starts on), so an unchanged value costs nothing.
    private var autoRead = true

    var isUsable: Bool { !closed && context?.channel.isActive == true }

    func write(_ data: NIOAny, flush: Bool) {
        guard let context else { return }
        if flush {
            context.writeAndFlush(data, promise: nil)
        } else {
            context.write(data, promise: nil)
        }
    }

    func flush() {
        context?.flush()
    }

    func setAutoRead(_ on: Bool) {
        guard on != autoRead, let context else { return }
        autoRead = on
        context.channel.setOption(ChannelOptions.autoRead, value: on).whenFailure { _ in }
    }

    func close() {
        closed = true
        context?.close(promise: nil)
    }
}
