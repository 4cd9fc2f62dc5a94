import Hummingbird

/// A request header by its name as the contract spells it (matched case-insensitively).
enum HeaderValue {
    static func first(_ name: String, in request: Request) -> String? {
        let wanted = name.lowercased()
        return request.headers.first { $0.name.canonicalName == wanted }?.value
    }
}
