@testable import AWSSigV4
import Testing

@Suite("Canonical query")
struct CanonicalQueryTests {
    private func canonical(_ query: Substring?) -> String {
        CanonicalQuery.make(CanonicalQuery.parameters(ofWireQuery: query))
    }

    @Test("sorted by encoded key, then by value for repeated keys")
    func sorting() {
        #expect(canonical("b=2&a=3&a=1&A=9") == "A=9&a=1&a=3&b=2")
        #expect(canonical("Param-3=Value3&Param=Value2&%E1%88%B4=Value1") == "%E1%88%B4=Value1&Param=Value2&Param-3=Value3")
    }

    @Test("empty values and keys without = sign as key=")
    func emptyValues() {
        #expect(canonical("flag&x=&y=1") == "flag=&x=&y=1")
    }

    @Test("empty components carry nothing")
    func emptyComponents() {
        #expect(canonical("a=1&&b=2&") == "a=1&b=2")
        #expect(canonical("") == "")
        #expect(canonical(nil) == "")
    }

    @Test("keys and values are re-encoded canonically")
    func reEncoding() {
        #expect(canonical("%e1%88%b4=x:y") == "%E1%88%B4=x%3Ay")
        #expect(canonical("ሴ=bar") == "%E1%88%B4=bar")
        #expect(canonical("a=b=c") == "a=b%3Dc")
        #expect(canonical("q=a+b") == "q=a%2Bb")
        #expect(canonical("-._~=-._~") == "-._~=-._~")
    }

    @Test("sorting is on the encoded bytes, not the decoded text")
    func sortsEncodedBytes() {
        // "%" (0x25) sorts before "A"; decoded "ሴ" would sort after.
        #expect(canonical("A=1&%E1%88%B4=2") == "%E1%88%B4=2&A=1")
    }
}
