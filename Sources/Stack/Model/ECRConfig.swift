/// The image repositories (one per service, per region).
public struct ECRConfig: Sendable, Equatable {
    /// The lifecycle policy expires everything older than the last N images.
    public var keepLastImages: Int
    public var scanOnPush: Bool
    /// Tags cannot be moved once pushed, so a tag always names the same digest.
    public var immutableTags: Bool

    public init(keepLastImages: Int = 30, scanOnPush: Bool = true, immutableTags: Bool = true) {
        self.keepLastImages = keepLastImages
        self.scanOnPush = scanOnPush
        self.immutableTags = immutableTags
    }
}
