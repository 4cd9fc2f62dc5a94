/// The migration task's log lines are shown on the terminal and quoted in errors. A line that
/// echoes a connection URL (`postgres://user:password@host`) must not carry the password
/// there, whatever the task printed.
enum LogLineRedaction {
    static func redact(_ line: String) -> String {
        var output = ""
        var rest = Substring(line)
        while let scheme = rest.range(of: "://") {
            output += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "\"" || $0 == "'" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                output += authority[..<colon] + ":***" + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        return output + rest
    }
}
