import AWSClient
import ArgumentParser

/// `tpsctl whoami`: which account and identity the credentials belong to, in which region,
/// and which source of the credentials chain answered (STS GetCallerIdentity).
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the AWS account, identity ARN, region and credential source in use.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let configuration = try global.loadConfiguration()
            let region = try configuration.requireRegion()
            let client = try AWSClient(configuration: configuration, region: region.name, logger: global.makeLogger())
            let credentials = try await client.currentCredentials()
            let identity = try await STS(client: client).getCallerIdentity()
            switch global.output {
            case .json:
                let document: JSONValue = [
                    "account": .string(identity.account), "arn": .string(identity.arn), "userId": .string(identity.userId),
                    "region": .string(region.name), "regionSource": .string(region.source),
                    "credentialSource": .string(credentials.source),
                ]
                print(document.prettyPrinted())
            case .text:
                print("""
                    account      \(identity.account)
                    arn          \(identity.arn)
                    user id      \(identity.userId)
                    region       \(region.name) (from \(region.source))
                    credentials  \(credentials.source)
                    """)
            }
        }
    }
}
