import Foundation
import Provisioning
import Stack

/// What a `plan`/`up`/`down`/`diff`/`outputs` invocation asks for, as typed on the command line.
public struct DeploymentRequest: Sendable {
    public var stackPath: String
    public var regions: [String]
    public var allRegions: Bool
    public var stage: String?
    public var from: String?
    public var to: String?
    public var stateDirectory: String
    public var endpointURL: String?
    /// Where `tpsctl build` left the images; nil is `<stateDirectory>/images`.
    public var imagesDirectory: String?
    /// `--image <service>=<repository>@sha256:<digest>`: deploy these instead of stage 01's images.
    public var images: [String] = []
    public var templatesDirectory = "templates"

    public init(stackPath: String = "stacks/max-tps.yaml", regions: [String] = [], allRegions: Bool = false,
                stage: String? = nil, from: String? = nil, to: String? = nil, stateDirectory: String = "infra/out",
                endpointURL: String? = nil, imagesDirectory: String? = nil) {
        self.stackPath = stackPath
        self.regions = regions
        self.allRegions = allRegions
        self.stage = stage
        self.from = from
        self.to = to
        self.stateDirectory = stateDirectory
        self.endpointURL = endpointURL
        self.imagesDirectory = imagesDirectory
    }

    /// Checks the whole input — the stack file (file:line errors), the regions, the stage flags —
    /// before anything talks to AWS. `environment` supplies AWS_ENDPOINT_URL and, for stacks
    /// with a local section, the registry override (TPS_REGISTRY_URL, _USERNAME, _PASSWORD).
    public func validate(environment: [String: String]) throws -> Deployment {
        let stack = try StackLoader.load(path: stackPath)
        let selection = try StageSelection(stage: stage, from: from, to: to)
        if allRegions, !regions.isEmpty { throw DeploymentInputError("--region: cannot be combined with --all-regions") }
        var chosen: [RegionConfig] = []
        for name in regions {
            guard let config = stack.regions.first(where: { $0.region.name == name }) else {
                let known = stack.regions.map(\.region.name).joined(separator: ", ")
                throw DeploymentInputError("--region: '\(name)' is not a region of \(stackPath) (it has \(known))")
            }
            if !chosen.contains(where: { $0.region == config.region }) { chosen.append(config) }
        }
        if chosen.isEmpty { chosen = stack.regions }
        guard !stateDirectory.isEmpty else { throw DeploymentInputError("--state-dir: must not be empty") }
        let endpoint = endpointURL ?? (environment["AWS_ENDPOINT_URL"] == nil ? stack.local?.endpointURL.rawValue : nil)
        if let endpoint, URL(string: endpoint)?.host == nil {
            throw DeploymentInputError("--endpoint-url: '\(endpoint)' is not a URL")
        }
        let state = URL(fileURLWithPath: stateDirectory)
        let shipping = ImageShipping(
            imagesDirectory: imagesDirectory.map { URL(fileURLWithPath: $0) } ?? state.appendingPathComponent("images"),
            registryOverride: RegistryOverride.resolve(hasLocalSection: stack.local != nil,
                                                       stackURL: stack.local?.registryURL?.rawValue, environment: environment),
            usesEmulator: endpoint != nil || environment["AWS_ENDPOINT_URL"] != nil, immutableTags: stack.ecr.immutableTags)
        var deployment = Deployment(stack: stack, regions: chosen, selection: selection, stateDirectory: state,
                                    endpointURL: endpoint, environmentEndpointURL: endpoint ?? environment["AWS_ENDPOINT_URL"],
                                    shipping: shipping)
        deployment.images = try parsedImages()
        deployment.templatesDirectory = templatesDirectory
        deployment.localPasswords = LocalServerPasswords.resolve(local: stack.local, environment: environment)
        return deployment
    }

    /// nil when no `--image` was given; otherwise one reference by digest for every service.
    func parsedImages() throws -> ImageSource? {
        guard !images.isEmpty else { return nil }
        var references: [ServiceName: String] = [:]
        for entry in images {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let service = ServiceName(rawValue: parts[0]) else {
                let names = ServiceName.allCases.map(\.rawValue).joined(separator: ", ")
                throw DeploymentInputError("--image: '\(entry)' is not <service>=<image> with a service of \(names)")
            }
            guard parts[1].contains("@sha256:") else {
                throw DeploymentInputError("--image: '\(parts[1])' is not a reference by digest (<repository>@sha256:<digest>)")
            }
            references[service] = parts[1]
        }
        if let missing = ServiceName.allCases.first(where: { references[$0] == nil }) {
            throw DeploymentInputError("--image: no image for \(missing); give one for every service")
        }
        return .fixed(references)
    }
}

/// A request that failed validation: one line naming the flag.
public struct DeploymentInputError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
