@testable import AWSClient
import Testing
@testable import AWSClientTestSupport

@Suite("Pagination")
struct PaginationTests {
    @Test func followsNextTokenUntilItIsAbsent() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            let input = (try? JSONValue(parsing: request.body)) ?? [:]
            switch input["NextToken"]?.string {
            case nil: return .json(200, #"{"QueueUrls":["q1","q2"],"NextToken":"t1"}"#)
            case "t1": return .json(200, #"{"QueueUrls":["q3"],"NextToken":"t2"}"#)
            default: return .json(200, #"{"QueueUrls":["q4"]}"#)
            }
        }
        defer { Task { await server.stop() } }
        let urls = try await SQS(client: ScriptedClient.make(server)).listQueues(prefix: "q")
        #expect(urls == ["q1", "q2", "q3", "q4"])
        #expect(server.requests.count == 3)
    }

    @Test func aRepeatedTokenEndsTheSequence() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json(200, #"{"QueueUrls":["q"],"NextToken":"same"}"#) }
        defer { Task { await server.stop() } }
        let pages = try await ScriptedClient.make(server).jsonPages(.sqs, "ListQueues").collect()
        #expect(pages.count == 2)
    }

    @Test func pagesArePulledLazily() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json(200, #"{"QueueUrls":["q"],"NextToken":"more"}"#) }
        defer { Task { await server.stop() } }
        for try await _ in ScriptedClient.make(server).jsonPages(.sqs, "ListQueues") { break }
        #expect(server.requests.count == 1)
    }

    @Test func queryMarkersAgainstTheEmulator() async throws {
        let iam = try LocalAWS.client()
        let prefix = "/" + LocalAWS.uniqueName("pages") + "/"
        let trust = #"{"Version":"2012-10-17","Statement":[]}"#
        for index in 1...5 {
            _ = try await IAM(client: iam).createRole(name: "tps-page-\(index)-\(prefix.dropFirst().dropLast())",
                                                      assumeRolePolicy: trust, path: prefix)
        }
        var names: [String] = []
        var pageCount = 0
        for try await page in iam.queryPages(.iam, "ListRoles", ["PathPrefix": prefix, "MaxItems": "2"]) {
            pageCount += 1
            names += page.child("Roles")?.listItems().compactMap { $0.string("RoleName") } ?? []
        }
        #expect(names.count == 5)
        #expect(pageCount == 3)
        for name in names { try await IAM(client: iam).deleteRole(name: name) }
    }

    @Test func ec2NextTokenInLowerCamelCase() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            let token = request.bodyText.split(separator: "&").first { $0.hasPrefix("NextToken=") }
            switch token {
            case nil: return .xml(200, "<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-1</vpcId></item></vpcSet><nextToken>n1</nextToken></DescribeVpcsResponse>")
            default: return .xml(200, "<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-2</vpcId></item></vpcSet></DescribeVpcsResponse>")
            }
        }
        defer { Task { await server.stop() } }
        let vpcs = try await EC2(client: ScriptedClient.make(server)).describeVpcs(filters: [(name: "tag:tps:stack", values: ["s"])])
        #expect(vpcs.map(\.vpcId) == ["vpc-1", "vpc-2"])
        #expect(server.requests.last?.bodyText.contains("NextToken=n1") == true)
        #expect(server.requests.first?.bodyText == "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3Atps%3Astack&Filter.1.Value.1=s")
    }
}
