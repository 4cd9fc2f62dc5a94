import AWSSigV4
import Foundation
import Testing

/// Our signer against botocore's on generated requests: unicode and reserved characters in
/// paths, repeated, empty and unsorted query keys, header whitespace and case, session tokens,
/// bodies, signed/unsigned/precomputed payloads, S3 and non-S3 rules, presigned URLs.
@Suite("Differential test against botocore")
struct BotocoreDifferentialTests {
    /// Fixed so a failure reproduces; `TPS_SIGV4_ORACLE_SEED` explores other request sets.
    static let seed = ProcessInfo.processInfo.environment["TPS_SIGV4_ORACLE_SEED"].flatMap(Int.init) ?? 20_240_917
    static let count = 1_500

    @Test("signatures match botocore on generated requests")
    func matchesBotocore() throws {
        let (cases, summary) = try BotocoreOracle.run(seed: Self.seed, count: Self.count)
        #expect(cases.count == Self.count, "the oracle produced \(cases.count) of \(Self.count) requests")

        var mismatches: [String] = []
        var compared = (header: 0, presign: 0)
        for oracleCase in cases {
            let problems: [String]
            switch oracleCase.mode {
            case .header:
                problems = try compareHeaderSigning(oracleCase)
                compared.header += 1
            case .presign:
                problems = try comparePresigning(oracleCase)
                compared.presign += 1
            }
            if !problems.isEmpty {
                mismatches.append("case \(oracleCase.index) (\(oracleCase.signer), \(oracleCase.method) \(oracleCase.url)): "
                    + problems.joined(separator: "; "))
            }
        }
        print("AWSSigV4 differential: compared \(compared.header + compared.presign) requests with botocore "
            + "(\(compared.header) header-signed, \(compared.presign) presigned), \(mismatches.count) mismatches; oracle: \(summary)")
        for mismatch in mismatches.prefix(5) { Issue.record(Comment(rawValue: mismatch)) }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) requests differ from botocore (seed \(Self.seed))")
        #expect(compared.header + compared.presign >= 1_000)
    }

    private func compareHeaderSigning(_ oracleCase: BotocoreOracle.Case) throws -> [String] {
        let request = try oracleCase.request()
        let (signed, artifacts) = oracleCase.signerUnderTest.signWithArtifacts(
            request, date: oracleCase.date, options: oracleCase.signingOptions)
        var problems = compareArtifacts(artifacts, oracleCase.expected)
        let authorization = signed.headerValues("Authorization")
        if authorization != [oracleCase.expected.authorization ?? ""] {
            problems.append("Authorization \(authorization) != \(oracleCase.expected.authorization ?? "nil")")
        }
        // botocore leaves Host to its HTTP client; we add it when absent. Otherwise the headers
        // sent must be the same (names compared case-insensitively, order aside).
        let hadHost = !request.headerValues("Host").isEmpty
        var ours = signed.headers.map { [$0.name.lowercased(), $0.value] }
        if !hadHost, let hostIndex = ours.firstIndex(where: { $0[0] == "host" }) { ours.remove(at: hostIndex) }
        let theirs = (oracleCase.expected.headers ?? []).map { [$0[0].lowercased(), $0[1]] }
        if ours.sorted(by: Self.pairOrder) != theirs.sorted(by: Self.pairOrder) {
            problems.append("headers sent differ: ours \(ours.map { $0[0] }) botocore \(theirs.map { $0[0] })")
        }
        return problems
    }

    private func comparePresigning(_ oracleCase: BotocoreOracle.Case) throws -> [String] {
        let (url, artifacts) = oracleCase.signerUnderTest.presignWithArtifacts(
            try oracleCase.request(), date: oracleCase.date, expires: oracleCase.expires ?? 0,
            options: oracleCase.signingOptions)
        var problems = compareArtifacts(artifacts, oracleCase.expected)
        // botocore re-serialises the operation parameters (`k` becomes `k=`, encodings are
        // normalised), so compare the URLs part by part: same base, same decoded parameters.
        let expectedURL = oracleCase.expected.url ?? ""
        let (ourBase, ourQuery) = Self.split(url)
        let (theirBase, theirQuery) = Self.split(expectedURL)
        if ourBase != theirBase { problems.append("URL base \(ourBase) != \(theirBase)") }
        if Self.decodedParameters(ourQuery) != Self.decodedParameters(theirQuery) {
            problems.append("URL parameters differ: ours \(url) botocore \(expectedURL)")
        }
        return problems
    }

    private func compareArtifacts(_ ours: SigV4Artifacts, _ expected: BotocoreOracle.Case.Expected) -> [String] {
        var problems: [String] = []
        if ours.canonicalRequest != expected.canonicalRequest {
            problems.append("canonical request\n--- ours\n\(ours.canonicalRequest)\n--- botocore\n\(expected.canonicalRequest)\n---")
        }
        if ours.stringToSign != expected.stringToSign { problems.append("string to sign differs") }
        if ours.signature != expected.signature { problems.append("signature differs") }
        return problems
    }

    private static func pairOrder(_ lhs: [String], _ rhs: [String]) -> Bool {
        lhs.lexicographicallyPrecedes(rhs) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func split(_ url: String) -> (base: Substring, query: Substring) {
        guard let mark = url.firstIndex(of: "?") else { return (Substring(url), "") }
        return (url[..<mark], url[url.index(after: mark)...])
    }

    /// Query components decoded to bytes, `k` read as `k=`, sorted.
    private static func decodedParameters(_ query: Substring) -> [[[UInt8]]] {
        query.split(separator: "&").map { component -> [[UInt8]] in
            let parts = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = SigV4PercentEncoding.decode(Array(parts[0].utf8))
            let value = parts.count > 1 ? SigV4PercentEncoding.decode(Array(parts[1].utf8)) : []
            return [key, value]
        }.sorted { lhs, rhs in lhs.lexicographicallyPrecedes(rhs) { $0.lexicographicallyPrecedes($1) } }
    }
}
