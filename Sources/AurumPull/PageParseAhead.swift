import AurumPipeline

/// The pipeline's parse of each pulled page (JSON → validated rows, the costly part of an ingest), made as the
/// page is staged — while the next page is on the wire — and handed to the ingest that ends the pull, which then
/// reads and hashes the staged files but does not parse them again (``ParsedPages``).
///
/// A page that is not a data page (contract rule 1) is still staged: the ingest rejects its file by name, with
/// this parse's reason, exactly as an ingest of that file would; the pull also reports it, naming the account,
/// the range and the page.
struct PageParseAhead {
    /// The parses, for the ingest.
    private(set) var pages: ParsedPages
    /// One line per page that is not a data page.
    private(set) var rejected: [String] = []

    init(pages: ParsedPages) {
        self.pages = pages
    }

    /// Parses `body`, page `page` (staged as `name`) of `target`, and tells `observer`.
    mutating func parse(_ body: [UInt8], page: Int, name: String, of target: PullTarget, observer: any PullObserver) {
        switch pages.parse(body) {
        case nil:
            // Past the budget: the ingest parses the file.
            break
        case .success(let parsed):
            observer.pageParsed(target, page: page, rows: parsed.rows.count, problem: nil)
        case .failure(let error):
            rejected.append("\(target): page \(page) (\(name)) rejected: \(error); none of its rows count, and it is not kept in Bronze")
            observer.pageParsed(target, page: page, rows: 0, problem: error.description)
        }
    }
}
