import NIOCore
import NIOHTTP1
import Synchronization

/// A distribution's cached objects, least recently used evicted first once their bytes pass
/// the budget, so memory stays bounded whatever the traffic. One short lock per lookup or
/// store; the request path never awaits.
final class EdgeCache: Sendable {
    /// A stored response, already encoded as it is served (one entry per encoding).
    struct Entry: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
        var storedAt: NIODeadline
        var expiresAt: NIODeadline

        /// Bytes counted against the budget: the body and a rough share for the headers.
        var cost: Int { body.readableBytes + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 } + 64 }
    }

    private final class Node {
        let key: String
        var entry: Entry
        var newer: Node?
        weak var older: Node?

        init(key: String, entry: Entry) {
            self.key = key
            self.entry = entry
        }
    }

    private struct State {
        var nodes: [String: Node] = [:]
        /// Most recently used.
        var newest: Node?
        /// Least recently used: evicted first.
        var oldest: Node?
        var bytes = 0
    }

    let budgetBytes: Int
    private let state = Mutex(State())

    init(budgetBytes: Int) {
        self.budgetBytes = budgetBytes
    }

    var usedBytes: Int { state.withLock { $0.bytes } }
    var count: Int { state.withLock { $0.nodes.count } }

    /// The fresh entry under `key`, now the most recently used; an expired one is dropped.
    func lookup(_ key: String, now: NIODeadline = .now()) -> Entry? {
        state.withLock { state in
            guard let node = state.nodes[key] else { return nil }
            guard node.entry.expiresAt > now else {
                Self.remove(node, from: &state)
                return nil
            }
            Self.unlink(node, from: &state)
            Self.pushNewest(node, into: &state)
            return node.entry
        }
    }

    /// Stores `entry` unless it alone exceeds the budget, evicting the least recently used.
    func store(_ key: String, _ entry: Entry) {
        let cost = entry.cost
        guard cost <= budgetBytes else { return }
        state.withLock { state in
            if let old = state.nodes[key] { Self.remove(old, from: &state) }
            let node = Node(key: key, entry: entry)
            state.nodes[key] = node
            state.bytes += cost
            Self.pushNewest(node, into: &state)
            while state.bytes > budgetBytes, let victim = state.oldest { Self.remove(victim, from: &state) }
        }
    }

    func removeAll() {
        state.withLock { $0 = State() }
    }

    private static func remove(_ node: Node, from state: inout State) {
        unlink(node, from: &state)
        state.nodes[node.key] = nil
        state.bytes -= node.entry.cost
    }

    private static func unlink(_ node: Node, from state: inout State) {
        if state.newest === node { state.newest = node.older }
        if state.oldest === node { state.oldest = node.newer }
        node.older?.newer = node.newer
        node.newer?.older = node.older
        node.newer = nil
        node.older = nil
    }

    private static func pushNewest(_ node: Node, into state: inout State) {
        node.older = state.newest
        state.newest?.newer = node
        state.newest = node
        if state.oldest == nil { state.oldest = node }
    }
}
