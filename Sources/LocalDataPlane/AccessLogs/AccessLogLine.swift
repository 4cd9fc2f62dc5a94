import AWSClient
import FoundationEssentials

/// One record as a line of an Application Load Balancer's access log, fields in AWS's documented
/// order ("Access log entries"): type, time, elb, client:port, target:port, the three processing
/// times, the two status codes, bytes received and sent, "request", "user_agent", ssl_cipher,
/// ssl_protocol, target_group_arn, "trace_id", "domain_name", "chosen_cert_arn",
/// matched_rule_priority, request_creation_time, "actions_executed", "redirect_url",
/// "error_reason", "target:port_list", "target_status_code_list", "classification",
/// "classification_reason", conn_trace_id. What the local ALB cannot know — TLS (it serves HTTP
/// only), X-Ray trace ids, the matched rule's priority, desync classification, connection trace
/// ids — is `-`, as AWS writes a field without a value; a time without a target is -1.
public enum AccessLogLine {
    /// `elb` is the load balancer's `app/<name>/<id>`.
    public static func format(_ record: AccessLogRecord, loadBalancer elb: String) -> String {
        let target = record.target.map { "\($0.address):\($0.port)" } ?? "-"
        var fields: [String] = [
            "http", timestamp(record.answered), elb, "\(record.clientAddress):\(record.clientPort)", target,
            seconds(record.requestProcessingTime), seconds(record.targetProcessingTime), seconds(record.responseProcessingTime),
            String(record.elbStatus), record.targetStatus.map(String.init) ?? "-",
            String(record.receivedBytes), String(record.sentBytes),
            quoted(record.requestLine), quoted(record.userAgent ?? "-"),
            "-", "-", record.targetGroupArn ?? "-", quoted("-"), quoted(record.domainName ?? "-"), quoted("-"), "-",
            timestamp(record.received), quoted(record.actions.map(\.rawValue).joined(separator: ",")),
            quoted(record.redirectURL ?? "-"), quoted("-"),
        ]
        fields.append(quoted(record.target == nil ? "-" : target))
        fields.append(quoted(record.targetStatus.map(String.init) ?? "-"))
        fields += [quoted("-"), quoted("-"), "-"]
        return fields.joined(separator: " ")
    }

    /// `2026-12-08T01:02:03.456789Z`: ISO 8601, UTC, microseconds.
    static func timestamp(_ secondsSince1970: Double) -> String {
        let whole = secondsSince1970.rounded(.down)
        let micros = min(999_999, Int(((secondsSince1970 - whole) * 1_000_000).rounded()))
        let base = ISO8601Timestamp.format(Date(timeIntervalSince1970: whole))
        return String(base.dropLast()) + "." + padded(micros, 6) + "Z"
    }

    /// Seconds with millisecond precision; -1 when there is no such time.
    static func seconds(_ value: Double?) -> String {
        guard let value, value >= 0 else { return "-1" }
        let millis = Int((value * 1000).rounded())
        return "\(millis / 1000).\(padded(millis % 1000, 3))"
    }

    /// Double-quoted; a quote, backslash or control character inside is written `\xHH`, so a
    /// client's user agent cannot split or forge a field.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\x" + padded(Int(scalar.value), 2, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func padded(_ value: Int, _ width: Int, radix: Int = 10) -> String {
        let digits = String(value, radix: radix)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
