import FoundationEssentials

/// Turns a request body into a valid request model or a 400 problem naming each bad field:
/// malformed JSON, a non-object, unknown or missing members, wrong types, then the model's
/// own rules. The services call only this, so every endpoint rejects bad input the same way.
public enum RequestDecoder {
    public static func decode<Request: ValidatableRequest>(
        _ type: Request.Type, from body: Data
    ) throws(Problem) -> Request {
        let members: BodyMembers
        do {
            members = try JSONDecoder().decode(BodyMembers.self, from: body)
        } catch DecodingError.typeMismatch {
            throw Problem.validation([FieldProblem(field: "(body)", message: "must be a JSON object")])
        } catch {
            throw Problem(.malformedJSON, detail: body.isEmpty ? "the body is empty" : "the body is not valid JSON")
        }
        var problems: [FieldProblem] = []
        for key in members.names.sorted() where !Request.fieldNames.contains(key) {
            problems.append(FieldProblem(field: key, message: "is not a field of this request"))
        }
        for name in Request.fieldNames where !members.names.contains(name) || members.nullNames.contains(name) {
            problems.append(FieldProblem(field: name, message: "is required"))
        }
        if !problems.isEmpty { throw Problem.validation(problems) }

        let request: Request
        do {
            request = try JSONCoding.makeDecoder().decode(Request.self, from: body)
        } catch let error as DecodingError {
            throw Problem.validation([fieldProblem(for: error)])
        } catch {
            throw Problem(.malformedJSON, detail: "the body is not valid JSON")
        }
        return try request.validated()
    }

    private static func fieldProblem(for error: DecodingError) -> FieldProblem {
        switch error {
        case .typeMismatch(let expected, let context):
            FieldProblem(field: path(context.codingPath), message: "must be \(jsonTypeName(expected))")
        case .valueNotFound(let expected, let context):
            FieldProblem(field: path(context.codingPath), message: "must be \(jsonTypeName(expected)), not null")
        case .keyNotFound(let key, let context):
            FieldProblem(field: path(context.codingPath + [key]), message: "is required")
        case .dataCorrupted(let context):
            FieldProblem(field: path(context.codingPath), message: "has an invalid value")
        @unknown default:
            FieldProblem(field: "(body)", message: "cannot be decoded")
        }
    }

    /// `seatIds[2]` style, as the client wrote it.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(body)" : text
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
