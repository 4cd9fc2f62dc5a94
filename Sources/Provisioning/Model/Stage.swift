import Foundation

/// The numbered stages of the stack, applied in order. The number fixes the order and gives
/// operators a short handle (`--stage 03`); the slug names files in `infra/out/<region>/`.
public enum Stage: Int, CaseIterable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case network = 0
    case ecr = 1
    case cluster = 2
    case dataplane = 3
    case taskdefs = 4
    case services = 5
    case autoscaling = 6
    case cloudfront = 7
    case dbInit = 8

    /// Two-digit number, e.g. `03`.
    public var number: String { rawValue < 10 ? "0\(rawValue)" : "\(rawValue)" }

    /// The name without its number, e.g. `dataplane`.
    public var name: String {
        switch self {
        case .network: "network"
        case .ecr: "ecr"
        case .cluster: "cluster"
        case .dataplane: "dataplane"
        case .taskdefs: "taskdefs"
        case .services: "services"
        case .autoscaling: "autoscaling"
        case .cloudfront: "cloudfront"
        case .dbInit: "db-init"
        }
    }

    /// `NN-name`, e.g. `03-dataplane`: the tag value and the state file's base name.
    public var slug: String { "\(number)-\(name)" }

    public var description: String { slug }

    /// Accepts `3`, `03`, `03-dataplane` or `dataplane`.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(text), let stage = Stage(rawValue: number) {
            self = stage
            return
        }
        guard let stage = Stage.allCases.first(where: { $0.slug == text || $0.name == text }) else {
            return nil
        }
        self = stage
    }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let stage = Stage(argument: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown stage '\(text)'")
        }
        self = stage
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(slug)
    }
}
