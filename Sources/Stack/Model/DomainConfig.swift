/// The stack's public DNS name (optional): HTTPS end to end needs names on certificates.
/// Viewers use `name` (the distribution's alias); CloudFront reaches each region's ALB at
/// `origin-<region short>.<name>`, the name on that ALB's certificate — an ALB's own
/// `*.elb.amazonaws.com` name is on no certificate CloudFront could verify.
public struct DomainConfig: Sendable, Equatable {
    /// `tickets.example.com`: lowercase DNS labels, at least two.
    public var name: String
    /// A Route 53 public hosted zone for `name` (its id, `Z…` on AWS, without `/hostedzone/`): tpsctl writes the certificates'
    /// validation records and the alias records there. nil: it prints them for the DNS operator.
    public var hostedZoneId: String?

    public init(name: String, hostedZoneId: String? = nil) {
        self.name = name
        self.hostedZoneId = hostedZoneId
    }

    /// The name CloudFront connects to for `region`'s ALB (on that ALB's certificate).
    public func originName(for region: AWSRegion) -> String {
        "origin-\(region.shortName).\(name)"
    }

    /// nil when `name` is a DNS name tpsctl accepts, otherwise why not.
    static func problemWithName(_ name: String) -> String? {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = name.count <= 240 && labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        }
        return valid ? nil : "'\(name)' is not a DNS name (lowercase labels of letters, digits and hyphens, at least two)"
    }

    /// nil when `id` looks like a Route 53 hosted zone id, otherwise why not.
    static func problemWithZone(_ id: String) -> String? {
        (2...32).contains(id.count) && id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            ? nil : "'\(id)' is not a Route 53 hosted zone id (uppercase letters and digits, e.g. Z0123456789ABC)"
    }
}
