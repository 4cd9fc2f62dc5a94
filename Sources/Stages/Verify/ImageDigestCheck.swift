import AWSClient
import ContainerImage
import Stack

/// Every image digest a service runs (or is given with `--image`) in any region must be in
/// each region's repository of that service: a region missing it cannot start a task there,
/// and a failover region must hold what the primary runs. A HEAD of the manifest per digest.
struct ImageDigestCheck {
    let shipping: ImageShipping

    /// `digests`: per service, every digest to find, with where it was referenced.
    func findings(_ region: RegionVerification, digests: [ServiceName: [String: String]]) async -> [VerifyFinding] {
        var findings: [VerifyFinding] = []
        for service in ServiceName.allCases {
            guard let wanted = digests[service], !wanted.isEmpty else { continue }
            let repository = "\(region.account).dkr.ecr.\(region.region).amazonaws.com/\(region.namer.repositoryName(service))"
            do {
                let destination = try shipping.destination(repositoryUri: repository, client: region.target.client)
                for (digest, referencedBy) in wanted.sorted(by: { $0.key < $1.key }) {
                    let found = try await destination.registry.resolve(
                        repository: destination.repository, reference: digest, credentials: destination.credentials)
                    if found == nil {
                        findings.append(region.finding(.image,
                            "\(service.rawValue): \(digest) (\(referencedBy)) is not in repository \(destination.repository)"))
                    }
                }
            } catch {
                findings.append(region.finding(.image, "\(service.rawValue): repository \(repository) not readable: \(Self.firstLine(error))"))
            }
        }
        return findings
    }

    /// The digest of `host/repository@sha256:…`, nil for a reference by tag.
    static func digest(ofImage image: String) -> String? {
        guard let at = image.lastIndex(of: "@") else { return nil }
        let digest = String(image[image.index(after: at)...])
        return digest.hasPrefix("sha256:") ? digest : nil
    }

    static func firstLine(_ error: any Error) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
