import Hummingbird

/// The routes of one path group of the contract, each registered once with its method: the handler
/// and, for every other method, a 405 with `Allow` (`MethodNotAllowed`). One call per path, so a
/// route and its 405 can never drift apart.
public struct ContractRoutes<Routes: RouterMethods> {
    let routes: Routes

    public init(_ routes: Routes) {
        self.routes = routes
    }

    @discardableResult
    public func get(_ path: String,
                    use handler: @Sendable @escaping (Request, Routes.Context) async throws -> some ResponseGenerator) -> Self {
        routes.get(RouterPath(path), use: handler)
        MethodNotAllowed.answer(on: routes, path: path, allowed: [.get])
        return self
    }

    @discardableResult
    public func post(_ path: String,
                     use handler: @Sendable @escaping (Request, Routes.Context) async throws -> some ResponseGenerator) -> Self {
        routes.post(RouterPath(path), use: handler)
        MethodNotAllowed.answer(on: routes, path: path, allowed: [.post])
        return self
    }
}
