import ArgumentParser

/// Which SwiftPM configuration `tpsctl build` compiles the services in.
enum BuildConfiguration: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// What ships: optimised, with the Swift runtime linked in statically.
    case release
    /// The package's ordinary debug build, shared with `swift build` / `make test`, so the local
    /// run (`make demo`) gets its images in about a minute instead of a cold release compile.
    /// Dynamically linked on purpose: objects compiled for a static link carry static autolink
    /// entries and would break the next ordinary build in the same `.build`. The image then
    /// carries the Swift runtime's shared libraries, found like any other ELF dependency.
    case debug

    /// `swift build` flags selecting this configuration.
    var swiftBuildFlags: [String] {
        switch self {
        case .release: ["-c", "release", "--static-swift-stdlib"]
        case .debug: ["-c", "debug"]
        }
    }
}
