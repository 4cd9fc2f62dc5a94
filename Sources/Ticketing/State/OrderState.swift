/// An order as the status endpoint reports it. The database stores only the decided states
/// (confirmed, rejected); `pending` means the commit is queued and not yet decided.
public enum OrderState: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, rejected

    public var isDecided: Bool { self != .pending }
}
