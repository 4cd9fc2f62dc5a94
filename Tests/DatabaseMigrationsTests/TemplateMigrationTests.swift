import Foundation
import Testing
import Ticketing
import TpsctlTestSupport

/// templates/db applied with psql to the real PostgreSQL named by TPS_DATABASE_URL, each test
/// in a fresh schema that is dropped afterwards.
@Suite("templates/db migrations and seed on PostgreSQL", .serialized)
struct TemplateMigrationTests {
    static let directory = MigrationFixtures.templates

    static func migrationFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("Migration files are numbered 0001, 0002, … without gaps")
    func numbering() throws {
        let names = try Self.migrationFiles().map(\.lastPathComponent)
        #expect(!names.isEmpty)
        for (index, name) in names.enumerated() {
            #expect(name.hasPrefix(String(format: "%04d_", index + 1)), "\(name)")
        }
    }

    @Test("Migrations create every table and hot-path index; constraints hold")
    func migrationsApply() throws {
        let db = try ScratchSchema()
        defer { db.drop() }
        try db.applyMigrations()

        let tables = Set(try db.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
        #expect(tables == ["events", "sections", "seats", "holds", "payment_intents", "commit_requests", "orders",
                           "order_seats", "payments", "awaiting_payment"])
        let indexes = Set(try db.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))
        #expect(indexes.isSuperset(of: ["seats_summary_idx", "seats_pkey", "holds_active_seat_uq",
                                        "holds_active_user_idx", "payment_intents_user_key_uq", "payment_intents_open_idx",
                                        "orders_idem_key", "orders_confirmed_intent_uq", "order_seats_pkey",
                                        "payments_intent_id_key", "commit_requests_pkey"]))
        let foreignKeys = try db.query("""
            SELECT count(*) FROM information_schema.table_constraints
            WHERE table_schema = current_schema() AND constraint_type = 'FOREIGN KEY'
            """)
        #expect(Int(foreignKeys.first ?? "") ?? 0 >= 9)

        // The summary query can be answered from its index alone.
        try db.seed(SeedParameters(eventCount: 1, sectionsPerEvent: 2, seatsPerSection: 20, basePriceMinor: 5000,
                                   priceStepMinor: 1000, currency: "JPY"))
        let plan = try db.query("""
            SET enable_seqscan = off; ANALYZE seats;
            EXPLAIN SELECT state, count(*) FROM seats WHERE event_id = 'evt-0001' AND section = 'S01' GROUP BY state
            """).joined(separator: "\n")
        #expect(plan.contains("seats_summary_idx"), "\(plan)")

        // The database itself refuses to sell a seat twice or hold it twice.
        let soldTwice = try db.run("""
            INSERT INTO orders (order_id, idem, event_id, user_id, seat_ids, status, reason)
            VALUES ('\(UUID())', 'idem-00000001', 'evt-0001', 'u', '{S01-00001}', 'rejected', 'intent-not-found'),
                   ('\(UUID())', 'idem-00000002', 'evt-0001', 'u', '{S01-00001}', 'rejected', 'intent-not-found');
            INSERT INTO order_seats SELECT 'evt-0001', 'S01-00001', order_id FROM orders;
            """)
        #expect(soldTwice.status != 0 && soldTwice.output.contains("order_seats_pkey"), "\(soldTwice.output)")
        let heldTwice = try db.run("""
            INSERT INTO holds (hold_id, event_id, seat_id, user_id, expires_at) VALUES
              ('\(UUID())', 'evt-0001', 'S01-00002', 'u1', now() + interval '1 minute'),
              ('\(UUID())', 'evt-0001', 'S01-00002', 'u2', now() + interval '1 minute');
            """)
        #expect(heldTwice.status != 0 && heldTwice.output.contains("holds_active_seat_uq"), "\(heldTwice.output)")
        let badState = try db.run("UPDATE seats SET state = 'lost' WHERE seat_id = 'S01-00003'")
        #expect(badState.status != 0 && badState.output.contains("seats_state_check"), "\(badState.output)")
        let rejectedWithoutReason = try db.run("""
            INSERT INTO orders (order_id, idem, event_id, user_id, seat_ids, status)
            VALUES ('\(UUID())', 'idem-00000003', 'evt-0001', 'u', '{S01-00001}', 'rejected')
            """)
        #expect(rejectedWithoutReason.status != 0, "\(rejectedWithoutReason.output)")
    }

    @Test("The seed creates the stack's counts and a re-run changes nothing")
    func seedIsIdempotent() throws {
        let db = try ScratchSchema()
        defer { db.drop() }
        try db.applyMigrations()
        let parameters = try SeedParameters(eventCount: 2, sectionsPerEvent: 3, seatsPerSection: 50,
                                            basePriceMinor: 5000, priceStepMinor: 1500, currency: "KRW")
        let first = try db.seed(parameters)
        #expect(first.contains("INSERT 0 300"), "\(first)")
        func counts() throws -> [String] {
            try db.query("""
                SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM sections) || '/' ||
                       (SELECT count(*) FROM seats) || '/' || (SELECT count(*) FROM seats WHERE state = 'sold')
                """)
        }
        #expect(try counts() == ["2/6/300/0"])
        #expect(try db.query("SELECT price_minor FROM sections WHERE event_id = 'evt-0002' ORDER BY section")
                == ["8000", "6500", "5000"])
        #expect(try db.query("SELECT DISTINCT currency FROM events") == ["KRW"])
        #expect(try db.query("SELECT seat_id || ':' || section FROM seats ORDER BY event_id, seat_id LIMIT 1")
                == ["S01-00001:S01"])

        // Sold the only way the schema allows: a confirmed order whose payment was approved.
        _ = try db.query("""
            INSERT INTO payment_intents (intent_id, idempotency_key, request_fingerprint, user_id, event_id, seat_ids,
                                         amount_minor, currency, status, expires_at)
            SELECT gen_random_uuid(), 'seed-test-' || event_id, repeat('0', 64), 'u-seed', event_id, ARRAY[seat_id],
                   1, 'KRW', 'approved', now() + interval '1 hour' FROM seats WHERE seat_id = 'S02-00007';
            INSERT INTO payments (payment_id, intent_id, amount_minor, currency, status)
            SELECT gen_random_uuid(), intent_id, 1, 'KRW', 'approved' FROM payment_intents WHERE user_id = 'u-seed';
            INSERT INTO orders (order_id, idem, intent_id, event_id, user_id, seat_ids, status)
            SELECT gen_random_uuid(), idempotency_key, intent_id, event_id, user_id, seat_ids, 'confirmed'
            FROM payment_intents WHERE user_id = 'u-seed';
            INSERT INTO order_seats (event_id, seat_id, order_id)
            SELECT event_id, seat_ids[1], order_id FROM orders WHERE user_id = 'u-seed';
            UPDATE seats SET state = 'sold', version = version + 1 WHERE seat_id = 'S02-00007'
            """)
        let second = try db.seed(parameters)
        #expect(second.components(separatedBy: "INSERT 0 0").count - 1 == 3, "\(second)")
        #expect(try counts() == ["2/6/300/2"])

        // Growing the stack adds only the new rows.
        let grown = try SeedParameters(eventCount: 3, sectionsPerEvent: 3, seatsPerSection: 50, basePriceMinor: 5000,
                                       priceStepMinor: 1500, currency: "KRW")
        try db.seed(grown)
        #expect(try counts() == ["3/9/450/2"])
    }
}

