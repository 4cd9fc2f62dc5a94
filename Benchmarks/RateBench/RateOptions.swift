import Foundation

/// What one fixed-rate run sends: `RateBench --url http://HOST:PORT/PATH --rate R [--seconds S]
/// [--warmup S] [--connections C] [--method M] [--body TEXT] [--header NAME:VALUE]…
/// [--header-env NAME=VARIABLE]… [--expect STATUS]`. Flags only, parsed by hand like the other
/// benchmarks, so the bench scripts pass the same words they print. `--header-env` takes the
/// value from the environment, so a token never appears in the process arguments; `--expect`
/// names the one status that is not an error (default: any 2xx), e.g. 409 for a held seat.
struct RateOptions {
    var host = ""
    var port = 80
    var path = "/"
    var rate = 0.0
    var seconds = 10.0
    /// Sent at the same rate before the measured window; not recorded (connection set-up,
    /// caches, the kernel's first packets).
    var warmup = 2.0
    var connections = 64
    var method = "GET"
    var body: String?
    var headers: [(name: String, value: String)] = []
    var expectedStatus: Int?

    init(arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        var url: String?
        while let flag = iterator.next() {
            guard let value = iterator.next() else { throw RateBenchError("\(flag) needs a value") }
            switch flag {
            case "--url": url = value
            case "--rate": rate = try Self.positive(flag, value)
            case "--seconds": seconds = try Self.positive(flag, value)
            case "--warmup": warmup = try Self.positive(flag, value, allowZero: true)
            case "--connections": connections = Int(try Self.positive(flag, value))
            case "--method": method = value
            case "--body": body = value
            case "--header":
                guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else {
                    throw RateBenchError("--header: expected NAME:VALUE, got '\(value)'")
                }
                headers.append((String(value[..<colon]), String(value[value.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            case "--header-env":
                guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                    throw RateBenchError("--header-env: expected NAME=VARIABLE, got '\(value)'")
                }
                let variable = String(value[value.index(after: equals)...])
                guard let header = ProcessInfo.processInfo.environment[variable] else {
                    throw RateBenchError("--header-env: \(variable) is not set")
                }
                headers.append((String(value[..<equals]), header))
            case "--expect":
                guard let status = Int(value), (100...599).contains(status) else {
                    throw RateBenchError("--expect: '\(value)' is not an HTTP status")
                }
                expectedStatus = status
            default: throw RateBenchError("unknown flag \(flag)")
            }
        }
        guard let url else { throw RateBenchError("--url is required") }
        guard rate > 0 else { throw RateBenchError("--rate is required") }
        guard url.hasPrefix("http://") else { throw RateBenchError("--url: '\(url)' is not an http:// URL") }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        path = rest.count > authority.count ? String(rest.dropFirst(authority.count)) : "/"
        if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw RateBenchError("--url: bad port in '\(url)'")
            }
            port = number
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { throw RateBenchError("--url: no host in '\(url)'") }
    }

    static func positive(_ flag: String, _ value: String, allowZero: Bool = false) throws -> Double {
        guard let number = Double(value), number > 0 || (allowZero && number == 0) else {
            throw RateBenchError("\(flag): '\(value)' is not a positive number")
        }
        return number
    }
}

struct RateBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
