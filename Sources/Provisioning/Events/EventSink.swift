/// Where progress events go: a callback the CLI prints from, or an `AsyncStream`.
public struct EventSink: Sendable {
    private let handler: @Sendable (ProvisioningEvent) -> Void

    public init(_ handler: @escaping @Sendable (ProvisioningEvent) -> Void) {
        self.handler = handler
    }

    public func emit(_ event: ProvisioningEvent) { handler(event) }

    public static let discard = EventSink { _ in }

    /// A sink feeding a stream; finish the continuation when the operation is over.
    public static func stream() -> (sink: EventSink, events: AsyncStream<ProvisioningEvent>,
        finish: @Sendable () -> Void)
    {
        let (stream, continuation) = AsyncStream<ProvisioningEvent>.makeStream()
        return (EventSink { continuation.yield($0) }, stream, { continuation.finish() })
    }
}
