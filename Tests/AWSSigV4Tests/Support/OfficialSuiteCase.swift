import AWSSigV4
import Foundation

/// One case folder of the official AWS SigV4 suite (`Fixtures/v4/<name>`): its inputs
/// (`context.json`, `request.txt`) and the expected output of both signing variants.
struct OfficialSuiteCase {
    var name: String
    var context: Context
    var request: HTTPRequestFile
    var header: Expected
    var query: Expected

    /// `context.json` (snake_case keys): who signs, where, when, and the suite's per-case switches.
    struct Context: Decodable {
        struct Credentials: Decodable {
            var accessKeyId: String
            var secretAccessKey: String
            var token: String?
        }
        var credentials: Credentials
        var expirationInSeconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var signBody: Bool
        var timestamp: String
        var omitSessionToken: Bool?
    }

    /// `<variant>-{canonical-request,string-to-sign,signature,signed-request}.txt`.
    struct Expected {
        var canonicalRequest: String
        var stringToSign: String
        var signature: String
        var signedRequest: String
    }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    /// `Fixtures/v4` inside the test bundle.
    static func suiteDirectory() throws -> URL {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw LoadError(description: "Fixtures/ is missing from the AWSSigV4Tests bundle (Package.swift resources)")
        }
        return fixtures.appendingPathComponent("v4")
    }

    /// Every case folder name, sorted; empty when the bundle is broken (the count test then fails).
    static func allNames() -> [String] {
        guard let directory = try? suiteDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func load(_ name: String) throws -> OfficialSuiteCase {
        let folder = try suiteDirectory().appendingPathComponent(name)
        func text(_ file: String) throws -> String {
            let url = folder.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LoadError(description: "\(name)/\(file): cannot be read")
            }
            return String(decoding: data, as: UTF8.self)
        }
        func expected(_ variant: String) throws -> Expected {
            Expected(
                canonicalRequest: try text("\(variant)-canonical-request.txt"),
                stringToSign: try text("\(variant)-string-to-sign.txt"),
                signature: try text("\(variant)-signature.txt").trimmingCharacters(in: .whitespacesAndNewlines),
                signedRequest: try text("\(variant)-signed-request.txt"))
        }
        let context: Context
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            context = try decoder.decode(Context.self, from: Data(try text("context.json").utf8))
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(name)/context.json: \(error)")
        }
        return OfficialSuiteCase(
            name: name, context: context,
            request: try HTTPRequestFile(parsing: try text("request.txt"), source: "\(name)/request.txt"),
            header: try expected("header"), query: try expected("query"))
    }

    var signer: SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: context.credentials.accessKeyId,
                secretAccessKey: context.credentials.secretAccessKey,
                sessionToken: context.credentials.token),
            region: context.region, service: context.service)
    }

    /// The suite's switches mapped onto ours. Every service in the suite double-encodes.
    var options: SigV4Options {
        var options = SigV4Options()
        options.normalizePath = context.normalize
        options.doubleURIEncode = true
        options.addContentSHA256Header = context.signBody
        options.signSessionToken = !(context.omitSessionToken ?? false)
        return options
    }

    func signingDate() throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: context.timestamp) else {
            throw LoadError(description: "\(name)/context.json: timestamp `\(context.timestamp)` is not ISO 8601")
        }
        return date
    }
}
