/// How private subnets reach the internet: one NAT gateway per AZ (survives an AZ outage,
/// costs more) or a single shared one (cheap, for small or local stacks).
public enum NATMode: String, CaseIterable, Sendable {
    case perAZ = "per-az"
    case single
}
