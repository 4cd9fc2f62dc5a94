/// The Aurora PostgreSQL Serverless v2 cluster.
public struct AuroraConfig: Sendable, Equatable {
    public var engineVersion: String
    /// Aurora capacity units: 0–256 in steps of 0.5 (0 lets the cluster pause when idle).
    public var minACU: Double
    public var maxACU: Double
    public var databaseName: String
    /// The master password is managed by RDS in Secrets Manager (ManageMasterUserPassword).
    public var masterUsername: String
    public var backupRetentionDays: Int
    /// The PostgreSQL pool of each task of each service (DB_POOL_SIZE): with every service's
    /// maxCount it must fit what the writer accepts at maxACU (`AuroraConnectionLimit`).
    public var connectionsPerTask: Int
    /// An RDS Proxy between the services and the writer (`AuroraProxyConfig`), off by default.
    public var proxy: AuroraProxyConfig
    /// The RDS CA bundle (a PEM file, absolute once loaded): `tpsctl build` puts it in every
    /// service image and the services check Aurora's certificate against it (`verify-full`).
    /// nil: encrypted but unchecked (`require`), which `tpsctl verify` refuses for production.
    public var caBundle: String?

    public init(engineVersion: String = "16.4", minACU: Double = 0.5, maxACU: Double = 16,
                databaseName: String = "ticketing", masterUsername: String = "tps_admin",
                backupRetentionDays: Int = 7, connectionsPerTask: Int = 20,
                proxy: AuroraProxyConfig = AuroraProxyConfig()) {
        self.engineVersion = engineVersion
        self.minACU = minACU
        self.maxACU = maxACU
        self.databaseName = databaseName
        self.masterUsername = masterUsername
        self.backupRetentionDays = backupRetentionDays
        self.connectionsPerTask = connectionsPerTask
        self.proxy = proxy
    }

    public static let port = 5432
    public static let acuRange: ClosedRange<Double> = 0...256
    public static let backupRetentionRange = 1...35
    public static let connectionsPerTaskRange = 1...1_000

    /// nil when `value` is a valid capacity, otherwise why not.
    public static func problemWithACU(_ value: Double) -> String? {
        guard acuRange.contains(value), (value * 2).rounded() == value * 2 else {
            return "must be between 0 and 256 in steps of 0.5, got \(formatACU(value))"
        }
        return nil
    }

    /// `0.5`, `64` (no trailing `.0`).
    public static func formatACU(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// PostgreSQL identifiers RDS accepts for a database or master user name.
    static func problemWithIdentifier(_ name: String, what: String) -> String? {
        let valid = (1...63).contains(name.count)
            && name.first.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } == true
            && name.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0.isASCIIDigit || $0 == "_" }
        return valid ? nil : "'\(name)' is not a valid \(what) (1–63 letters, digits and _, starting with a letter)"
    }
}
