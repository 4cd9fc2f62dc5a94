extension LocalConfig {
    /// `local`; the URLs are never echoed in errors since they may carry passwords.
    static func decode(_ reader: MappingReader) -> LocalConfig? {
        let endpoint = url(reader, "endpointURL", schemes: ["http", "https"], required: true)
        let registry = url(reader, "registryURL", schemes: ["http", "https"])
        let database = url(reader, "databaseURL", schemes: ["postgres", "postgresql"])
        let redis = url(reader, "redisURL", schemes: ["redis", "rediss"])
        let databaseCA = reader.caBundle("databaseCA", hint: " (scripts/testenv start makes .testenv/tls/ca.pem)")
        let redisCA = reader.caBundle("redisCA", hint: " (scripts/testenv start makes .testenv/tls/ca.pem)")
        reader.finish()
        return endpoint.map { endpoint -> LocalConfig in
            var local = LocalConfig(endpointURL: endpoint, registryURL: registry, databaseURL: database, redisURL: redis)
            local.databaseCA = databaseCA
            local.redisCA = redisCA
            return local
        }
    }

    private static func url(_ reader: MappingReader, _ key: String, schemes: Set<String>,
                            required: Bool = false) -> ConnectionURL? {
        let schemeList = schemes.sorted().map { "\($0)://" }.joined(separator: " or ")
        return reader.read(key, required: required, expected: "a URL", ScalarConversion.string) { text in
            ConnectionURL(text, schemes: schemes) == nil ? "expected a URL with a host, starting with \(schemeList)" : nil
        }.flatMap { ConnectionURL($0, schemes: schemes) }
    }
}
