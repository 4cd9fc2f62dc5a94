import AWSClient

/// The region's usable AZs, sorted by name: zone N of `SubnetLayout` is the N-th of them,
/// so every run maps the same subnet to the same AZ.
enum AvailabilityZones {
    static func list(_ client: AWSClient) async throws -> [String] {
        try await EC2(client: client).describeAvailabilityZones(filters: [(name: "state", values: ["available"])]).sorted()
    }
}
