import Foundation

/// A PEM file of CA certificates a stack names for the services to verify a server against
/// (`dataPlane.aurora.caBundle`, `local.databaseCA`). Relative paths are the stack file's
/// neighbours. The file goes into every service image, so it must hold certificates and nothing
/// else: a private key pasted in by mistake would ship to every task.
public enum CABundleFile {
    /// Where AWS publishes the bundle of every RDS region's CAs, for the error that asks for it.
    public static let rdsGlobalBundleURL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem"

    /// `path` as the stack file's directory sees it.
    static func resolve(_ path: String, stackFile: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let directory = URL(fileURLWithPath: stackFile).deletingLastPathComponent()
        return directory.appendingPathComponent(path).standardizedFileURL.path
    }

    /// nil when the file at `path` is a readable PEM file of one or more certificates, else why not.
    static func problem(atPath path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "\(path): no such file" }
        guard !isDirectory.boolValue else { return "\(path): is a directory, not a PEM file" }
        guard let data = FileManager.default.contents(atPath: path) else { return "\(path): cannot be read" }
        guard let text = String(data: data, encoding: .utf8) else { return "\(path): is not PEM text" }
        var certificates = 0
        for block in PEMBlock.all(in: text) {
            guard block.label == "CERTIFICATE" else {
                return "\(path): holds a \(block.label) block; a CA bundle holds certificates only"
            }
            guard let der = Data(base64Encoded: block.body, options: .ignoreUnknownCharacters), Self.isDERSequence(der) else {
                return "\(path): certificate \(certificates + 1) is not valid base64 DER"
            }
            certificates += 1
        }
        return certificates == 0 ? "\(path): holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : nil
    }

    /// An X.509 certificate is one DER SEQUENCE spanning the whole decoded block.
    private static func isDERSequence(_ der: Data) -> Bool {
        let bytes = [UInt8](der)
        guard bytes.count > 2, bytes[0] == 0x30 else { return false }
        var length = Int(bytes[1]), header = 2
        if bytes[1] & 0x80 != 0 {
            let count = Int(bytes[1] & 0x7f)
            guard (1...4).contains(count), bytes.count > 2 + count else { return false }
            length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header = 2 + count
        }
        return header + length == bytes.count
    }
}

/// One `-----BEGIN <label>----- … -----END <label>-----` block of a PEM file.
private struct PEMBlock {
    let label: String
    let body: String

    static func all(in text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var label: String?
        var body = ""
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                label = String(line.dropFirst("-----BEGIN ".count).dropLast(5))
                body = ""
            } else if let open = label, line == "-----END \(open)-----" {
                blocks.append(PEMBlock(label: open, body: body))
                label = nil
            } else if label != nil {
                body += line
            }
        }
        return blocks
    }
}
