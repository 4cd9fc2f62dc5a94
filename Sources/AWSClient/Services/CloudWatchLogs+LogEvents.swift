/// Reading a stream back, oldest first (a finished task's output).
extension CloudWatchLogs {
    /// One page of a stream's events from its head (`token`: the previous page's `nextForwardToken`).
    /// The end is the page that hands back the token it was given.
    public func getLogEvents(group: String, stream: String, token: String?) async throws
        -> (messages: [String], nextForwardToken: String?) {
        var input: [String: JSONValue] = [
            "logGroupName": .string(group), "logStreamName": .string(stream), "startFromHead": true,
        ]
        if let token { input["nextToken"] = .string(token) }
        let page = try await client.json(.cloudWatchLogs, "GetLogEvents", .object(input))
        return ((page["events"]?.array ?? []).compactMap { $0["message"]?.string }, page["nextForwardToken"]?.string)
    }
}
