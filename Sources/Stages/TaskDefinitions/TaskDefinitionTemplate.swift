import AWSClient
import Provisioning

/// What a task definition family is rendered from: a service's template and sources, or the
/// load bot's. ``TaskDefinitionResource`` registers, compares and retires either alike.
protocol TaskDefinitionTemplate: Sendable {
    var family: String { get }
    /// The resources whose outputs the definition is filled from.
    var dependencies: [ResourceAddress] { get }
    /// The definition `up` registers, with the dependencies' outputs filled in.
    func desired(_ context: ResourceContext) throws -> JSONValue
}
