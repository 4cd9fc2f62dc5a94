import FoundationEssentials
import Hummingbird
import Ticketing

/// The one way a `Problem` becomes an HTTP response.
public enum ProblemResponse {
    public static func make(_ problem: Problem) -> Response {
        let body = (try? JSONCoding.makeEncoder().encode(problem)) ?? Data()
        return Response(status: HTTPResponse.Status(code: problem.status),
                        headers: [.contentType: Problem.contentType, .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
