import FoundationEssentials

/// The commit queue's `RedrivePolicy` attribute: `{"deadLetterTargetArn": …, "maxReceiveCount": 5}`
/// (SQS gives the count as a number or a string).
struct RedrivePolicy: Decodable {
    let maxReceiveCount: Int

    enum CodingKeys: String, CodingKey { case maxReceiveCount }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decode(Int.self, forKey: .maxReceiveCount) {
            maxReceiveCount = number
        } else if let text = Int(try container.decode(String.self, forKey: .maxReceiveCount)) {
            maxReceiveCount = text
        } else {
            throw DecodingError.dataCorruptedError(forKey: .maxReceiveCount, in: container, debugDescription: "not a count")
        }
    }

    /// The count in the attribute's JSON, or nil when it has none.
    static func maxReceiveCount(_ json: String) -> Int? {
        (try? JSONDecoder().decode(RedrivePolicy.self, from: Data(json.utf8)))?.maxReceiveCount
    }
}
