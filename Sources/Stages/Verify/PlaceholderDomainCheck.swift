import Stack

/// A `domain.name` under a name reserved for examples and tests (RFC 2606, RFC 6761) can never
/// be validated by ACM: `up` would wait for its certificates until ACM gives up after 72 hours.
/// `stacks/max-tps.yaml` ships with such a placeholder, to be replaced before deploying.
struct PlaceholderDomainCheck {
    static let reservedSuffixes = ["example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"]

    func findings(_ stack: Stack, region: String) -> [VerifyFinding] {
        guard let name = stack.domain?.name.lowercased().trimmingSuffix("."),
              let reserved = Self.reservedSuffixes.first(where: { name == $0 || name.hasSuffix("." + $0) }) else { return [] }
        return [VerifyFinding(region: region, check: .domain,
                              "domain.name \(name) is under \(reserved), reserved for examples: ACM can never validate its "
                                  + "certificates; set the stack's own domain")]
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
