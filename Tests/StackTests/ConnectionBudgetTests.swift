import Stack
import Testing

@Suite("The Aurora connection budget: every pool at maxCount fits max_connections at maxACU")
struct ConnectionBudgetTests {
    @Test("AWS's table for Aurora PostgreSQL Serverless v2, and the 2,000 cap with a 0.5 ACU minimum",
          arguments: [(1.0, 64.0, 5_000), (1, 16, 3_360), (1, 8, 1_669), (1, 4, 823), (1, 1, 189),
                      (0.5, 64, 2_000), (0.5, 8, 1_669), (2, 256, 5_000), (1, 12, 2_514)])
    func limits(minACU: Double, maxACU: Double, expected: Int) {
        #expect(AuroraConnectionLimit.maxConnections(minACU: minACU, maxACU: maxACU) == expected)
    }

    /// `proxy`: lines of `dataPlane.aurora.proxy` (from line 11), if any.
    static func yaml(pool: Int, maxCount: Int, minACU: Double = 0.5, maxACU: Double = 64, proxy: String? = nil) -> String {
        let proxyLines = proxy.map { "\n    proxy:\n" + $0.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") } ?? ""
        return """
        stack: budget
        regions:
          - name: ap-northeast-1
            cidr: 10.10.0.0/16
        dataPlane:
          aurora:
            minACU: \(minACU)
            maxACU: \(maxACU)
            connectionsPerTask: \(pool)\(proxyLines)
        services:
          public-api: { maxCount: \(maxCount) }
          confirm-api: { maxCount: \(maxCount) }
          confirm-worker: { maxCount: \(maxCount) }
        """
    }

    @Test("pools beyond what the writer accepts fail at load with one line naming the fields and their lines")
    func overBudget() {
        do {
            _ = try StackLoader.load(yaml: Self.yaml(pool: 20, maxCount: 40), file: "b.yaml")
            Issue.record("a stack over its connection budget was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            let message = error.diagnostics[0].description
            #expect(message.hasPrefix("b.yaml:9: dataPlane.aurora.connectionsPerTask: 20 connections per task × 120 tasks"))
            #expect(message.contains("services.public-api.maxCount 40 (line 11)"))
            #expect(message.contains("= 2400 connections in ap-northeast-1, more than the 1997"))
            #expect(message.contains("minACU 0.5 (line 7), maxACU 64 (line 8)"))
            #expect(!message.contains("\n"))
        }
    }

    @Test("within the budget, or with a minimum of 1 ACU lifting the cap, the stack loads")
    func withinBudget() throws {
        _ = try StackLoader.load(yaml: Self.yaml(pool: 16, maxCount: 40), file: "b.yaml")
        _ = try StackLoader.load(yaml: Self.yaml(pool: 20, maxCount: 40, minACU: 1), file: "b.yaml")
    }
}
