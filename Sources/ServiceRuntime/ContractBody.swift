import FoundationEssentials
import Hummingbird
import Ticketing

/// Reads and strictly decodes a request body; a body not declared JSON is a 415 problem, too
/// large or malformed bodies become 400 problems.
public enum ContractBody {
    /// No contract body comes near this; larger ones are refused before decoding.
    public static let maximumBytes = 16 * 1024

    public static func decode<Model: ValidatableRequest>(_ type: Model.Type, from request: Request) async throws -> Model {
        try JSONMediaType.require(request)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw Problem.validation([FieldProblem(field: "(body)", message: "must be at most \(maximumBytes) bytes")])
        }
        return try RequestDecoder.decode(type, from: Data(buffer: buffer))
    }
}
