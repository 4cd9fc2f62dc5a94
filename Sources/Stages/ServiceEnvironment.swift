import Provisioning
import Stack

/// Builds each region's `.env.generated` section from what `up` recorded: the keys the services
/// read (BRIEF), never a secret value. Keys whose stage has not run yet are left out.
public enum ServiceEnvironment {
    public static func projection(stack: Stack, endpointURL: String?) -> EnvironmentProjection {
        { recorded in
            var section = EnvironmentSection(region: recorded.region)
            let region = recorded.region
            func output(_ kind: String, _ name: String, _ key: String) -> String? {
                recorded.value(key, of: DataPlaneStage.address(region, kind: kind, name: name))?.text
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
}
