/// Intermediate artefacts of one signing, exposed so tests (the official suite, the botocore
/// differential test) can check each step, and so a signature mismatch can be debugged.
/// They contain no secret: the canonical request holds a session token only when it is signed.
public struct SigV4Artifacts: Sendable {
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String

    public init(canonicalRequest: String, stringToSign: String, signature: String) {
        self.canonicalRequest = canonicalRequest
        self.stringToSign = stringToSign
        self.signature = signature
    }
}
