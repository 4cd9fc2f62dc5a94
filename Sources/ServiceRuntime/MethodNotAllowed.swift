import Hummingbird
import Ticketing

/// 405 for the methods a path of the contract does not declare (RFC 9110: with `Allow`), so a
/// client using the wrong method learns so instead of being told the path does not exist.
enum MethodNotAllowed {
    static let candidates: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .options, .trace, .patch, .query, .connect]

    static func answer<Routes: RouterMethods>(on routes: Routes, path: String, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in candidates where !allowed.contains(method) {
            routes.on(RouterPath(path), method: method) { request, _ in
                var response = ProblemResponse.make(
                    Problem(.methodNotAllowed, detail: "\(request.uri.path) allows \(allow)").at(request.uri.path))
                response.headers[.init("Allow")!] = allow
                return response
            }
        }
    }
}
