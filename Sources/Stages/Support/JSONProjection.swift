import AWSClient

/// Compares a desired JSON document with what AWS answers. AWS adds defaults and read-only
/// members to what it echoes back (CreationTime, defaulted flags); projecting the live
/// document onto the desired one's keys keeps those from showing up as changes, while any
/// member we set still compares exactly. Numbers compare by value (60 and 60.0 are equal).
enum JSONProjection {
    /// `live` restricted to the object keys `desired` has, recursively; arrays keep live's length.
    static func project(_ live: JSONValue?, onto desired: JSONValue) -> JSONValue {
        guard let live else { return .null }
        switch (desired, live) {
        case let (.object(wanted), .object(actual)):
            var kept: [String: JSONValue] = [:]
            for (key, value) in wanted {
                kept[key] = project(actual[key], onto: value)
            }
            return .object(kept)
        case let (.array(wanted), .array(actual)):
            return .array(actual.enumerated().map { index, element in
                index < wanted.count ? project(element, onto: wanted[index]) : element
            })
        case let (.number, .string(text)):
            // Some Query-compatible answers carry numbers as strings.
            return Double(text).map(JSONValue.number) ?? live
        default:
            return live
        }
    }

    /// Canonical text of the live value as seen through `desired`.
    static func text(_ live: JSONValue?, onto desired: JSONValue) -> String? {
        guard let live else { return nil }
        return project(live, onto: desired).encodedString()
    }
}
