/// The rows of one recognised page, in ingest order (Meta: `data` order; Google: batch, then result).
///
/// `rows[i]` is the file's row `i` (0-based), the `row` of Bronze's `bronze_rows`.
public struct ParsedPage: Sendable, Hashable {
    /// Which API the page came from.
    public var source: AdSource
    /// Every row of the page, valid or quarantined; none is dropped.
    public var rows: [PageRow]

    /// A page with the given source and rows.
    public init(source: AdSource, rows: [PageRow]) {
        self.source = source
        self.rows = rows
    }
}
