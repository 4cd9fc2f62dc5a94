import Testing
@testable import Stack

@Suite struct IPv4CIDRTests {
    @Test(arguments: ["10.0.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "192.168.10.16/28"])
    func roundTrips(_ text: String) throws {
        #expect(try IPv4CIDR.parse(text).get().description == text)
    }

    @Test(arguments: ["10.0.0.0", "10.0.0/16", "10.0.0.0/", "10.0.0.256/24", "10.0.0.0/33", "010.0.0.0/8",
                      "10.0.0.0/-1", "a.b.c.d/8", "10.0.0.0/16/1", " 10.0.0.0/16", ""])
    func rejectsMalformed(_ text: String) {
        #expect(IPv4CIDR.parse(text) == .failure(.malformed))
    }

    @Test func suggestsTheNetworkWhenHostBitsAreSet() throws {
        #expect(IPv4CIDR.parse("10.10.1.7/16") == .failure(.hostBitsSet(suggestion: try IPv4CIDR.parse("10.10.0.0/16").get())))
    }

    @Test func overlapAndContainment() throws {
        let a = try IPv4CIDR.parse("10.10.0.0/16").get()
        let b = try IPv4CIDR.parse("10.10.255.0/24").get()
        let c = try IPv4CIDR.parse("10.11.0.0/16").get()
        #expect(a.overlaps(b) && b.overlaps(a))
        #expect(a.contains(b) && !b.contains(a))
        #expect(!a.overlaps(c) && !c.overlaps(a))
        #expect(a.size == 65_536)
    }
}
