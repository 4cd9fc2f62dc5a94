import Foundation
import Provisioning
import Stack

/// What a `plan`/`up`/`down`/`diff`/`outputs` invocation asks for, as typed on the command line.
public struct DeploymentRequest: Sendable {
    public var stackPath: String
    public var regions: [String]
    public var allRegions: Bool
    /// `--stage` or `--from`/`--to`, checked when the flags were parsed.
    public var selection: StageSelection
    public var stateDirectory: String
    public var endpointURL: String?
    /// Where `tpsctl build` left the images; nil is `<stateDirectory>/images`.
    public var imagesDirectory: String?
    /// `--image`: deploy these instead of stage 01's images (one for every service, or none).
    public var images: [ImageOverride] = []
    public var templatesDirectory = "templates"

    public init(stackPath: String = "stacks/max-tps.yaml", regions: [String] = [], allRegions: Bool = false,
                selection: StageSelection = .all, stateDirectory: String = "infra/out",
                endpointURL: String? = nil, imagesDirectory: String? = nil) {
        self.stackPath = stackPath
        self.regions = regions
        self.allRegions = allRegions
        self.selection = selection
        self.stateDirectory = stateDirectory
        self.endpointURL = endpointURL
        self.imagesDirectory = imagesDirectory
    }

    /// Checks the whole input — the stack file (file:line errors), the regions, the stage flags —
    /// before anything talks to AWS. `environment` supplies AWS_ENDPOINT_URL and, for stacks
    /// with a local section, the registry override (TPS_REGISTRY_URL, _USERNAME, _PASSWORD).
    public func validate(environment: [String: String]) throws -> Deployment {
        let stack = try StackLoader.load(path: stackPath)
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
        // Which endpoint overrides AWS's: the flag, else the stack's local one unless the environment
        // names its own. Checked where the clients' configuration resolves it (`EndpointResolver`).
        let endpoint = endpointURL ?? (environment["AWS_ENDPOINT_URL"] == nil ? stack.local?.endpointURL.rawValue : nil)
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
        let references = Dictionary(images.map { ($0.service, $0.reference) }) { _, last in last }
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
