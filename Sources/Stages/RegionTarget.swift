import AWSClient
import Stack

/// One region the command acts on: its stack settings and a client signed for it.
public struct RegionTarget: Sendable {
    public let config: RegionConfig
    public let client: AWSClient

    public init(config: RegionConfig, client: AWSClient) {
        self.config = config
        self.client = client
    }

    public var name: String { config.region.name }
}
