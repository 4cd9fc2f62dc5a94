import Stack
import Testing

/// Issue 14, item 3: with `dataPlane.aurora.proxy` the budget counts the proxy's share of
/// max_connections (MaxConnectionsPercent) instead of pools × tasks.
@Suite("The connection budget with an RDS Proxy")
struct ProxyConnectionBudgetTests {
    static func yaml(pool: Int = 20, maxCount: Int = 40, proxy: String) -> String {
        ConnectionBudgetTests.yaml(pool: pool, maxCount: maxCount, proxy: proxy)
    }

    @Test("the proxy is off by default, at 90 % with AWS's 120 s borrow timeout when enabled")
    func defaults() throws {
        let plain = try StackLoader.load(yaml: ConnectionBudgetTests.yaml(pool: 16, maxCount: 40), file: "b.yaml")
        #expect(plain.dataPlane.aurora.proxy == AuroraProxyConfig())
        #expect(!plain.dataPlane.aurora.proxy.enabled)
        let proxied = try StackLoader.load(yaml: Self.yaml(proxy: "enabled: true"), file: "b.yaml")
        #expect(proxied.dataPlane.aurora.proxy.enabled)
        #expect(proxied.dataPlane.aurora.proxy.maxConnectionsPercent == 90)
        #expect(proxied.dataPlane.aurora.proxy.connectionBorrowTimeoutSeconds == 120)
    }

    @Test("20 × 120 tasks fails without a proxy and loads with one: the database sees 90 % of 2,000 = 1,800 ≤ 1,997")
    func proxyLiftsThePoolLimit() throws {
        #expect(throws: (any Error).self) {
            try StackLoader.load(yaml: Self.yaml(proxy: "enabled: false"), file: "b.yaml")
        }
        let stack = try StackLoader.load(yaml: Self.yaml(pool: 100, maxCount: 100, proxy: "enabled: true"), file: "b.yaml")
        #expect(stack.dataPlane.aurora.proxy.databaseConnections(of: 2_000) == 1_800)
    }

    @Test("a proxy share that leaves no superuser reserve fails at its field's line, in one line")
    func shareBeyondTheReserve() {
        do {
            _ = try StackLoader.load(yaml: Self.yaml(proxy: "enabled: true\nmaxConnectionsPercent: 100"), file: "b.yaml")
            Issue.record("a proxy taking all of max_connections was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            let message = error.diagnostics[0].description
            #expect(message.hasPrefix("b.yaml:12: dataPlane.aurora.proxy.maxConnectionsPercent: 100 % of the 2000"))
            #expect(message.contains("= 2000 proxy connections, more than the 1997"))
            #expect(message.contains("maxACU line 8"))
            #expect(!message.contains("\n"))
        }
    }

    @Test("out-of-range and unknown proxy fields fail with file:line", arguments: [
        ("maxConnectionsPercent: 0", 12, "maxConnectionsPercent"),
        ("maxConnectionsPercent: 101", 12, "maxConnectionsPercent"),
        ("connectionBorrowTimeoutSeconds: 3601", 12, "connectionBorrowTimeoutSeconds"),
        ("idleClientTimeoutSeconds: 0", 12, "idleClientTimeoutSeconds"),
        ("enabled: maybe", 11, "enabled"),
        ("maxConnections: 50", 12, "maxConnections"),
    ])
    func invalidFields(line: String, at number: Int, field: String) {
        let body = line.hasPrefix("enabled") ? line : "enabled: true\n\(line)"
        do {
            _ = try StackLoader.load(yaml: Self.yaml(pool: 16, proxy: body), file: "b.yaml")
            Issue.record("'\(line)' was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.count == 1, "\(messages)")
            #expect(messages.first?.hasPrefix("b.yaml:\(number):") == true, "\(messages)")
            #expect(messages.first?.contains(field) == true, "\(messages)")
        }
    }
}
