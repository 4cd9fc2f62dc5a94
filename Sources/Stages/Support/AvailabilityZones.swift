import AWSClient

/// The region's usable AZs, sorted by name: zone N of `SubnetLayout` is the N-th of them,
/// so every run maps the same subnet to the same AZ.
enum AvailabilityZones {
    static func list(_ client: AWSClient) async throws -> [String] {
        let zones = try await EC2Tagging.describe(client, "DescribeAvailabilityZones", setName: "availabilityZoneInfo",
                                                  ["Filter.1.Name": "state", "Filter.1.Value.1": "available"])
        return zones.compactMap { $0.string("zoneName") }.sorted()
    }
}
