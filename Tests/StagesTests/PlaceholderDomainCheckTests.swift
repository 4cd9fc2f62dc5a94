import Foundation
import Stack
@testable import Stages
import Testing

/// `verify`'s placeholder domain finding: the shipped production stack still names
/// tickets.example.com, which ACM can never validate.
@Suite("verify flags a placeholder domain")
struct PlaceholderDomainCheckTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("stacks/max-tps.yaml's tickets.example.com is one finding; names under .test or example.org too; a real name, or none, is clean")
    func placeholderNames() throws {
        var stack = try StackLoader.load(path: Self.repository.appendingPathComponent("stacks/max-tps.yaml").path)
        let shipped = PlaceholderDomainCheck().findings(stack, region: "ap-northeast-1").map(\.description)
        #expect(shipped == ["ap-northeast-1: domain: domain.name tickets.example.com is under example.com, reserved for "
                                + "examples: ACM can never validate its certificates; set the stack's own domain"])
        for name in ["shop.test", "Example.ORG.", "a.b.example", "example.net"] {
            stack.domain = DomainConfig(name: name)
            #expect(PlaceholderDomainCheck().findings(stack, region: "r").count == 1, "\(name)")
        }
        for name in ["tickets.mycorp.co.jp", "example.com.au", "notexample.com"] {
            stack.domain = DomainConfig(name: name)
            #expect(PlaceholderDomainCheck().findings(stack, region: "r").isEmpty, "\(name)")
        }
        stack.domain = nil
        #expect(PlaceholderDomainCheck().findings(stack, region: "r").isEmpty)
    }
}
