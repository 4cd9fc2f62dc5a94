import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The emulator's ECS controls (scripts/local-aws/README.md).
extension LocalAWS {
    /// Makes the service's in-progress deployment, or its next one, fail with `reason`.
    func failDeployment(service: String, cluster: String, region: String, reason: String) async throws {
        var request = URLRequest(url: URL(string: endpoint + "/_tps/ecs/fail-deployment")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "service": service, "cluster": cluster, "region": region, "reason": reason, "count": 1,
        ])
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw MissingServer("fail-deployment answered \(String(decoding: data, as: UTF8.self))")
        }
    }
}
