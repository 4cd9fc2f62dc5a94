import FoundationEssentials

/// A region and where it was chosen, so `whoami` and errors can name the source.
public struct ResolvedRegion: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    /// `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, or `profile 'dev' (~/.aws/config:4)`.
    public var source: String

    public init(name: String, source: String) {
        self.name = name; self.source = source
    }

    public var description: String { "\(name) (from \(source))" }
}

/// Picks the region in the SDKs' order: the `--region` flag, AWS_REGION, AWS_DEFAULT_REGION,
/// then the profile's `region`. The first one set decides; it must be a known region.
public enum RegionResolver {
    public static func resolve(flag: String?, environment: AWSEnvironment, profile: Profile?) throws -> ResolvedRegion? {
        let candidates: [(String?, () -> String)] = [
            (flag, { "--region" }),
            (environment["AWS_REGION"], { "AWS_REGION" }),
            (environment["AWS_DEFAULT_REGION"], { "AWS_DEFAULT_REGION" }),
            (profile?["region"], { "profile '\(profile?.name ?? "")' (\(profile?.location(of: "region") ?? ""))" }),
        ]
        for (value, source) in candidates {
            guard let raw = value else { continue }
            let name = raw.trimmingWhitespace()
            guard AWSPartition.isKnownRegion(name) else {
                throw AWSConfigurationError.unknownRegion(name: name, source: source())
            }
            return ResolvedRegion(name: name, source: source())
        }
        return nil
    }
}
