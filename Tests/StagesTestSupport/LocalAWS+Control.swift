import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The emulator's control API calls the stage tests arm.
extension LocalAWS {
    /// The next RunTask task of `family` exits with `exitCode` and writes `logLines`.
    func armTaskExit(family: String, exitCode: Int, logLines: [String]) async throws {
        let body = try JSONSerialization.data(withJSONObject: [
            "family": family, "exitCode": exitCode, "logLines": logLines, "count": 1,
        ] as [String: Any])
        var request = URLRequest(url: URL(string: endpoint + "/_tps/ecs/task-exit")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw MissingServer("POST /_tps/ecs/task-exit failed: \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// The Fargate On-Demand vCPU quota GetServiceQuota answers in `region` (nil: every region) to
    /// the caller signing with `accessKeyId` only, so other tests' `verify` never sees it; `value`
    /// nil restores that caller's default.
    func setFargateVCPUQuota(_ value: Double?, region: String? = nil, accessKeyId: String) async throws {
        var request = URLRequest(url: URL(string: endpoint + "/_tps/service-quotas?accessKeyId=\(accessKeyId)")!)
        if let value {
            var body: [String: Any] = ["serviceCode": "fargate", "quotaCode": "L-3032A538", "value": value,
                                       "accessKeyId": accessKeyId]
            if let region { body["region"] = region }
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        } else {
            request.httpMethod = "DELETE"
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw MissingServer("\(request.httpMethod ?? "") /_tps/service-quotas failed: \(String(decoding: data, as: UTF8.self))")
        }
    }
}
