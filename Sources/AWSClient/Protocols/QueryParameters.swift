import AWSSigV4

/// The form fields of an AWS Query or EC2 Query request, in insertion order, with the
/// flattening rules of both protocols:
/// - Query lists:  `Subnets.member.1=a`, `Tags.member.1.Key=k`
/// - EC2 lists:    `SubnetId.1=a`, `Filter.1.Name=vpc-id`, `Filter.1.Value.1=vpc-1`
/// - Query maps:   `Attributes.entry.1.key=…`, `Attributes.entry.1.value=…`
public struct QueryParameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var pairs: [Pair]

    public struct Pair: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public init() { pairs = [] }

    public init(dictionaryLiteral elements: (String, String)...) {
        pairs = elements.map { Pair(name: $0.0, value: $0.1) }
    }

    public subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set {
            pairs.removeAll { $0.name == name }
            if let newValue { pairs.append(Pair(name: name, value: newValue)) }
        }
    }

    /// Adds `name=value`; a `nil` value adds nothing (optional members).
    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        pairs.append(Pair(name: name, value: value))
    }

    public mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map { String($0) })
    }

    public mutating func add(_ name: String, _ value: Bool?) {
        add(name, value.map { $0 ? "true" : "false" })
    }

    /// Adds every field of `nested` under `prefix.` (`Filter.1` + `Name` → `Filter.1.Name`).
    public mutating func add(prefix: String, _ nested: QueryParameters) {
        for pair in nested.pairs { pairs.append(Pair(name: prefix + "." + pair.name, value: pair.value)) }
    }

    /// A list of scalars: `name.member.N` (Query) or, with `member: nil`, `name.N` (EC2).
    public mutating func addList(_ name: String, _ values: [String], member: String? = "member") {
        for (index, value) in values.enumerated() {
            add(Self.listKey(name, member: member, index: index + 1), value)
        }
    }

    /// A list of structures: `name.member.N.<field>` (Query) or `name.N.<field>` (EC2).
    public mutating func addList(_ name: String, _ items: [QueryParameters], member: String? = "member") {
        for (index, item) in items.enumerated() {
            add(prefix: Self.listKey(name, member: member, index: index + 1), item)
        }
    }

    /// A map: `name.entry.N.key` / `name.entry.N.value`, entries sorted by key for stable bytes.
    public mutating func addMap(_ name: String, _ map: [String: String], entry: String = "entry",
                                keyName: String = "key", valueName: String = "value") {
        for (index, key) in map.keys.sorted().enumerated() {
            let prefix = "\(name).\(entry).\(index + 1)"
            add("\(prefix).\(keyName)", key)
            add("\(prefix).\(valueName)", map[key])
        }
    }

    /// AWS tags as Query services take them: `Tags.member.N.Key` / `.Value` (sorted by key).
    public mutating func addTags(_ tags: [String: String], name: String = "Tags", member: String? = "member") {
        let items = tags.keys.sorted().map { key -> QueryParameters in ["Key": key, "Value": tags[key] ?? ""] }
        addList(name, items, member: member)
    }

    /// EC2 filters: `Filter.N.Name`, `Filter.N.Value.M`.
    public mutating func addFilters(_ filters: [(name: String, values: [String])]) {
        for (index, filter) in filters.enumerated() {
            let prefix = "Filter.\(index + 1)"
            add("\(prefix).Name", filter.name)
            addList("\(prefix).Value", filter.values, member: nil)
        }
    }

    static func listKey(_ name: String, member: String?, index: Int) -> String {
        if let member { return "\(name).\(member).\(index)" }
        return "\(name).\(index)"
    }

    /// The form body: `Action=…&Version=…&…`, percent-encoded.
    func formBody(action: String, version: String) -> [UInt8] {
        let all = [(name: "Action", value: action), (name: "Version", value: version)]
            + pairs.map { (name: $0.name, value: $0.value) }
        return Array(SigV4PercentEncoding.encodeQuery(all).utf8)
    }
}
