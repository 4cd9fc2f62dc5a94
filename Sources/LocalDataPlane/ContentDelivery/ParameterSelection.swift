import AWSClient

/// Which of a viewer request's headers, cookies or query strings a CloudFront policy takes,
/// as its `…Behavior` and item list say (`none`, `whitelist`, `allExcept`, `all`, and for
/// origin request policies `allViewer` and `allViewerAndWhitelistCloudFront`).
struct ParameterSelection: Sendable, Hashable {
    enum Mode: Sendable, Hashable {
        case none
        case only(Set<String>)
        case allExcept(Set<String>)
        case all
    }

    let mode: Mode
    /// Header names compare case-insensitively, cookie and query names exactly.
    let caseSensitive: Bool

    static func none(caseSensitive: Bool) -> Self { Self(mode: .none, caseSensitive: caseSensitive) }

    init(mode: Mode, caseSensitive: Bool) {
        self.mode = mode
        self.caseSensitive = caseSensitive
    }

    /// `config` is e.g. `HeadersConfig`; `behavior` `HeaderBehavior`; `list` `Headers`.
    init(_ config: XMLTree?, behavior: String, list: String, caseSensitive: Bool) {
        self.caseSensitive = caseSensitive
        let names = Set((config?.child(list)?.child("Items")?.children.map(\.text) ?? [])
            .map { caseSensitive ? $0 : $0.lowercased() })
        switch config?.string(behavior) ?? "none" {
        case "whitelist": mode = .only(names)
        case "allExcept": mode = .allExcept(names)
        case "all", "allViewer", "allViewerAndWhitelistCloudFront": mode = .all
        default: mode = .none
        }
    }

    var isNone: Bool { mode == .none }

    func includes(_ name: String) -> Bool {
        switch mode {
        case .none: false
        case .all: true
        case let .only(names): names.contains(caseSensitive ? name : name.lowercased())
        case let .allExcept(names): !names.contains(caseSensitive ? name : name.lowercased())
        }
    }

    /// What CloudFront sends the origin: the union of the cache key's and the origin request
    /// policy's selections.
    func union(_ other: Self) -> Self {
        switch (mode, other.mode) {
        case (.all, _), (_, .all): return Self(mode: .all, caseSensitive: caseSensitive)
        case (.none, _): return other
        case (_, .none): return self
        case let (.only(a), .only(b)): return Self(mode: .only(a.union(b)), caseSensitive: caseSensitive)
        case let (.allExcept(a), .allExcept(b)): return Self(mode: .allExcept(a.intersection(b)), caseSensitive: caseSensitive)
        case let (.allExcept(a), .only(b)), let (.only(b), .allExcept(a)):
            return Self(mode: .allExcept(a.subtracting(b)), caseSensitive: caseSensitive)
        }
    }
}
