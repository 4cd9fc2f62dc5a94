/// Metric alarms. What an alarm watches is a JSON document the caller builds (the metric or
/// metric math, statistic, threshold, …); its name, description, actions and tags are typed.
extension CloudWatch {
    public struct MetricAlarm: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// The alarm as described, to compare a desired definition against.
        public var document: JSONValue
        public var actions: [String]

        init(_ json: JSONValue) {
            name = json["AlarmName"]?.string ?? ""
            arn = json["AlarmArn"]?.string ?? ""
            document = json
            actions = (json["AlarmActions"]?.array ?? []).compactMap(\.string)
        }
    }

    /// The metric alarms of those names (composite alarms left out).
    public func describeAlarms(names: [String]) async throws -> [MetricAlarm] {
        let output = try await client.json(.cloudWatch, "DescribeAlarms", [
            "AlarmNames": .array(names.map { .string($0) }), "AlarmTypes": ["MetricAlarm"],
        ])
        return (output["MetricAlarms"]?.array ?? []).map(MetricAlarm.init)
    }

    /// Creates or replaces the alarm. `definition`: what it watches; `tags` are taken at creation only.
    public func putMetricAlarm(name: String, description: String, definition: [String: JSONValue],
                               actionsEnabled: Bool, actions: [String], tags: [String: String]? = nil) async throws {
        var input = definition
        input["AlarmName"] = .string(name)
        input["AlarmDescription"] = .string(description)
        input["ActionsEnabled"] = .bool(actionsEnabled)
        input["AlarmActions"] = .array(actions.map { .string($0) })
        if let tags { input["Tags"] = .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0]!)] }) }
        _ = try await client.json(.cloudWatch, "PutMetricAlarm", .object(input))
    }

    public func deleteAlarms(names: [String]) async throws {
        _ = try await client.json(.cloudWatch, "DeleteAlarms", ["AlarmNames": .array(names.map { .string($0) })])
    }

    /// The metric alarms whose names start with `namePrefix` (follows NextToken).
    public func describeAlarms(namePrefix: String) async throws -> [MetricAlarm] {
        var alarms: [MetricAlarm] = []
        for try await page in client.jsonPages(.cloudWatch, "DescribeAlarms", [
            "AlarmNamePrefix": .string(namePrefix), "AlarmTypes": ["MetricAlarm"],
        ]) {
            alarms += (page["MetricAlarms"]?.array ?? []).map(MetricAlarm.init)
        }
        return alarms
    }

    public func listTagsForResource(arn: String) async throws -> [String: String] {
        try await client.json(.cloudWatch, "ListTagsForResource", ["ResourceARN": .string(arn)])["Tags"]?.tagDictionary() ?? [:]
    }
}
