import AWSClient
import ArgumentParser

/// `tpsctl whoami`: which account and identity the credentials belong to, in which region(s),
/// and which source of the credentials chain answered (STS GetCallerIdentity, per region).
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the AWS account, identity ARN, region and credential source in use.",
        discussion: "With several --region flags, asks STS in each region (JSON output is then an array).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let configuration = try global.loadConfiguration()
            let regions = try global.resolvedRegions(configuration)
            let first = try AWSClient(configuration: configuration, region: regions[0].name, logger: global.makeLogger())
            var documents: [JSONValue] = []
            for region in regions {
                // One credentials cache for all regions: one chain resolution, one refresh.
                let client = region == regions[0] ? first : first.withRegion(region.name)
                let credentials = try await client.currentCredentials()
                let identity = try await STS(client: client).getCallerIdentity()
                documents.append([
                    "account": .string(identity.account), "arn": .string(identity.arn), "userId": .string(identity.userId),
                    "region": .string(region.name), "regionSource": .string(region.source),
                    "credentialSource": .string(credentials.source),
                ])
            }
            switch global.output {
            case .json:
                print((documents.count == 1 ? documents[0] : .array(documents)).prettyPrinted())
            case .text:
                print(documents.map(Self.text).joined(separator: "\n\n"))
            }
        }
    }

    static func text(_ document: JSONValue) -> String {
        func field(_ key: String) -> String { document[key]?.string ?? "" }
        return """
            account      \(field("account"))
            arn          \(field("arn"))
            user id      \(field("userId"))
            region       \(field("region")) (from \(field("regionSource")))
            credentials  \(field("credentialSource"))
            """
    }
}
