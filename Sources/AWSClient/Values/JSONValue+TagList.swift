extension JSONValue {
    /// A JSON API's tag list, `[{"Key": …, "Value": …}]`, as a dictionary (ECS spells the
    /// names lowercase).
    func tagDictionary(keyName: String = "Key", valueName: String = "Value") -> [String: String] {
        var tags: [String: String] = [:]
        for tag in array ?? [] {
            if let key = tag[keyName]?.string { tags[key] = tag[valueName]?.string ?? "" }
        }
        return tags
    }
}
