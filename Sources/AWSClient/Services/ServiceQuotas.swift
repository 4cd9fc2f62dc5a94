/// Service Quotas (JSON 1.1): the account's applied quota values, read by `tpsctl capacity` and
/// `plan` to say whether the tasks a rate needs fit the account before anything is deployed.
public struct ServiceQuotas: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Fargate On-Demand vCPU resource count: the vCPU all running Fargate On-Demand tasks of the
    /// account may use in a region (service code `fargate`, quota code L-3032A538).
    public static let fargateOnDemandVCPU = (serviceCode: "fargate", quotaCode: "L-3032A538")

    /// The applied value of a quota (AWS answers the default when none was applied).
    public func quotaValue(serviceCode: String, quotaCode: String) async throws -> Double? {
        let output = try await client.json(.serviceQuotas, "GetServiceQuota",
                                           ["ServiceCode": .string(serviceCode), "QuotaCode": .string(quotaCode)])
        return output["Quota"]?["Value"]?.double
    }
}
