import AWSClient
import ContainerImage
import Provisioning
import Stack

/// A service's (or the load bot's) image in a region's repository: the layout `tpsctl build` produced, pushed
/// under its source revision. The live object is "the registry holds the desired digest", so
/// a rebuilt image plans as a create (the old one stays until the lifecycle policy expires it),
/// and a converged stage costs two manifest HEADs and no upload.
///
/// Not built yet: read finds nothing, the plan shows `+ ecr_image.<service>` with the digest
/// `(not built: run tpsctl build --service <service>)`, and `up` fails this resource with that
/// advice — its dependents (task definitions) are skipped, everything else proceeds.
struct ECRImageResource: Resource {
    struct Live: Sendable {
        var destination: ImageDestination
        var digest: Digest
        var tag: String
        /// What the tag names in the registry (nil: untagged).
        var tagDigest: Digest?
    }

    let address: ResourceAddress
    /// The image's name in the images directory: a service's, or `load-bot`.
    let image: String
    let repository: Dependency<ECRRepositoryResource.Outputs>
    let client: AWSClient
    let shipping: ImageShipping

    var dependencies: [ResourceAddress] { [repository.address] }

    var layoutPath: String { shipping.layoutPath(named: image) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let built = try BuiltImage.open(at: layoutPath),
              let uri = try context.output(\.repositoryUri, of: repository).value
        else { return nil }
        let destination = try shipping.destination(repositoryUri: uri, client: client)
        guard try await destination.registry.resolve(repository: destination.repository, reference: built.digest.description,
                                                     credentials: destination.credentials) != nil
        else { return nil }
        let tagDigest = try await destination.registry.resolve(repository: destination.repository, reference: built.tag,
                                                               credentials: destination.credentials)
        return Live(destination: destination, digest: built.digest, tag: built.tag, tagDigest: tagDigest)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        guard let built = try BuiltImage.open(at: layoutPath) else {
            diff.compare("digest", desired: FieldValue.known("(not built: run tpsctl build --service \(image))"), live: nil as String?)
            return
        }
        diff.compare("digest", desired: built.digest.description, live: live?.digest.description)
        diff.compare("tag", desired: built.tag, live: live.map(Self.tagState))
    }

    /// The tag as the registry has it: the desired name when it points at this image.
    static func tagState(_ live: Live) -> String {
        guard let tagDigest = live.tagDigest else { return "(untagged)" }
        return tagDigest == live.digest ? live.tag : "\(live.tag) -> \(tagDigest)"
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let uri = try context.requireOutput(\.repositoryUri, of: repository)
        return try await push(to: try shipping.destination(repositoryUri: uri, client: client))
    }

    /// Re-tags: the digest is already there, only the tag is missing or elsewhere (an
    /// immutable tag elsewhere is the push's clear error).
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await push(to: live.destination)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        if live.destination.isECR {
            try await ECR(client: client).deleteImage(repositoryName: live.destination.repository, digest: live.digest.description)
        } else {
            try await live.destination.registry.deleteManifest(repository: live.destination.repository, digest: live.digest,
                                                               credentials: live.destination.credentials)
        }
    }

    struct Outputs: PublishedOutputs {
        let imageUri, digest, tag: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(imageUri: live.destination.imageURI(live.digest), digest: live.digest.description, tag: live.tag)
    }

    private func push(to destination: ImageDestination) async throws -> Live {
        guard let built = try BuiltImage.open(at: layoutPath) else {
            throw ImageShippingError("\(image): no image at \(layoutPath); run tpsctl build --service \(image) first")
        }
        let report = try await destination.registry.push(layout: built.layout, repository: destination.repository,
                                                         tag: built.tag, credentials: destination.credentials)
        return Live(destination: destination, digest: report.digest, tag: built.tag, tagDigest: report.digest)
    }
}
