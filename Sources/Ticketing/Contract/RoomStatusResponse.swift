/// The answer to `GET /public/room-status?token=`.
public struct RoomStatusResponse: Codable, Sendable, Hashable {
    public let ready: Bool
    public let leftSec: Int64

    public init(ready: Bool, leftSec: Int64) {
        self.ready = ready
        self.leftSec = leftSec
    }

    public init(_ status: AdmissionStatus) {
        self.init(ready: status.ready, leftSec: status.leftSec)
    }
}
