/// AWS Certificate Manager (JSON 1.1): the public certificates of the distribution (us-east-1)
/// and of each region's ALB, requested with DNS validation.
public struct CertificateManager: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The CNAME that proves control of one of the certificate's names.
    public struct ValidationRecord: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public struct Certificate: Sendable, Equatable {
        public var arn: String
        public var domainName: String
        /// `PENDING_VALIDATION`, `ISSUED`, `FAILED`, `VALIDATION_TIMED_OUT`, …
        public var status: String
        /// What AWS has published so far (the records appear a few seconds after the request).
        public var validationRecords: [ValidationRecord]
        /// The ALBs and distributions using it (a certificate in use cannot be deleted).
        public var inUseBy: [String]

        init(_ output: JSONValue) {
            arn = output["CertificateArn"]?.string ?? ""
            domainName = output["DomainName"]?.string ?? ""
            status = output["Status"]?.string ?? ""
            validationRecords = (output["DomainValidationOptions"]?.array ?? []).compactMap { option in
                guard let name = option["ResourceRecord"]?["Name"]?.string,
                      let value = option["ResourceRecord"]?["Value"]?.string else { return nil }
                return ValidationRecord(name: name, value: value)
            }
            inUseBy = (output["InUseBy"]?.array ?? []).compactMap(\.string)
        }
    }

    /// `idempotencyToken` (≤ 32 word characters): a retried request within an hour returns the same certificate.
    public func requestCertificate(domainName: String, idempotencyToken: String, tags: [String: String]) async throws -> String {
        var parameters: [String: JSONValue] = [
            "DomainName": .string(domainName), "ValidationMethod": "DNS",
            "IdempotencyToken": .string(String(idempotencyToken.filter { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(32))),
        ]
        if !tags.isEmpty {
            parameters["Tags"] = .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0] ?? "")] })
        }
        let output = try await client.json(.certificateManager, "RequestCertificate", .object(parameters))
        return output["CertificateArn"]?.string ?? ""
    }

    public func describeCertificate(arn: String) async throws -> Certificate {
        let output = try await client.json(.certificateManager, "DescribeCertificate", ["CertificateArn": .string(arn)])
        return Certificate(output["Certificate"] ?? [:])
    }

    /// Every certificate's ARN and domain name; follows NextToken.
    public func listCertificates() async throws -> [(arn: String, domainName: String)] {
        var found: [(arn: String, domainName: String)] = []
        var token: String?
        repeat {
            var parameters: [String: JSONValue] = [:]
            if let token { parameters["NextToken"] = .string(token) }
            let output = try await client.json(.certificateManager, "ListCertificates", .object(parameters))
            for summary in output["CertificateSummaryList"]?.array ?? [] {
                if let arn = summary["CertificateArn"]?.string { found.append((arn, summary["DomainName"]?.string ?? "")) }
            }
            token = output["NextToken"]?.string
        } while token != nil
        return found
    }

    public func tags(arn: String) async throws -> [String: String] {
        let output = try await client.json(.certificateManager, "ListTagsForCertificate", ["CertificateArn": .string(arn)])
        var tags: [String: String] = [:]
        for tag in output["Tags"]?.array ?? [] {
            if let key = tag["Key"]?.string { tags[key] = tag["Value"]?.string ?? "" }
        }
        return tags
    }

    public func deleteCertificate(arn: String) async throws {
        _ = try await client.json(.certificateManager, "DeleteCertificate", ["CertificateArn": .string(arn)])
    }
}
