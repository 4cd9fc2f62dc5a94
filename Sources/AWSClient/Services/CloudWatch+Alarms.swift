extension CloudWatch {
    /// What listing an alarm gives: its name and ARN.
    public struct AlarmSummary: Sendable, Equatable {
        public var name: String
        public var arn: String
    }

    /// The metric alarms whose names start with `namePrefix` (follows NextToken).
    public func describeAlarms(namePrefix: String) async throws -> [AlarmSummary] {
        var alarms: [AlarmSummary] = []
        for try await page in client.jsonPages(.cloudWatch, "DescribeAlarms", [
            "AlarmNamePrefix": .string(namePrefix), "AlarmTypes": ["MetricAlarm"],
        ]) {
            for alarm in page["MetricAlarms"]?.array ?? [] {
                guard let name = alarm["AlarmName"]?.string, let arn = alarm["AlarmArn"]?.string else { continue }
                alarms.append(AlarmSummary(name: name, arn: arn))
            }
        }
        return alarms
    }

    public func listTagsForResource(arn: String) async throws -> [String: String] {
        try await client.json(.cloudWatch, "ListTagsForResource", ["ResourceARN": .string(arn)])["Tags"]?.tagDictionary() ?? [:]
    }
}
