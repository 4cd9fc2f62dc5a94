@testable import AWSSigV4
import Testing

@Suite("Percent-encoding")
struct PercentEncodingTests {
    @Test("the RFC 3986 unreserved set stays literal, everything else is %XX uppercase")
    func unreservedSet() {
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        #expect(SigV4PercentEncoding.encode(unreserved) == unreserved)
        #expect(SigV4PercentEncoding.encode("a b+c/d=e&f:g*h%i") == "a%20b%2Bc%2Fd%3De%26f%3Ag%2Ah%25i")
        #expect(SigV4PercentEncoding.encode("!$'()*,;@[]") == "%21%24%27%28%29%2A%2C%3B%40%5B%5D")
    }

    @Test("UTF-8 is encoded byte by byte")
    func utf8() {
        #expect(SigV4PercentEncoding.encode("ሴ") == "%E1%88%B4")
        #expect(SigV4PercentEncoding.encode("😀") == "%F0%9F%98%80")
    }

    @Test("paths keep their slashes")
    func keepSlash() {
        #expect(SigV4PercentEncoding.encode("/a b/c", keepSlash: true) == "/a%20b/c")
        #expect(SigV4PercentEncoding.encode("/a b/c") == "%2Fa%20b%2Fc")
    }

    @Test("decoding accepts either hex case, keeps a stray % and does not turn + into a space")
    func decoding() {
        #expect(SigV4PercentEncoding.decode(Array("%e1%88%B4".utf8)) == [0xE1, 0x88, 0xB4])
        #expect(SigV4PercentEncoding.decode(Array("100%".utf8)) == Array("100%".utf8))
        #expect(SigV4PercentEncoding.decode(Array("%4".utf8)) == Array("%4".utf8))
        #expect(SigV4PercentEncoding.decode(Array("%zz".utf8)) == Array("%zz".utf8))
        #expect(SigV4PercentEncoding.decode(Array("a+b".utf8)) == Array("a+b".utf8))
    }

    @Test("encode then decode gives the bytes back", arguments: ["", "plain", "a b/c?d#e", "日本語", "%41"])
    func roundTrip(_ text: String) {
        let encoded = SigV4PercentEncoding.encode(bytes: Array(text.utf8))
        #expect(SigV4PercentEncoding.decode(encoded) == Array(text.utf8))
    }

    @Test("hex is lowercase")
    func hex() {
        #expect(Hex.encode([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(SHA256Hex.digest([UInt8]()) == SHA256Hex.empty)
        #expect(SHA256Hex.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
