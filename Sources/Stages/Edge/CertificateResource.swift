import AWSClient
import Provisioning

/// A public ACM certificate for one name, validated by DNS: the distribution's (in us-east-1,
/// where CloudFront takes certificates from) or one ALB's (in its region). Found by its name and
/// tags. `up` waits until it is ISSUED: the validation CNAMEs go into the stack's hosted zone
/// when it names one, otherwise they are printed for the DNS operator and the wait shows progress
/// until ACM sees them (ACM itself gives up after 72 hours). The CNAMEs stay in the zone after a
/// `down`: they hold no secret and a new certificate for the same name reuses them.
struct CertificateResource: Resource {
    struct Live: Sendable {
        var arn: String
        var domainName: String
        var status: String
    }

    let address: ResourceAddress
    /// Signs for the certificate's region (us-east-1 for the distribution's).
    let client: AWSClient
    let domainName: String
    /// `domain.hostedZoneId`; nil: the validation records are printed.
    let hostedZoneId: String?

    var acm: CertificateManager { CertificateManager(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        for (arn, name) in try await acm.listCertificates() where name == domainName {
            guard context.identity.match(try await acm.tags(arn: arn)) else { continue }
            let certificate = try await acm.describeCertificate(arn: arn)
            return Live(arn: arn, domainName: certificate.domainName, status: certificate.status)
        }
        return nil
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("domainName", desired: domainName, live: live?.domainName, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let arn = try await acm.requestCertificate(domainName: domainName, idempotencyToken: context.idempotencyToken(),
                                                   tags: context.tags)
        return Live(arn: arn, domainName: domainName, status: "PENDING_VALIDATION")
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    /// A certificate still attached (the ALB or distribution is letting go) answers ResourceInUse.
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retrying(attempts: 60, while: { $0.code == "ResourceInUseException" }) {
            try await AWSErrorMatching.ignoringNotFound { try await acm.deleteCertificate(arn: live.arn) }
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "ISSUED" else { return live }
        let acm = acm
        // ACM publishes the validation record a few seconds after the request.
        let records = try await context.wait(for: "\(domainName): validation record", timeout: .seconds(10 * 60)) {
            let certificate = try await acm.describeCertificate(arn: live.arn)
            return certificate.validationRecords.isEmpty ? .pending(certificate.status) : .done(certificate.validationRecords)
        }
        if let hostedZoneId {
            try await Route53(client: client).change(
                zoneId: hostedZoneId,
                records.map { (action: "UPSERT", record: .init(name: $0.name, type: "CNAME", ttl: 300, values: [$0.value])) },
                comment: "ACM validation of \(domainName)")
        } else {
            for record in records {
                context.events.emit(.note(address, message: "create in the DNS of \(domainName): \(record.name) CNAME \(record.value)"))
            }
        }
        let issued = try await context.wait(for: "\(domainName): ACM validation", timeout: .seconds(72 * 3600)) {
            let certificate = try await acm.describeCertificate(arn: live.arn)
            switch certificate.status {
            case "ISSUED": return .done(certificate)
            case "PENDING_VALIDATION": return .pending("PENDING_VALIDATION until \(records.map(\.name).joined(separator: ", ")) resolves")
            default: throw StageFailure("certificate for \(domainName) is \(certificate.status); delete it (tpsctl down) and run up again")
            }
        }
        return Live(arn: live.arn, domainName: live.domainName, status: issued.status)
    }

    struct Outputs: PublishedOutputs {
        let arn, domainName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.arn, domainName: live.domainName)
    }
}

extension CertificateResource: SingleKindResource {
    static let kind = "acm_certificate"

    /// The stack's certificates of one stage in the scope's region (us-east-1 for the distribution's).
    static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject] {
        let acm = CertificateManager(client: scope.client)
        var found: [TaggedObject] = []
        for (arn, _) in try await acm.listCertificates() {
            let tags = try await acm.tags(arn: arn)
            // A stack region in us-east-1 would hold both the distribution's and an ALB's: each stage keeps to its own.
            if tags[ResourceTags.stackKey] == stack, tags[ResourceTags.stageKey] == scope.stage.slug {
                found.append(TaggedObject(id: arn, tags: tags))
            }
        }
        return found
    }

    static func delete(id: String, in scope: Scope, context: ResourceContext) async throws {
        let acm = CertificateManager(client: scope.client)
        try await AWSErrorMatching.retrying(attempts: 60, while: { $0.code == "ResourceInUseException" }) {
            try await AWSErrorMatching.ignoringNotFound { try await acm.deleteCertificate(arn: id) }
        }
    }

    /// Certificates are swept by the stage that made them: the distribution's (us-east-1) and
    /// the load balancer's.
    struct Scope: Sendable {
        /// Signs for the region the certificates are in.
        let client: AWSClient
        let stage: Stage
    }
}
