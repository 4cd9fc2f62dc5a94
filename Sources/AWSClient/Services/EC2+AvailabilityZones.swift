/// The region's availability zones.
extension EC2 {
    /// The names of the zones matching `filters` (`state=available`, …).
    public func describeAvailabilityZones(filters: [(name: String, values: [String])] = []) async throws -> [String] {
        try await describe("DescribeAvailabilityZones", setName: "availabilityZoneInfo", ids: ("ZoneName", []),
                           filters: filters).compactMap { $0.string("zoneName") }
    }
}
