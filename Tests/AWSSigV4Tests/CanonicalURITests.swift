@testable import AWSSigV4
import Testing

@Suite("Canonical URI")
struct CanonicalURITests {
    @Test("dot segments and empty segments are removed", arguments: [
        ("/", "/"), ("", ""), ("//", "/"), ("/./", "/"), ("/a/..", "/"), ("/a/b/../c/", "/a/c/"),
        ("//a//b//", "/a/b/"), ("/a/.", "/a"), ("/../a", "/a"), ("/a/b/../../..", "/"),
        ("/%2E%2E/a", "/%2E%2E/a"), ("/...", "/..."), ("a/b", "a/b"),
    ])
    func removesDotSegments(_ path: String, _ expected: String) {
        #expect(CanonicalURI.removeDotSegments(Substring(path)) == expected)
    }

    @Test("normalized and double-encoded (every service but S3)")
    func doubleEncoded() {
        #expect(CanonicalURI.make(path: "/a%20b//./c%2Fd", normalize: true, encode: true) == "/a%2520b/c%252Fd")
        #expect(CanonicalURI.make(path: "/x:y/ሴ", normalize: true, encode: true) == "/x%3Ay/%E1%88%B4")
    }

    @Test("S3: the wire path exactly as sent")
    func s3() {
        #expect(CanonicalURI.make(path: "/bucket/a%20b//../c", normalize: false, encode: false) == "/bucket/a%20b//../c")
    }

    @Test("an empty path signs as /", arguments: [(true, true), (false, false), (true, false), (false, true)])
    func emptyPath(_ normalize: Bool, _ encode: Bool) {
        #expect(CanonicalURI.make(path: "", normalize: normalize, encode: encode) == "/")
    }
}
