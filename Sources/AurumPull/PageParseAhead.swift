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

    /// Writes `body`, page `page` of `target`, durably into `job` as `name`, and parses it meanwhile (the write
    /// waits on the disk, the parse on the processor); tells `observer` of the parse.
    mutating func stage(_ body: [UInt8], as name: String, in job: StagingJob, page: Int, of target: PullTarget, observer: any PullObserver) async throws {
        async let written: Void = job.write(body, name: name)
        parse(body, page: page, name: name, of: target, observer: observer)
        try await written
    }

    /// Parses `body`, page `page` (staged as `name`) of `target`, and tells `observer`.
    private mutating func parse(_ body: [UInt8], page: Int, name: String, of target: PullTarget, observer: any PullObserver) {
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