/// A schema of its own on the server named by TPS_DATABASE_URL, used through psql.
struct ScratchSchema {
    let url: String
    let schema = "tps_test_" + UUID().uuidString.prefix(8).lowercased()

    init() throws {
        let value = ProcessInfo.processInfo.environment["TPS_DATABASE_URL"] ?? ""
        try #require(!value.isEmpty, """
            TPS_DATABASE_URL is not set: these tests need a PostgreSQL server \
            (scripts/testenv start, then source .testenv/env)
            """)
        url = value
        let created = try Self.psql(url, schema: nil, ["-c", "CREATE SCHEMA \(schema)"])
        try #require(created.status == 0, "cannot create a schema on TPS_DATABASE_URL: \(created.output)")
    }

    func applyMigrations() throws {
        for file in try TemplateMigrationTests.migrationFiles() {
            let result = try Self.psql(url, schema: schema, ["--single-transaction", "-f", file.path])
            try #require(result.status == 0, "\(file.lastPathComponent): \(result.output)")
        }
    }

    @discardableResult
    func seed(_ parameters: SeedParameters) throws -> String {
        let template = try String(contentsOf: TemplateMigrationTests.directory.appendingPathComponent("seed.sql.template"),
                                  encoding: .utf8)
        let sql = try parameters.render(template: template)
        // Not quiet: the command tags (INSERT 0 n) tell how many rows each statement added.
        let result = try Self.psql(url, schema: schema, ["--single-transaction", "-f", "-"], input: Data(sql.utf8),
                                   quiet: false)
        try #require(result.status == 0, "seed: \(result.output)")
        return result.output
    }

    /// Rows of the last statement, one string per row (columns joined by '|').
    func query(_ sql: String) throws -> [String] {
        let result = try run(sql)
        try #require(result.status == 0, "\(sql): \(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    func run(_ sql: String) throws -> (status: Int32, output: String) {
        try Self.psql(url, schema: schema, ["-At", "-f", "-"], input: Data(sql.utf8))
    }

    func drop() {
        _ = try? Self.psql(url, schema: nil, ["-c", "DROP SCHEMA \(schema) CASCADE"])
    }

    private static func psql(_ url: String, schema: String?, _ arguments: [String], input: Data? = nil,
                             quiet: Bool = true) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "5"
        if let schema { environment["PGOPTIONS"] = "-c search_path=\(schema)" }
        let flags = ["psql", "-X", "-v", "ON_ERROR_STOP=1"] + (quiet ? ["-q"] : [])
        let (status, output) = try Shell.run(flags + ["-d", url] + arguments, environment: environment, input: input)
        return (status, output)
    }
}
