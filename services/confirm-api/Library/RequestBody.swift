import FoundationEssentials
import Hummingbird
import ServiceRuntime
import Ticketing

/// The raw request body, bounded like `ContractBody`: fingerprints and signatures are computed
/// over the exact bytes the client sent, so the bytes are kept before decoding. Like
/// `ContractBody`, only a body declared JSON is read (415 otherwise).
enum RequestBody {
    static func bytes(_ request: Request) async throws -> Data {
        try JSONMediaType.require(request)
        do {
            return Data(buffer: try await request.body.collect(upTo: ContractBody.maximumBytes))
        } catch {
            throw Problem.validation([FieldProblem(field: "(body)",
                                                   message: "must be at most \(ContractBody.maximumBytes) bytes")])
        }
    }
}
