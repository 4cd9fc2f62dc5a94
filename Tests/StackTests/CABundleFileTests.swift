import Foundation
import Testing
@testable import Stack

/// The CA bundles a stack names for the services to verify their servers with: resolved beside
/// the stack file, refused with `file:line` unless they are PEM certificates and nothing else,
/// and turned into the images' files and the task definitions' TLS settings (`TransitTrust`).
@Suite("CA bundle files in the stack")
struct CABundleFileTests {
    /// A directory with a stack file and the files it names.
    struct Scratch {
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ca-bundle-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        func write(_ name: String, _ text: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// Loads `yaml` as `<directory>/stack.yaml`; the diagnostics' lines when it is refused.
        func load(_ yaml: String) throws -> Result<Stack, StackValidationError> {
            let file = try write("stack.yaml", yaml)
            do { return .success(try StackLoader.load(path: file)) } catch { return .failure(error) }
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// A real CA bundle (Debian's ca-certificates), to stand in for the RDS bundle.
    static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"

    static func yaml(aurora: String = "", local: String = "", production: Bool = false) -> String {
        """
        stack: trust
        \(production ? "production: true" : "")
        regions:
          - name: ap-northeast-1
            cidr: 10.0.0.0/16
        dataPlane:
          aurora:
            databaseName: tps
        \(aurora.isEmpty ? "" : "    " + aurora)
        \(local.isEmpty ? "" : "local:\n  endpointURL: http://127.0.0.1:1\n" + local)
        """
    }

    @Test("a relative caBundle is the stack file's neighbour; the task definitions then say verify-full with its image path")
    func relativeBundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.write("global-bundle.pem", String(contentsOfFile: Self.systemBundle, encoding: .utf8))
        let stack = try scratch.load(Self.yaml(aurora: "caBundle: global-bundle.pem")).get()
        #expect(stack.dataPlane.aurora.caBundle == bundle)
        let trust = TransitTrust(stack)
        #expect(trust.imageFiles == [TransitTrust.databaseCAPath: bundle])
        #expect(trust.databaseSSLMode == "verify-full")
        #expect(trust.databaseRootCertificate == "/etc/ssl/tps/database-ca.pem")
        #expect(trust.uncheckedDatabaseProblem == nil)
    }

    @Test("without a bundle: require, and the problem names where to get AWS's bundle")
    func noBundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let trust = TransitTrust(try scratch.load(Self.yaml()).get())
        #expect(trust.databaseSSLMode == "require" && trust.databaseRootCertificate == nil && trust.imageFiles.isEmpty)
        #expect(trust.uncheckedDatabaseProblem?.contains("https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem") == true)
    }

    @Test("with an RDS Proxy the services verify the proxy's certificate against the system roots")
    func proxy() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let trust = TransitTrust(try scratch.load(Self.yaml(aurora: "proxy: { enabled: true }")).get())
        #expect(trust.databaseSSLMode == "verify-full" && trust.databaseRootCertificate == nil)
    }

    @Test("a local stack's CAs replace the RDS bundle and name Redis's CA")
    func localCAs() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ca = try scratch.write("ca.pem", String(contentsOfFile: Self.systemBundle, encoding: .utf8))
        let stack = try scratch.load(Self.yaml(aurora: "caBundle: \(Self.systemBundle)", local: """
              databaseURL: postgres://tps@127.0.0.1:5999/tps
              databaseCA: ca.pem
              redisURL: rediss://127.0.0.1:6999
              redisCA: ca.pem
            """)).get()
        let trust = TransitTrust(stack)
        #expect(trust.imageFiles == [TransitTrust.databaseCAPath: ca, TransitTrust.redisCAPath: ca])
        #expect(trust.databaseRootCertificate == TransitTrust.databaseCAPath)
        #expect(trust.redisCAFile == TransitTrust.redisCAPath)
    }

    @Test("files that are not a CA bundle are refused with file:line, naming the file and the problem")
    func badFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = try scratch.write("notes.txt", "download the bundle later\n")
        let key = try scratch.write("with-key.pem", """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIC7o
            -----END PRIVATE KEY-----
            """)
        let garbled = try scratch.write("garbled.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
        let missing = scratch.directory.appendingPathComponent("global-bundle.pem").path
        let rdsHint = " (AWS's bundle of the RDS CAs: https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem)"
        let cases: [(String, String)] = [
            ("global-bundle.pem", "\(missing): no such file"),
            (text, "\(text): holds no PEM certificate (-----BEGIN CERTIFICATE-----)"),
            (key, "\(key): holds a PRIVATE KEY block; a CA bundle holds certificates only"),
            (garbled, "\(garbled): certificate 1 is not valid base64 DER"),
        ]
        let file = scratch.directory.appendingPathComponent("stack.yaml").path
        for (path, problem) in cases {
            guard case let .failure(error) = try scratch.load(Self.yaml(aurora: "caBundle: \(path)")) else {
                Issue.record("\(path) was accepted as a CA bundle")
                continue
            }
            #expect(error.diagnostics.map(\.description) == ["\(file):9: dataPlane.aurora.caBundle: \(problem)\(rdsHint)"])
        }
    }

    @Test("local CAs without their servers, and DB_SSLMODE in a service's env, are refused")
    func misplacedSettings() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.directory.appendingPathComponent("stack.yaml").path
        guard case let .failure(error) = try scratch.load(Self.yaml(local: """
              databaseCA: \(Self.systemBundle)
              redisURL: redis://127.0.0.1:6999
              redisCA: \(Self.systemBundle)
            """) + "\nservices:\n  public-api:\n    env: {DB_SSLMODE: disable}\n") else {
            Issue.record("accepted")
            return
        }
        let lines = error.diagnostics.map(\.description)
        #expect(lines.contains("\(file):12: local.databaseCA: the CA of the local PostgreSQL needs local.databaseURL"), "\(lines)")
        #expect(lines.contains("\(file):14: local.redisCA: the CA of a TLS Redis needs a rediss:// local.redisURL"), "\(lines)")
        #expect(lines.contains { $0.contains("'DB_SSLMODE' is set by tpsctl") }, "\(lines)")
    }
}
