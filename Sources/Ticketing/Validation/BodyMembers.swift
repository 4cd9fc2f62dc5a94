import FoundationEssentials

/// A JSON object's member names, and which of them are null, without decoding any value: what
/// `RequestDecoder` checks before decoding the model itself. It used to decode the whole body
/// into a `JSONValue` tree for that, 10 % of a hold (issue 14's profile of public-api).
struct BodyMembers: Decodable {
    let names: Set<String>
    let nullNames: Set<String>

    private struct Name: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Name.self)
        var names = Set<String>(), nullNames = Set<String>()
        for key in object.allKeys {
            names.insert(key.stringValue)
            if try object.decodeNil(forKey: key) { nullNames.insert(key.stringValue) }
        }
        self.names = names
        self.nullNames = nullNames
    }
}
