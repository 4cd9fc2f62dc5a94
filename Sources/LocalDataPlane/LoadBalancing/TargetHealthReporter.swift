import AWSClient
import Foundation

/// Tells the local AWS what this plane's health checks see (its `/_tps/elbv2/*` control API),
/// because on AWS a deployment behind a load balancer completes only once its tasks' targets
/// are healthy: without the report, stage 05's wait would end while the ALB still answers 503.
/// Attaching a region and name prefix makes the local AWS wait for the reports of those
/// target groups; a group is reported again only when its targets' health changed.
struct TargetHealthReporter: Sendable {
    /// The local AWS's base URL.
    let endpointURL: String
    let namePrefix: String

    init(endpoint: String, namePrefix: String) {
        endpointURL = endpoint.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.namePrefix = namePrefix
    }

    func attach(region: String) async throws {
        try await post("/_tps/elbv2/data-plane", ["region": region, "namePrefix": namePrefix])
    }

    func detach(region: String) async {
        let query = "region=\(region)&namePrefix=\(namePrefix.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? namePrefix)"
        _ = try? await HTTPTransport.shared.send(method: "DELETE", url: endpointURL + "/_tps/elbv2/data-plane?" + query,
                                                 headers: [], body: [], timeout: .seconds(10))
    }

    /// A group's targets and their health, as DescribeTargetHealth names the states.
    func report(group: String, health: [(target: TargetEndpoint, status: TargetHealthState.Status)]) async throws {
        let targets: [[String: Any]] = health.map { ["id": $0.target.address, "port": $0.target.port, "state": $0.status.rawValue] }
        try await post("/_tps/elbv2/target-health", ["targetGroupArn": group, "targets": targets])
    }

    private func post(_ path: String, _ body: [String: Any]) async throws {
        let response = try await HTTPTransport.shared.send(
            method: "POST", url: endpointURL + path, headers: [("Content-Type", "application/json")],
            body: Array(try JSONSerialization.data(withJSONObject: body)), timeout: .seconds(10))
        guard response.status == 200 else {
            throw DataPlaneError.task("POST \(path) to \(endpointURL): HTTP \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
        }
    }
}
