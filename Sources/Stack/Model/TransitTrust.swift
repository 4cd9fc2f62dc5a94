/// What the services check their servers' certificates against, as the stack says: the CA files
/// `tpsctl build` puts in every service image (at fixed paths) and the TLS settings the task
/// definitions give the services. The task definitions are the same for AWS and local runs: the
/// files differ, taken from the `local` section when the services reach local servers, and only
/// that section can add REDIS_CA_FILE (ElastiCache needs none).
public struct TransitTrust: Sendable, Equatable {
    /// Where the database's CA bundle is in every service image (DB_SSLROOTCERT).
    public static let databaseCAPath = "/etc/ssl/tps/database-ca.pem"
    /// Where a named Redis CA is in every service image (REDIS_CA_FILE).
    public static let redisCAPath = "/etc/ssl/tps/redis-ca.pem"

    public enum DatabaseCheck: Sendable, Equatable {
        /// `verify-full` against the bundle at `databaseCAPath`: Aurora's RDS CAs, or the local CA.
        case bundle
        /// `verify-full` against the system roots: an RDS Proxy's certificate is ACM's, which
        /// chains to Amazon's public roots, not to the RDS CAs.
        case systemRoots
        /// `require`: encrypted, certificate unchecked (no bundle named).
        case unchecked
    }

    /// Image path → host file, for `tpsctl build`.
    public let imageFiles: [String: String]
    public let database: DatabaseCheck
    /// REDIS_CA_FILE, when the stack names Redis's CA (locally); nil: the system roots.
    public let redisCAFile: String?
    /// The services reach `local.databaseURL`, not Aurora.
    public let reachesLocalDatabase: Bool

    public init(_ stack: Stack) {
        var files: [String: String] = [:]
        reachesLocalDatabase = stack.local?.databaseURL != nil
        let bundle = reachesLocalDatabase ? stack.local?.databaseCA : stack.dataPlane.aurora.caBundle
        if !reachesLocalDatabase && stack.dataPlane.aurora.proxy.enabled {
            database = .systemRoots
        } else if let bundle {
            files[Self.databaseCAPath] = bundle
            database = .bundle
        } else {
            database = .unchecked
        }
        if let redisCA = stack.local?.redisCA, stack.local?.redisURL?.scheme == "rediss" {
            files[Self.redisCAPath] = redisCA
            redisCAFile = Self.redisCAPath
        } else {
            redisCAFile = nil
        }
        imageFiles = files
    }

    /// DB_SSLMODE.
    public var databaseSSLMode: String { database == .unchecked ? "require" : "verify-full" }

    /// DB_SSLROOTCERT; nil: the system roots (or no check).
    public var databaseRootCertificate: String? { database == .bundle ? Self.databaseCAPath : nil }
}

extension TransitTrust {
    /// Why the services would not check Aurora's certificate, for `plan`/`build` to warn and
    /// `verify` to refuse in production; nil when they do, or reach a local server instead (a
    /// local stack without `local.databaseCA` runs `require`, quietly: test stacks do).
    public var uncheckedDatabaseProblem: String? {
        guard database == .unchecked, !reachesLocalDatabase else { return nil }
        return "dataPlane.aurora.caBundle is not set: the services encrypt to Aurora without checking its certificate "
            + "(sslmode require); download AWS's RDS CA bundle (\(CABundleFile.rdsGlobalBundleURL)) and name it there"
    }
}
