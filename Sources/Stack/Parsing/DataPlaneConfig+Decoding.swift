extension DataPlaneConfig {
    /// `dataPlane`: queue, seatLocks, redis, aurora; each optional with production defaults.
    static func decode(_ reader: MappingReader) -> DataPlaneConfig {
        var plane = DataPlaneConfig()
        if let queue = reader.mapping("queue") { plane.queue = CommitQueueConfig.decode(queue) }
        if let table = reader.mapping("seatLocks") { plane.seatLocks = SeatLockTableConfig.decode(table) }
        if let redis = reader.mapping("redis") { plane.redis = RedisConfig.decode(redis) }
        if let aurora = reader.mapping("aurora") { plane.aurora = AuroraConfig.decode(aurora) }
        reader.finish()
        return plane
    }
}

extension CommitQueueConfig {
    static func decode(_ reader: MappingReader) -> CommitQueueConfig {
        let base = CommitQueueConfig()
        let queue = CommitQueueConfig(
            visibilityTimeoutSeconds: reader.integer("visibilityTimeoutSeconds", in: visibilityTimeoutRange)
                ?? base.visibilityTimeoutSeconds,
            maxReceiveCount: reader.integer("maxReceiveCount", in: maxReceiveCountRange) ?? base.maxReceiveCount,
            receiveWaitTimeSeconds: reader.integer("receiveWaitTimeSeconds", in: receiveWaitTimeRange)
                ?? base.receiveWaitTimeSeconds,
            messageRetentionSeconds: reader.integer("messageRetentionSeconds", in: retentionRange)
                ?? base.messageRetentionSeconds,
            deadLetterRetentionSeconds: reader.integer("deadLetterRetentionSeconds", in: retentionRange)
                ?? base.deadLetterRetentionSeconds)
        reader.finish()
        return queue
    }
}

extension SeatLockTableConfig {
    static func decode(_ reader: MappingReader) -> SeatLockTableConfig {
        let base = SeatLockTableConfig()
        let table = SeatLockTableConfig(
            ttlAttribute: reader.string("ttlAttribute") { name in
                (1...255).contains(name.utf8.count) ? nil : "an attribute name must be 1–255 bytes"
            } ?? base.ttlAttribute,
            pointInTimeRecovery: reader.boolean("pointInTimeRecovery") ?? base.pointInTimeRecovery,
            expectedHoldsPerSecond: reader.integer("expectedHoldsPerSecond", in: expectedHoldsPerSecondRange)
                ?? base.expectedHoldsPerSecond)
        reader.finish()
        return table
    }
}

extension RedisConfig {
    static func decode(_ reader: MappingReader) -> RedisConfig {
        let base = RedisConfig()
        let redis = RedisConfig(
            nodeType: reader.string("nodeType", check: problemWithNodeType) ?? base.nodeType,
            replicas: reader.integer("replicas", in: replicasRange) ?? base.replicas,
            engineVersion: reader.string("engineVersion", check: EngineVersion.problem) ?? base.engineVersion,
            transitEncryption: reader.boolean("transitEncryption") ?? base.transitEncryption,
            atRestEncryption: reader.boolean("atRestEncryption") ?? base.atRestEncryption)
        reader.finish()
        return redis
    }
}

extension AuroraConfig {
    static func decode(_ reader: MappingReader) -> AuroraConfig {
        let base = AuroraConfig()
        var aurora = AuroraConfig(
            engineVersion: reader.string("engineVersion", check: EngineVersion.problem) ?? base.engineVersion,
            minACU: reader.decimal("minACU", check: problemWithACU) ?? base.minACU,
            maxACU: reader.decimal("maxACU", check: problemWithACU) ?? base.maxACU,
            databaseName: reader.string("databaseName") { problemWithIdentifier($0, what: "database name") }
                ?? base.databaseName,
            masterUsername: reader.string("masterUsername") { problemWithIdentifier($0, what: "user name") }
                ?? base.masterUsername,
            backupRetentionDays: reader.integer("backupRetentionDays", in: backupRetentionRange)
                ?? base.backupRetentionDays,
            connectionsPerTask: reader.integer("connectionsPerTask", in: connectionsPerTaskRange)
                ?? base.connectionsPerTask,
            proxy: reader.mapping("proxy").map(AuroraProxyConfig.decode) ?? base.proxy)
        aurora.caBundle = reader.caBundle("caBundle", hint: " (AWS's bundle of the RDS CAs: \(CABundleFile.rdsGlobalBundleURL))")
        reader.finish()
        return aurora
    }
}

extension AuroraProxyConfig {
    static func decode(_ reader: MappingReader) -> AuroraProxyConfig {
        let base = AuroraProxyConfig()
        let proxy = AuroraProxyConfig(
            enabled: reader.boolean("enabled") ?? base.enabled,
            maxConnectionsPercent: reader.integer("maxConnectionsPercent", in: maxConnectionsPercentRange)
                ?? base.maxConnectionsPercent,
            connectionBorrowTimeoutSeconds: reader.integer("connectionBorrowTimeoutSeconds", in: borrowTimeoutRange)
                ?? base.connectionBorrowTimeoutSeconds,
            idleClientTimeoutSeconds: reader.integer("idleClientTimeoutSeconds", in: idleClientTimeoutRange)
                ?? base.idleClientTimeoutSeconds)
        reader.finish()
        return proxy
    }
}

/// Engine versions are dotted numbers (`7.1`, `16.4`); quoted or not, they are read as text.
enum EngineVersion {
    static func problem(_ version: String) -> String? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        let valid = (1...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        return valid ? nil : "'\(version)' is not an engine version (digits and dots, e.g. 16.4)"
    }
}
