import Stack

/// One `--image <service>=<repository>@sha256:<digest>`: a service's image given by digest
/// instead of the one stage 01 pushed.
public struct ImageOverride: Sendable, Hashable {
    public let service: ServiceName
    public let reference: String

    public init(parsing entry: String) throws(Refusal) {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let service = ServiceName(rawValue: parts[0]) else {
            let names = ServiceName.allCases.map(\.rawValue).joined(separator: ", ")
            throw Refusal(reason: "'\(entry)' is not <service>=<image> with a service of \(names)")
        }
        guard parts[1].contains("@sha256:") else {
            throw Refusal(reason: "'\(parts[1])' is not a reference by digest (<repository>@sha256:<digest>)")
        }
        self.service = service
        self.reference = parts[1]
    }

    /// What is wrong with the entry (the caller names the flag).
    public struct Refusal: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "--image: \(reason)" }
    }
}
