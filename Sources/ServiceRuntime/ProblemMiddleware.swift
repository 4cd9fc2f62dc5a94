import Hummingbird
import Logging
import Ticketing

/// Turns whatever a route throws into `application/problem+json`: a `Problem` as it is,
/// Hummingbird's own errors (body too large, unknown path: 404) as 4xx problems, anything else
/// as 503 dependency-unavailable (logged, never shown), so a client never sees a stack trace.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return ProblemResponse.make(problem.at(request.uri.path))
        } catch let error as HTTPError {
            let problem = Self.problem(for: error)
            return ProblemResponse.make(problem.at(request.uri.path))
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return ProblemResponse.make(Problem(.dependencyUnavailable).at(request.uri.path))
        }
    }

    static func problem(for error: HTTPError) -> Problem {
        switch error.status.code {
        case 404: Problem(.pathNotFound, detail: "the contract declares no such path")
        case 413: Problem(.validationFailed, detail: "the body is too large")
        case 400..<500: Problem(.validationFailed, detail: error.body ?? "bad request")
        default: Problem(.internalError)
        }
    }
}
