/// One page fetched ahead: while the page just received is staged (checked for secrets, written durably, counted),
/// the next one is already on the wire, so the network and the local work overlap.
///
/// Bounded: at most one fetch is in flight beyond the page being staged (two pages held at most), and a fetch
/// starts only once the one before it has finished, so the API still sees one request at a time.
enum PageAhead {
    /// A page to fetch: what the errors call it, and the request that gets it.
    struct Fetch<Page: Sendable> {
        /// `page 3`, `stream 2024-03-01..2024-03-07`: named in an error of this fetch.
        let label: String
        let run: @Sendable () async throws -> Page
    }

    /// Fetches `first`, then for each page: asks `next` what follows it (which may wait, as the API's usage
    /// headers ask), starts that fetch, and stages the page while it runs. A failed fetch's ``PullError`` is
    /// rethrown naming the page; a failed staging cancels the fetch ahead; an error of `next` is thrown once the
    /// page is staged.
    static func run<Page: Sendable>(
        first: Fetch<Page>?, next: (Page) async throws -> Fetch<Page>?, stage: (Page) async throws -> Void
    ) async throws {
        var pending = first.map { fetch in (fetch.label, Task { try await fetch.run() }) }
        while let (label, task) = pending {
            let page: Page
            do {
                page = try await task.value
            } catch let error as PullError {
                throw PullError.onPage(page: label, error: error)
            }
            // What follows is asked first, so its fetch runs while this page is staged; a page is staged even when
            // what follows it cannot be fetched (a link elsewhere, a cancelled wait), so a resume starts after it.
            var following: Error?
            do {
                pending = try await next(page).map { fetch in (fetch.label, Task { try await fetch.run() }) }
            } catch {
                pending = nil
                following = error
            }
            do {
                try await stage(page)
            } catch {
                pending?.1.cancel()
                throw error
            }
            if let following { throw following }
        }
    }
}
