/// The optional CloudFront distribution in front of both regions' ALBs (stage 07).
public struct CloudFrontConfig: Sendable, Equatable {
    public var enabled: Bool
    /// Edge TTL of `GET /public/summary/*`; everything else under /public and /confirm is not cached.
    public var summaryTTLSeconds: Int
    public var priceClass: CloudFrontPriceClass
    /// The origin group's primary; the other region is the failover. nil = the first region listed.
    public var primaryRegion: AWSRegion?

    public init(enabled: Bool = false, summaryTTLSeconds: Int = 10, priceClass: CloudFrontPriceClass = .priceClass200,
                primaryRegion: AWSRegion? = nil) {
        self.enabled = enabled
        self.summaryTTLSeconds = summaryTTLSeconds
        self.priceClass = priceClass
        self.primaryRegion = primaryRegion
    }

    public static let ttlRange = 0...31_536_000
}

/// Which edge locations serve the distribution (and what they cost).
public enum CloudFrontPriceClass: String, CaseIterable, Sendable {
    case priceClass100 = "PriceClass_100"
    /// Includes Japan and Korea, where this stack's users are.
    case priceClass200 = "PriceClass_200"
    case priceClassAll = "PriceClass_All"
}
