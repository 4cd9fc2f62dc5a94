@testable import DatabaseMigrations
import Foundation
import Testing
import Ticketing

/// The migrated schema's `orders.reason` constraint admits every reason the worker records:
/// 0002 (payment gate) and 0003 (processing-failed) each rewrote it, and a reason the database
/// refuses would fail the worker's transaction on every receive.
@Suite("Rejection reasons in the schema (PostgreSQL)")
struct RejectionReasonSchemaTests {
    @Test func everyRejectionReasonCanBeRecorded() async throws {
        let migrations = try MigrationDirectory.load(from: MigrationFixtures.templates)
        try await ScratchDatabase.with { db in
            _ = try await MigrationRunner(url: db.url).run(migrations: migrations, seed: nil)
            for reason in RejectionReason.allCases {
                try await db.execute("""
                    INSERT INTO orders (order_id, idem, event_id, user_id, seat_ids, status, reason)
                    VALUES ('\(UUID().uuidString)', 'reason-\(reason.rawValue)', 'evt-0001', 'u-reasons',
                            ARRAY['S01-00001'], 'rejected', '\(reason.rawValue)')
                    """)
            }
            #expect(Set(try await db.strings("SELECT reason FROM orders")) == Set(RejectionReason.allCases.map(\.rawValue)))
        }
    }
}
