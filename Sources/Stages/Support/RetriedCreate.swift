import AWSClient
import Provisioning

extension Resource {
    /// Runs `create`; when AWS answers one of `existsCodes`, this is a retried create whose first
    /// attempt went through (the object is found by its own name), so the live object is read
    /// back instead of failing the step.
    func creatingOnce(_ context: ResourceContext, existsCodes: String...,
                      create: () async throws -> Live) async throws -> Live {
        do {
            return try await create()
        } catch let error as AWSError where existsCodes.contains(error.code) {
            guard let live = try await read(context) else { throw error }
            return live
        }
    }
}
