import ArgumentParser

/// Which SwiftPM configuration `tpsctl build` compiles the services in. Release is what ships
/// (optimised, small); debug reuses the objects a `swift build` / `make test` already made, so
/// the local run (`make demo`) gets its images in about a minute instead of a cold release
/// compile — larger binaries, same behaviour.
enum BuildConfiguration: String, CaseIterable, ExpressibleByArgument, Sendable {
    case release
    case debug
}
