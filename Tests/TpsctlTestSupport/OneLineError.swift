import Testing

extension TpsctlChild.Result {
    /// Bad input's contract: exit 1, nothing on stdout, exactly `tpsctl: error: <message>` on stderr.
    public func expectOneLineError(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 1, sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(stderr == "tpsctl: error: \(message)\n", sourceLocation: sourceLocation)
    }
}
