import AWSSigV4
import Foundation

/// A raw HTTP/1.1 request as the official suite writes it in `request.txt`: a request line,
/// `Name:value` header lines (a line starting with whitespace continues the previous value,
/// obs-fold style), a blank line, then the body.
///
/// Header values are kept exactly as written (leading spaces, embedded line breaks), so the
/// signer sees what the wire carries and `render` reproduces the suite's signed requests.
struct HTTPRequestFile: Equatable {
    var method: String
    /// The request target: raw path and query, possibly with spaces or UTF-8.
    var target: String
    var headers: [Header]
    var body: [UInt8]

    struct Header: Equatable {
        var name: String
        var value: String
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    init(method: String, target: String, headers: [Header], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// Parses `text`; `source` names the file in errors.
    init(parsing text: String, source: String) throws {
        var head = Substring(text)
        var body = Substring("")
        if let blank = text.range(of: "\n\n") {
            head = text[..<blank.lowerBound]
            body = text[blank.upperBound...]
        } else if head.hasSuffix("\n") {
            head = head.dropLast()
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let requestLine = lines.popFirst(),
              let firstSpace = requestLine.firstIndex(of: " "),
              let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace
        else { throw ParseError(description: "\(source):1: request line must be `METHOD target HTTP/1.1`") }
        method = String(requestLine[..<firstSpace])
        target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])

        headers = []
        for (offset, line) in lines.enumerated() {
            if let first = line.first, first == " " || first == "\t" {
                guard !headers.isEmpty else {
                    throw ParseError(description: "\(source):\(offset + 2): continuation line before any header")
                }
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw ParseError(description: "\(source):\(offset + 2): header line has no `:`")
            }
            headers.append(Header(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        }
        self.body = Array(body.utf8)
    }

    /// The `Host` header value, trimmed: the suite's requests always carry one.
    var host: String? {
        headers.first { $0.name.lowercased() == "host" }?.value.trimmingCharacters(in: .whitespaces)
    }

    /// The same text layout as the suite's `*-signed-request.txt` files.
    func render() -> String {
        var text = "\(method) \(target) HTTP/1.1\n"
        for header in headers { text += "\(header.name):\(header.value)\n" }
        return text + "\n" + String(decoding: body, as: UTF8.self)
    }

    /// The request as the signer takes it, addressed over `https` to its `Host`.
    func signerRequest() throws -> SigV4Request {
        guard let host else { throw ParseError(description: "request has no Host header") }
        return SigV4Request(
            method: method, url: "https://\(host)\(target)",
            headers: headers.map { ($0.name, $0.value) }, payload: .bytes(body))
    }
}
