import AWSClient

/// AWSClient's JSON document type under a name of its own: Ticketing also has a `JSONValue`,
/// and files that import both modules need to say which one they mean.
typealias AWSJSON = JSONValue
