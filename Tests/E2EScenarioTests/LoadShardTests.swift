import Testing
@testable import E2EScenario

/// Shards split every rate so the parts sum exactly to the target, and split the seats so no
/// two shards own one.
struct LoadShardTests {
    static func shares(_ total: Int, over count: Int) throws -> [Int] {
        try (1...count).map { try LoadShard(parsing: "\($0)/\(count)").share(of: total) }
    }

    @Test func awkwardRatesSplitExactly() throws {
        #expect(try Self.shares(7, over: 3) == [3, 2, 2])
        #expect(try Self.shares(1, over: 4) == [1, 0, 0, 0])
        #expect(try Self.shares(100_000, over: 7) == [14_286, 14_286, 14_286, 14_286, 14_286, 14_285, 14_285])
        #expect(try Self.shares(5, over: 1) == [5])
    }

    @Test func everySplitSumsToTheTargetAndDiffersByAtMostOne() throws {
        for count in 1...13 {
            for total in 0...200 {
                let parts = try Self.shares(total, over: count)
                #expect(parts.reduce(0, +) == total, "\(total) over \(count): \(parts)")
                #expect(parts.max()! - parts.min()! <= 1)
            }
        }
    }

    @Test func seatPartitionsAreDisjointAndCoverEverySeat() throws {
        let shards = try (1...3).map { try LoadShard(parsing: "\($0)/3") }
        for position in 0..<50 {
            #expect(shards.filter { $0.owns(position: position) }.count == 1)
        }
        #expect(LoadShard.whole.owns(position: 17))
    }

    @Test(arguments: [("3/2", "needs 1 <= K <= N <= 1024"), ("0/2", "needs 1 <= K <= N <= 1024"),
                      ("x", "is not K/N (e.g. 2/4)"), ("1/2/3", "is not K/N (e.g. 2/4)"),
                      ("1/", "is not K/N (e.g. 2/4)"), ("1/2000", "needs 1 <= K <= N <= 1024")])
    func badShardsAreRefused(_ text: String, _ reason: String) {
        #expect(throws: LoadShard.Invalid.self) { try LoadShard(parsing: text) }
        do {
            _ = try LoadShard(parsing: text)
        } catch {
            #expect(error.description == "'\(text)' \(reason)")
        }
    }
}
