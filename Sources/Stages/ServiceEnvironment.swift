import Provisioning
import Stack

/// Builds a region's service environment from stage outputs: the keys the services read
/// (BRIEF), never a secret value. Keys whose stage has not run yet are left out. The same
/// function feeds `.env.generated` (from what `up` recorded) and the task definitions of stage
/// 04 (from their dependencies' outputs), so the two can never list different keys.
public enum ServiceEnvironment {
    public static func projection(stack: Stack, endpointURL: String?) -> EnvironmentProjection {
        { recorded in
            try section(stack: stack, region: recorded.region, endpointURL: endpointURL) { address, key in
                recorded.value(key, of: address)?.text
            }
        }
    }

    /// The resources of one region whose outputs `section` may read (stage 04 depends on them).
    static func sources(in stage: DataPlaneStage) -> [ResourceAddress] {
        stage.resources().map(\.address)
    }

    /// `lookup` answers an output of a stage 03 resource, or nil when it has none (yet).
    public static func section(
        stack: Stack, region: RegionName, endpointURL: String?,
        lookup: (ResourceAddress, String) -> String?
    ) throws -> EnvironmentSection {
            var section = EnvironmentSection(region: region)
            func output(_ kind: String, _ name: String, _ key: String) -> String? {
                lookup(DataPlaneStage.address(region, kind: kind, name: name), key)
            }
            try section.set(.awsRegion, region.rawValue)
            try section.set(.stack, stack.name)
            if let url = output("sqs_queue", "commit", "queueUrl") { try section.set(.commitQueueURL, url) }
            if let url = output("sqs_queue", "commit-dlq", "queueUrl") { try section.set(.commitDLQURL, url) }
            if let table = output("dynamodb_table", "seat-locks", "tableName") { try section.set(.seatLockTable, table) }
            try section.set(.admissionRatePerSec, String(stack.app.admissionRatePerSecond))
            try section.set(.holdTTLSec, String(stack.app.holdTTLSeconds))
            if let endpointURL { try section.set(.awsEndpointURL, endpointURL) }
            return section
    }
}
