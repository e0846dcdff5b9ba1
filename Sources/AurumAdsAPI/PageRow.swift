/// One row of a page, in ingest order, with where its text lies in the file and what became of it.
public struct PageRow: Sendable, Hashable {
    /// The page's source (every row of a page has it).
    public var source: AdSource
    /// The byte range of the row's JSON text inside the file: the row's verbatim `raw` is `bytes[rawRange]`.
    public var rawRange: Range<Int>
    /// Where the row is, for people, 1-based: Meta the index in `data` ("253"); Google "batch.result" ("1.11").
    public var position: String
    /// The row's record, or why it was quarantined.
    public var outcome: RowOutcome

    /// A row with every field given.
    public init(source: AdSource, rawRange: Range<Int>, position: String, outcome: RowOutcome) {
        self.source = source
        self.rawRange = rawRange
        self.position = position
        self.outcome = outcome
    }
}
