/// A typed reference to another resource: its address and the outputs it publishes, so
/// `context.output(\.vpcId, of: vpc)` is checked by the compiler against what the VPC declares.
public struct Dependency<Outputs: PublishedOutputs>: Sendable, Hashable {
    public let address: ResourceAddress

    public init(_ address: ResourceAddress) { self.address = address }
}

extension Resource {
    /// This resource as a dependency of another.
    public var reference: Dependency<Outputs> { Dependency(address) }
}
