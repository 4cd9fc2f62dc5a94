/// CloudWatch's `LoadBalancer` and `TargetGroup` dimension values, which are the tails of the
/// ARNs stage 05 records (`app/<name>/<id>`, `targetgroup/<name>/<id>`), not the names.
public enum ALBDimensions {
    /// `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>` → `app/<name>/<id>`.
    public static func loadBalancer(fromARN arn: String) throws(FigureInputError) -> String {
        try tail(of: arn, after: ":loadbalancer/", kept: "app/", what: "load balancer")
    }

    /// `arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>` → `targetgroup/<name>/<id>`.
    public static func targetGroup(fromARN arn: String) throws(FigureInputError) -> String {
        "targetgroup/" + (try tail(of: arn, after: ":targetgroup/", kept: "", what: "target group"))
    }

    /// The part after `marker`, which must start with `kept` and hold exactly `<name>/<id>` after it.
    private static func tail(of arn: String, after marker: String, kept: String, what: String) throws(FigureInputError) -> String {
        guard arn.hasPrefix("arn:"), let range = arn.range(of: marker) else {
            throw FigureInputError("'\(arn)' is not an ELBv2 \(what) ARN (no '\(marker)')")
        }
        let tail = String(arn[range.upperBound...])
        let parts = tail.dropFirst(kept.count).split(separator: "/", omittingEmptySubsequences: false)
        guard tail.hasPrefix(kept), parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw FigureInputError("'\(arn)' is not an ELBv2 \(what) ARN (expected …\(marker)\(kept)<name>/<id>)")
        }
        return tail
    }
}
