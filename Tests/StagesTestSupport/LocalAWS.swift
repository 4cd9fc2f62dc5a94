import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The project's local AWS emulator (scripts/local-aws), from TPS_LOCAL_AWS_ENDPOINT. A test
/// that needs it fails loudly when the variable is unset.
struct LocalAWS {
    let endpoint: String

    static func required() throws -> LocalAWS {
        guard let endpoint = ProcessInfo.processInfo.environment["TPS_LOCAL_AWS_ENDPOINT"], !endpoint.isEmpty else {
            throw MissingServer(
                "TPS_LOCAL_AWS_ENDPOINT is not set: start the local AWS (scripts/testenv start) and export it")
        }
        return LocalAWS(endpoint: endpoint)
    }

    /// One logged request, as the emulator's control API reports it.
    struct LoggedRequest: Decodable {
        let service: String?
        let action: String?
        let region: String?
        let mutating: Bool
        let accessKeyId: String?
        let status: Int?
        /// The fault kind that answered instead of the emulator (`throttle`, …), if any.
        let fault: String?
        /// Unix seconds (milliseconds precision) when the emulator logged it.
        let time: Double?
    }

    private struct RequestLog: Decodable {
        let requests: [LoggedRequest]
    }

    /// Every request signed with `accessKeyId` so far (each test signs with its own).
    func requests(signedWith accessKeyId: String) async throws -> [LoggedRequest] {
        // Filtered by the emulator: the whole log of a busy run is large, and tests poll this.
        var query = URLComponents(string: endpoint + "/_tps/requests")!
        query.queryItems = [URLQueryItem(name: "accessKeyId", value: accessKeyId)]
        let (data, _) = try await URLSession.shared.data(from: query.url!)
        return try JSONDecoder().decode(RequestLog.self, from: data).requests.filter { $0.accessKeyId == accessKeyId }
    }
}

struct MissingServer: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
