/// The answer to `POST /public/enter`: the signed token proving the place, and when it comes.
public struct EnterResponse: Codable, Sendable, Hashable {
    public let roomToken: String
    /// 1-based place in the event's queue.
    public let position: Int64
    /// Estimated seconds until admitted; 0 when already admitted.
    public let etaSec: Int64

    public init(roomToken: String, position: Int64, etaSec: Int64) {
        self.roomToken = roomToken
        self.position = position
        self.etaSec = etaSec
    }
}
