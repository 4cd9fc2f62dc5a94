import AWSClient

/// ACM, only for tests that need a certificate ARN the emulator knows (tpsctl never manages
/// certificates: the stack names them).
extension ServiceDescriptor {
    static let acm = ServiceDescriptor(
        serviceId: "ACM", signingName: "acm", endpointPrefix: "acm",
        wireProtocol: .json(version: "1.1", targetPrefix: "CertificateManager"), apiVersion: "2015-12-08")
}
