import Testing
@testable import Stack

@Suite struct IdempotencyTokenTests {
    @Test func sameInputsSameToken() {
        let a = IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "nat-gateway-0")
        let b = IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "nat-gateway-0")
        #expect(a == b)
        #expect(a.count == 64)
        #expect(a.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    /// Pinned: changing the derivation would make a resumed run create duplicates of
    /// resources created by the previous version.
    @Test func derivationIsPinned() {
        #expect(IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "nat-gateway-0")
                == "3a8b47ca68fa8953c2f4b83499d5e0892f019ae2cb99e8a24bfc613d99c7f564")
    }

    @Test func everyInputChangesTheToken() {
        let base = IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "vpc")
        let variants = [
            IdempotencyToken.derive(stack: "max-tps2", region: .apNortheast1, resource: "vpc"),
            IdempotencyToken.derive(stack: "max-tps", region: .apNortheast2, resource: "vpc"),
            IdempotencyToken.derive(stack: "max-tps", region: nil, resource: "vpc"),
            IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "vpc2"),
            IdempotencyToken.derive(stack: "max-tps", region: .apNortheast1, resource: "vpc", generation: "2"),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
    }

    @Test func fieldsCannotBleedIntoEachOther() {
        #expect(IdempotencyToken.derive(stack: "a", region: nil, resource: "x\n", generation: "y")
                != IdempotencyToken.derive(stack: "a", region: nil, resource: "x", generation: "\ny"))
    }

    @Test func truncatedToTheAPILimit() {
        let full = IdempotencyToken.derive(stack: "s", region: .apNortheast1, resource: "svc")
        let ecs = IdempotencyToken.derive(stack: "s", region: .apNortheast1, resource: "svc",
                                          maxLength: IdempotencyToken.ecsMaxLength)
        #expect(ecs.count == 36)
        #expect(full.hasPrefix(ecs))
    }
}
