import Provisioning

/// What `down` leaves on purpose, one line each, listed before it asks for the stack name: a
/// production stack's data — Aurora's final snapshot, and the ALBs' access-log buckets.
public enum DataKept {
    public static func lines(_ deployment: Deployment, graph: ResourceGraph) -> [String] {
        guard deployment.stack.production else { return [] }
        var lines: [String] = []
        if deployment.selection.contains(.dataplane) {
            if deployment.skipFinalSnapshot {
                lines.append("production stack: --skip-final-snapshot given, Aurora's data is deleted with no snapshot")
            } else {
                lines += deployment.regions.map { region in
                    let cluster = deployment.stack.namer(for: region.region).name("aurora", limit: .rds)
                    return "production stack: keeps Aurora's data in \(region.region.name) as final snapshot \(cluster)-final-<UTC time>"
                }
            }
        }
        if deployment.selection.contains(.services) {
            lines += graph.order.compactMap { graph.resources[$0] as? AccessLogBucketResource }.map { bucket in
                "production stack: keeps the ALB's access logs in \(bucket.client.region) in bucket s3://\(bucket.bucket) "
                    + "(expiring after \(bucket.retentionDays) days)"
            }
        }
        return lines
    }
}
