import Foundation
import Provisioning
import Stack

/// Builds a region's service environment from stage outputs: the keys the services read
/// (BRIEF), never a secret value. Keys whose stage has not run yet are left out. The same
/// function feeds `.env.generated` (from what `up` recorded) and the task definitions of stage
/// 04 (from their dependencies' outputs), so the two can never list different keys.
public enum ServiceEnvironment {
    public static func projection(stack: Stack, endpointURL: String?) -> EnvironmentProjection {
        { recorded in
            try section(stack: stack, region: recorded.region, endpointURL: endpointURL, outputs: recorded)
        }
    }

    /// The resources of one region whose outputs `section` may read (stage 04 depends on them).
    static func sources(in stage: DataPlaneStage) -> [ResourceAddress] {
        stage.resources().map(\.address)
    }

    /// Reads the outputs of stage 03's resources; one it cannot read leaves its key out, one
    /// not known yet shows as the renderer's unknown marker.
    public static func section(
        stack: Stack, region: RegionName, endpointURL: String?, outputs: some OutputReader
    ) throws -> EnvironmentSection {
        var section = EnvironmentSection(region: region)
        func output<Outputs>(_ key: KeyPath<Outputs, String>, of resource: Dependency<Outputs>) -> String? {
            switch try? outputs.output(key, of: resource) {
            case let .known(value)?: value
            case .knownAfterApply?: TaskDefinitionRenderer.unknownMarker
            case nil: nil
            }
        }
        let redis = DataPlaneStage.redis(region), database = DataPlaneStage.database(region)
        func secret(_ name: String) -> String? { output(\.secret.arn, of: DataPlaneStage.secret(region, name)) }
        try section.set(.awsRegion, region.rawValue)
        try section.set(.stack, stack.name)
        if let url = output(\.queueUrl, of: DataPlaneStage.commitQueue(region)) { try section.set(.commitQueueURL, url) }
        if let url = output(\.queueUrl, of: DataPlaneStage.deadLetterQueue(region)) { try section.set(.commitDLQURL, url) }
        if let table = output(\.tableName, of: DataPlaneStage.seatLockTable(region)) { try section.set(.seatLockTable, table) }
        if let redisURL = stack.local?.redisURL {
            try section.set(.redisHost, redisURL.host)
            try section.set(.redisPort, String(redisURL.port ?? 6379))
            try section.set(.redisTLS, redisURL.scheme == "rediss" ? "true" : "false")
        } else if let host = output(\.host, of: redis) {
            try section.set(.redisHost, host)
            try section.set(.redisPort, output(\.port, of: redis) ?? "6379")
            try section.set(.redisTLS, output(\.transitEncryption, of: redis) ?? "true")
        }
        if let arn = secret(DataPlaneStage.redisSecretName) {
            section.setSecret(.redisAuthToken, SecretReference(arn: arn))
        }
        if let arn = secret(DataPlaneStage.roomTokenSecretName) {
            section.setSecret(.roomTokenKey, SecretReference(arn: arn))
        }
        if let arn = secret(DataPlaneStage.webhookSecretName) {
            section.setSecret(.paymentWebhookSecret, SecretReference(arn: arn))
        }
        if let databaseURL = stack.local?.databaseURL, let local = URLComponents(string: databaseURL.rawValue) {
            // Local runs reach the local PostgreSQL (the emulator's Aurora has no data plane).
            try section.set(.dbHost, databaseURL.host)
            try section.set(.dbPort, String(databaseURL.port ?? AuroraConfig.port))
            try section.set(.dbName, String(local.path.drop { $0 == "/" }))
            try section.set(.dbUser, local.user ?? "")
        } else if let host = stack.dataPlane.aurora.proxy.enabled
                    ? output(\.endpoint, of: DataPlaneStage.databaseProxy(region)) : output(\.writerEndpoint, of: database) {
            // With dataPlane.aurora.proxy the services reach the writer through the proxy.
            try section.set(.dbHost, host)
            try section.set(.dbPort, output(\.port, of: database) ?? String(AuroraConfig.port))
            try section.set(.dbName, output(\.databaseName, of: database) ?? "")
            try section.set(.dbUser, output(\.masterUsername, of: database) ?? "")
        }
        // How the services check the database's and Redis's certificates (TransitTrust): the
        // same keys on AWS and locally, naming the CA files `tpsctl build` put in the image.
        let trust = TransitTrust(stack)
        try section.set(.dbSSLMode, trust.databaseSSLMode)
        if let path = trust.databaseRootCertificate { try section.set(.dbSSLRootCert, path) }
        if let path = trust.redisCAFile { try section.set(.redisCAFile, path) }
        if stack.local?.databaseURL != nil {
            // The local server's password, kept in a secret of the stack (LocalServerPasswords).
            if let arn = secret(DataPlaneStage.localDatabaseSecretName) {
                section.setSecret(.dbPassword, SecretReference(arn: arn))
            }
        } else if let arn = output(\.masterUserSecretArn, of: database), !arn.isEmpty {
            // RDS keeps {"username", "password"} in the secret: ECS injects the `password` key.
            section.setSecret(.dbPassword, SecretReference(arn: "\(arn):password::"))
        }
        try section.set(.dbPoolSize, String(stack.dataPlane.aurora.connectionsPerTask))
        try section.set(.admissionRatePerSec, String(stack.app.admissionRatePerSecond))
        try section.set(.holdTTLSec, String(stack.app.holdTTLSeconds))
        try section.set(.maxHoldsPerUser, String(stack.app.maxHoldsPerUser))
        try section.set(.salesRegion, stack.homeRegion.name)
        if let endpointURL { try section.set(.awsEndpointURL, endpointURL) }
        return section
    }
}
