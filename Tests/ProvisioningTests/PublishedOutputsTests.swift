import Provisioning
import Testing

/// Typed outputs over the flat map the engine records: what a reader gets, and what its errors name.
@Suite("Typed outputs read from recorded maps")
struct PublishedOutputsTests {
    struct SecretOutputs: PublishedOutputs {
        let secretName: String
        let secret: SecretReference
        let url: String?
    }

    let address = ResourceAddress(region: "ap-northeast-1", stage: .dataplane, kind: "secret", name: "s")

    @Test("a map lacking a key fails only the read of that key, and the error names it")
    func missingKeyFailsOnlyItsRead() throws {
        let partial = ResourceOutputs(["secretName": "n"])
        #expect(try partial.value(\SecretOutputs.secretName) == "n")
        #expect(try partial.value(\SecretOutputs.url) == nil)
        #expect(throws: MissingOutputKey.self) { try partial.value(\SecretOutputs.secret) }
        let context = ResourceContext(stack: "t", address: address.sibling(kind: "role", name: "r"), phase: .apply,
                                      dependencyOutputs: [address: .known(partial)])
        let error = #expect(throws: DependencyOutputError.self) { try context.output(\.secret, of: Dependency<SecretOutputs>(address)) }
        #expect(error?.description.contains("has no output 'secret'") == true)
    }

    @Test("typed outputs round-trip through the recorded map, a secret as a reference")
    func roundTrip() throws {
        let outputs = SecretOutputs(secretName: "n", secret: SecretReference(arn: "arn:aws:secretsmanager:x:1:secret:s"), url: nil)
        let recorded = outputs.recorded
        #expect(recorded["secret"] == .secret(SecretReference(arn: "arn:aws:secretsmanager:x:1:secret:s")))
        #expect(recorded.keys == ["secret", "secretName"])
        #expect(try recorded.value(\SecretOutputs.secret.arn) == "arn:aws:secretsmanager:x:1:secret:s")
    }

    @Test("reading an output of a dependency not applied yet names the key")
    func unknownAtApplyNamesTheKey() {
        let planning = ResourceContext(stack: "t", address: address.sibling(kind: "role", name: "r"), phase: .plan,
                                       dependencyOutputs: [address: .knownAfterApply])
        let error = #expect(throws: DependencyOutputError.self) {
            try planning.requireOutput(\.secretName, of: Dependency<SecretOutputs>(address))
        }
        #expect(error?.description.contains("output 'secretName' of") == true)
    }
}
