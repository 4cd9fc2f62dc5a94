/// The shared config file (~/.aws/config) and credentials file (~/.aws/credentials), parsed.
/// Missing files read as empty; malformed ones throw with file:line.
public struct SharedConfigFiles: Sendable, Equatable {
    public var config: INIFile
    public var credentials: INIFile

    public init(config: INIFile, credentials: INIFile) {
        self.config = config
        self.credentials = credentials
    }

    /// Loads both files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or their defaults.
    public static func load(environment: AWSEnvironment) throws -> SharedConfigFiles {
        let configPath = environment.configFilePath
        let credentialsPath = environment.credentialsFilePath
        return SharedConfigFiles(
            config: try INIFile.load(path: configPath, displayPath: environment.displayPath(configPath)),
            credentials: try INIFile.load(path: credentialsPath, displayPath: environment.displayPath(credentialsPath)))
    }

    /// The two files as shown in messages.
    public var displayPaths: [String] { [credentials.displayPath, config.displayPath] }

    /// The merged profile, or `nil` when neither file defines it.
    public func profile(_ name: String) -> Profile? {
        // Config file: `[profile x]`, and `[default]` for the default profile; `[profile default]` wins over `[default]`.
        var configSections: [INISection] = []
        if name == "default", let plain = config.section("default") { configSections.append(plain) }
        if let prefixed = config.section("profile " + name) { configSections.append(prefixed) }
        let credentialsSection = credentials.section(name)
        guard !configSections.isEmpty || credentialsSection != nil else { return nil }

        var settings: [String: Profile.Setting] = [:]
        func merge(_ section: INISection, from file: INIFile) {
            for (key, property) in section.properties {
                settings[key] = Profile.Setting(
                    value: property.value, location: "\(file.displayPath):\(property.line)",
                    subProperties: property.subProperties)
            }
        }
        configSections.forEach { merge($0, from: config) }
        if let credentialsSection { merge(credentialsSection, from: credentials) }

        let header = configSections.last.map { "\(config.displayPath):\($0.line)" }
            ?? credentialsSection.map { "\(credentials.displayPath):\($0.line)" } ?? ""
        return Profile(name: name, settings: settings, location: header)
    }

    /// A `[services name]` section of the config file (per-service endpoint settings).
    public func servicesSection(_ name: String) -> INISection? {
        config.section("services " + name)
    }
}
