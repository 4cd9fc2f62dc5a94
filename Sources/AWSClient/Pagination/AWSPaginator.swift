/// The pages of a paginated operation as an async sequence. Each page is fetched when the
/// loop asks for it, with the token the previous page returned; the sequence ends when a
/// page returns no token (or repeats one, which would otherwise loop forever).
public struct AWSPaginator<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    /// Fetches the page for `token` (`nil` = the first page); returns it and the next token.
    public typealias Fetch = @Sendable (_ token: String?) async throws -> (page: Page, nextToken: String?)

    let fetch: Fetch

    public init(fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var token: String?
        var seenTokens: Set<String> = []
        var finished = false

        public mutating func next() async throws -> Page? {
            guard !finished else { return nil }
            let (page, nextToken) = try await fetch(token)
            if let nextToken, !nextToken.isEmpty, seenTokens.insert(nextToken).inserted {
                token = nextToken
            } else {
                finished = true
            }
            return page
        }
    }

    /// Every page, collected (for small listings).
    public func collect() async throws -> [Page] {
        var pages: [Page] = []
        for try await page in self { pages.append(page) }
        return pages
    }
}
