import Provisioning

/// What one stage adds to the graph (per region, or once for CloudFront): the resources it
/// describes, and the kinds `diff` and `down` sweep by tag in its region.
protocol StageContribution {
    func resources() -> [any Resource]
    func sweeps() -> [KindSweep]
}

extension StageContribution {
    func sweeps() -> [KindSweep] { [] }
}
