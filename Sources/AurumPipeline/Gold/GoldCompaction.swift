import AurumCore
import AurumStorage

/// Keeps an incrementally refreshed Gold table from fragmenting: once too many of its rows are deleted or it
/// has too many segments, it is rewritten whole, sorted by key (``GoldLayout``), in the same transaction.
///
/// Silver compacts like a binary counter and keeps its row order (``Transaction/compact(_:)``), because its
/// order is ingest order, which Gold's name rule reads. Gold's order means nothing to its readers (they sort), but
/// a sorted table prunes best by campaign, and Gold is small next to Silver, so a whole rewrite now and then
/// costs little: a store ingested daily appends one small segment a day and rewrites once
/// ``segmentCountMax`` days have gone by, or sooner when restatements and renames have deleted more than
/// ``deletedFractionMax`` of its rows.
enum GoldCompaction {
    static let segmentCountMax = 32
    static let deletedFractionMax = 0.25

    /// Whether a table of `segmentCount` segments holding `rowCount` rows, `liveRowCount` of them live, should
    /// be rewritten.
    static func isFragmented(segmentCount: Int, rowCount: Int, liveRowCount: Int) -> Bool {
        segmentCount > segmentCountMax || Double(rowCount - liveRowCount) > deletedFractionMax * Double(rowCount)
    }

    static func compact(_ table: ContractTable, store: Store, transaction: Transaction) throws {
        guard let stored = transaction.manifest.tables[table.rawValue],
            isFragmented(
                segmentCount: stored.segments.count, rowCount: stored.segments.reduce(0) { $0 + $1.segment.rowCount },
                liveRowCount: stored.liveRowCount)
        else { return }
        let rows = try store.readAll(table.rawValue, in: transaction.manifest)
        try GoldLayout.replace(table, with: BatchSort.sorted(rows, by: table.keyColumns), in: transaction)
    }
}
