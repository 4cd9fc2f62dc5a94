import Testing
@testable import Stack

@Suite struct SubnetLayoutTests {
    private func cidr(_ text: String) throws -> IPv4CIDR { try IPv4CIDR.parse(text).get() }

    @Test func privateFromTheStartPublicFromTheEnd() throws {
        let layout = try SubnetLayout.carve(vpc: cidr("10.10.0.0/16"), azCount: 3, publicPrefixLength: 24,
                                            privatePrefixLength: 20)
        #expect(layout.zones.map(\.index) == [0, 1, 2])
        #expect(layout.zones.map(\.privateSubnet) == [try cidr("10.10.0.0/20"), try cidr("10.10.16.0/20"),
                                                       try cidr("10.10.32.0/20")])
        #expect(layout.zones.map(\.publicSubnet) == [try cidr("10.10.255.0/24"), try cidr("10.10.254.0/24"),
                                                      try cidr("10.10.253.0/24")])
    }

    @Test func addingAnAZNeverMovesExistingSubnets() throws {
        let vpc = try cidr("172.16.0.0/16")
        let three = try SubnetLayout.carve(vpc: vpc, azCount: 3, publicPrefixLength: 24, privatePrefixLength: 19)
        let four = try SubnetLayout.carve(vpc: vpc, azCount: 4, publicPrefixLength: 24, privatePrefixLength: 19)
        #expect(Array(four.zones.prefix(3)) == three.zones)
    }

    @Test func subnetsAreDisjointAndInsideTheVPC() throws {
        for (vpcText, azCount, publicPrefix, privatePrefix) in [("10.0.0.0/16", 6, 24, 20), ("10.0.0.0/20", 2, 24, 22),
                                                               ("192.168.0.0/24", 2, 28, 26), ("10.0.0.0/16", 2, 18, 18)] {
            let vpc = try cidr(vpcText)
            let layout = try SubnetLayout.carve(vpc: vpc, azCount: azCount, publicPrefixLength: publicPrefix,
                                                privatePrefixLength: privatePrefix)
            let all = layout.zones.flatMap { [$0.publicSubnet, $0.privateSubnet] }
            #expect(all.count == azCount * 2)
            for (i, a) in all.enumerated() {
                #expect(vpc.contains(a), "\(a) outside \(vpc)")
                for b in all[(i + 1)...] {
                    #expect(!a.overlaps(b), "\(a) overlaps \(b) in \(vpc)")
                }
            }
        }
    }

    @Test func anExactFitIsAcceptedOneMoreAZIsNot() throws {
        let vpc = try cidr("10.0.0.0/16")
        let full = try SubnetLayout.carve(vpc: vpc, azCount: 2, publicPrefixLength: 18, privatePrefixLength: 18)
        #expect(full.zones.map(\.privateSubnet.description) == ["10.0.0.0/18", "10.0.64.0/18"])
        #expect(full.zones.map(\.publicSubnet.description) == ["10.0.192.0/18", "10.0.128.0/18"])
        #expect(throws: SubnetCarvingError.doesNotFit(azCount: 3, publicPrefixLength: 18, privatePrefixLength: 18,
                                                      needed: 98_304, vpc: vpc)) {
            try SubnetLayout.carve(vpc: vpc, azCount: 3, publicPrefixLength: 18, privatePrefixLength: 18)
        }
    }

    @Test func aSubnetLargerThanTheVPCIsRejected() throws {
        let vpc = try cidr("10.0.0.0/22")
        #expect(throws: SubnetCarvingError.subnetLargerThanVPC(subnetPrefixLength: 20, vpc: vpc)) {
            try SubnetLayout.carve(vpc: vpc, azCount: 2, publicPrefixLength: 24, privatePrefixLength: 20)
        }
    }
}
