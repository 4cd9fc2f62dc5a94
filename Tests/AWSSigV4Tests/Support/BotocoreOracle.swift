import AWSSigV4
import Foundation

/// Runs `Fixtures/botocore_oracle.py` (python3 from PATH, with botocore installed) and decodes
/// the requests it generated together with botocore's signatures for them.
enum BotocoreOracle {
    /// One generated request and what botocore made of it.
    struct Case: Decodable {
        var index: Int
        var mode: Mode
        var signer: String
        var service: String
        var region: String
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String?
        var epochSeconds: Int64
        var method: String
        var url: String
        var headers: [[String]]
        var payload: Payload
        var options: Options
        var expires: Int?
        var expected: Expected

        enum Mode: String, Decodable {
            case header, presign
        }

        struct Payload: Decodable {
            var kind: String
            var base64: String?
            var hex: String?
        }

        struct Options: Decodable {
            var normalizePath: Bool
            var doubleURIEncode: Bool
            var addContentSHA256Header: Bool
            var signSessionToken: Bool
        }

        struct Expected: Decodable {
            var canonicalRequest: String
            var stringToSign: String
            var signature: String
            /// Header signing: the `Authorization` value and every header after signing.
            var authorization: String?
            var headers: [[String]]?
            /// Presigning: the presigned URL.
            var url: String?
        }

        var signerUnderTest: SigV4Signer {
            SigV4Signer(
                credentials: AWSCredentials(
                    accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken),
                region: region, service: service)
        }

        var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }

        func request() throws -> SigV4Request {
            let payload: SigV4Payload
            switch self.payload.kind {
            case "bytes":
                guard let data = Data(base64Encoded: self.payload.base64 ?? "") else {
                    throw OracleError(description: "case \(index): payload.base64 is not base64")
                }
                payload = .bytes(Array(data))
            case "unsigned":
                payload = .unsigned
            case "precomputed":
                payload = .precomputed(self.payload.hex ?? "")
            default:
                throw OracleError(description: "case \(index): unknown payload kind `\(self.payload.kind)`")
            }
            return SigV4Request(
                method: method, url: url, headers: headers.map { ($0[0], $0[1]) }, payload: payload)
        }

        var signingOptions: SigV4Options {
            var result = SigV4Options()
            result.normalizePath = options.normalizePath
            result.doubleURIEncode = options.doubleURIEncode
            result.addContentSHA256Header = options.addContentSHA256Header
            result.signSessionToken = options.signSessionToken
            return result
        }
    }

    struct OracleError: Error, CustomStringConvertible {
        var description: String
    }

    static func scriptURL() throws -> URL {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw OracleError(description: "Fixtures/ is missing from the AWSSigV4Tests bundle")
        }
        return fixtures.appendingPathComponent("botocore_oracle.py")
    }

    /// Generates and signs `count` requests from `seed`. Throws (never skips) when python3 or
    /// botocore is missing, naming what to install.
    static func run(seed: Int, count: Int) throws -> (cases: [Case], summary: String) {
        let script = try scriptURL()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--seed", String(seed), "--count", String(count)]
        let stdout = Pipe()
        // stderr goes to a file so a chatty interpreter can never fill a pipe and deadlock us.
        let stderrURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("botocore-oracle-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw OracleError(description: "cannot create \(stderrURL.path) for the oracle's stderr")
        }
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        let stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw OracleError(description: "cannot start /usr/bin/env python3 \(script.path): \(error)")
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let errors = (try? String(contentsOf: stderrURL, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard process.terminationStatus == 0 else {
            let hint = process.terminationStatus == 127
                ? "python3 is not on PATH (install python3 and `pip install botocore`)"
                : "the botocore oracle failed (exit \(process.terminationStatus))"
            throw OracleError(description: "\(hint): \(errors)")
        }
        let decoder = JSONDecoder()
        var cases: [Case] = []
        for (number, line) in output.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                cases.append(try decoder.decode(Case.self, from: Data(line)))
            } catch {
                throw OracleError(description: "botocore_oracle.py output line \(number + 1): \(error)")
            }
        }
        return (cases, errors)
    }
}
