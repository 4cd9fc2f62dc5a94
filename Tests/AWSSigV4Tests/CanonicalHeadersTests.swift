@testable import AWSSigV4
import Testing

@Suite("Canonical headers")
struct CanonicalHeadersTests {
    @Test("names lowercased and sorted, values trimmed and whitespace runs folded")
    func trimming() {
        let headers = CanonicalHeaders([
            ("X-B", "  two   words \t here  "), ("Host", "example.com"), ("x-a", "\tvalue"),
        ])
        #expect(headers.block == "host:example.com\nx-a:value\nx-b:two words here\n")
        #expect(headers.signedHeaders == "host;x-a;x-b")
    }

    @Test("an obs-folded multi-line value becomes one line")
    func multiLine() {
        #expect(CanonicalHeaders.trimAll("value1\n  value2\r\n\tvalue3") == Array("value1 value2 value3".utf8))
    }

    @Test("repeated names are joined with commas in request order, whatever their case")
    func duplicates() {
        let headers = CanonicalHeaders([("My-Header", "b"), ("my-header", " a "), ("MY-HEADER", "c")])
        #expect(headers.block == "my-header:b,a,c\n")
    }

    @Test("empty values are kept")
    func emptyValue() {
        #expect(CanonicalHeaders([("X-Empty", "   ")]).block == "x-empty:\n")
    }

    @Test("hop-by-hop, user-agent, tracing and authorization headers are not signed")
    func unsignedHeaders() {
        let headers = CanonicalHeaders([
            ("User-Agent", "x"), ("X-Amzn-Trace-Id", "y"), ("Expect", "100-continue"), ("Connection", "close"),
            ("Transfer-Encoding", "chunked"), ("Authorization", "old"), ("Host", "h"),
        ])
        #expect(headers.signedHeaders == "host")
    }
}
