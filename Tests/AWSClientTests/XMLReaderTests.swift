@testable import AWSClient
import Foundation
import Testing

/// The project's own XML reader (AWSClient does not link FoundationXML): what AWS documents
/// contain is read exactly, and anything else is refused with the line it was found on.
@Suite("XML reader")
struct XMLReaderTests {
    @Test("entities, character references, CDATA, comments and attributes")
    func readsAWSDocumentFeatures() throws {
        let tree = try XMLTree(parsing: """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- an error answer -->
            <ErrorResponse xmlns='http://example/'><Error kind="a&quot;b">
              <Code>Throttling</Code>
              <Message>Rate &lt;exceeded&gt; &amp; &#x41;&#66;&apos;&#12354;</Message>
              <Raw><![CDATA[<not> & a tag]]></Raw>
              <Empty/><Spaced   attr = "1"  />
              <?ignored instruction?>
            </Error></ErrorResponse>
            """)
        #expect(tree.name == "ErrorResponse")
        #expect(tree.attributes == ["xmlns": "http://example/"])
        let error = try #require(tree.child("Error"))
        #expect(error.attributes["kind"] == "a\"b")
        #expect(error.text == "", "whitespace between children is layout")
        #expect(error.string("Code") == "Throttling")
        #expect(error.string("Message") == "Rate <exceeded> & AB'あ")
        #expect(error.string("Raw") == "<not> & a tag")
        #expect(error.child("Empty") == XMLTree("Empty"))
        #expect(error.child("Spaced")?.attributes == ["attr": "1"])
    }

    @Test("namespace prefixes are dropped from element names")
    func localNames() throws {
        let tree = try XMLTree(parsing: #"<s:Envelope xmlns:s="x"><s:Body>1</s:Body></s:Envelope>"#)
        #expect(tree.name == "Envelope")
        #expect(tree.string("Body") == "1")
    }

    @Test("malformed input names the line", arguments: [
        ("<a>\n<b>\n</a>", 3, "does not match"),
        ("<a>\n", 2, "never closed"),
        ("<a>&bogus;</a>", 1, "unknown entity"),
        ("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", 1, "document type"),
        ("<a></a>\n<b/>", 2, "after the root"),
        ("<a b=c/>", 1, "not quoted"),
        ("", 1, "no root"),
        ("<a><![CDATA[open</a>", 1, "unterminated CDATA"),
    ])
    func refusesMalformed(document: String, line: Int, reason: String) {
        #expect {
            try XMLTree(parsing: document)
        } throws: { error in
            guard let error = error as? XMLTreeParseError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }

    @Test("a tree written by xmlDocument() reads back equal")
    func roundTrip() throws {
        let tree = XMLTree("Root", attributes: ["a": "<&>\"'"], children: [
            .leaf("Text", "line 1\nline 2 & <3>"), XMLTree("Nested", children: [.leaf("Deep", "é")]),
        ])
        #expect(try XMLTree(parsing: tree.xmlDocument()) == tree)
    }
}

/// The hand-written timestamp codec against Foundation's calendar arithmetic (the tests may
/// link Foundation; the services do not).
@Suite("Timestamps")
struct TimestampCodecTests {
    @Test("format and parse agree with Foundation across eras, leap days and the epoch")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var seconds = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: Double(seconds))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!,
                                  parts.hour!, parts.minute!, parts.second!)
            #expect(ISO8601Timestamp.format(date) == expected)
            #expect(ISO8601Timestamp.parse(expected) == date)
            seconds += 86_400 * 37 + 3_607
        }
    }

    @Test("impossible dates and other spellings are refused", arguments: [
        "2026-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z",
        "2024-01-01 00:00:00Z", "2024-01-01T00:00:00", "2024-01-01T00:00:00+0100", "Wed, 25 Nov 2026",
    ])
    func refusesImpossible(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test("offsets move the instant; leap day 2024 exists")
    func offsets() {
        #expect(ISO8601Timestamp.parse("2024-02-29T09:00:00+09:00") == ISO8601Timestamp.parse("2024-02-29T00:00:00Z"))
        #expect(ISO8601Timestamp.parse("2024-02-29T00:00:00-01:30") == ISO8601Timestamp.parse("2024-02-29T01:30:00Z"))
        #expect(ISO8601Timestamp.parseHTTPDate("Thu, 29 Feb 2024 00:00:00 GMT") == ISO8601Timestamp.parse("2024-02-29T00:00:00Z"))
        #expect(ISO8601Timestamp.parseHTTPDate("Thu, 30 Feb 2024 00:00:00 GMT") == nil)
    }
}
