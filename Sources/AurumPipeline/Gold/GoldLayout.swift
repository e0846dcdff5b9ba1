import AurumCore
import AurumStorage

/// How a Gold table written whole (a full build, a compaction) is laid out in segments: the rows before the
/// latest ISO week in one segment, that week's rows in another, each sorted by key.
///
/// A day's ingest changes the Gold rows of its days and their weeks, which are almost always in the latest
/// week or after it. Sorted by campaign alone, every row group of the daily and weekly tables spans every
/// week, so the refresh's date zone maps prune nothing and finding a week's rows reads the key columns of the
/// whole table (the weekly table at 10M Silver rows holds some 770K rows). With the latest week apart, every
/// row group of the first segment ends before that week's Monday, and the refresh reads the small second
/// segment only. Both are in key order, so `export` merges two runs (``KeyOrderedScan``) and still streams;
/// campaign zone maps still prune within each.
///
/// Row groups are of ``rowGroupRows`` rows, a quarter of Silver's: a refresh that regroups a renamed campaign
/// (``GoldCampaignRegroup``) finds its rows on every date by zone maps on its account and id, and reads the
/// key columns of each row group that may hold them; at 10M Silver rows a daily row group of Silver's size
/// holds some 2,000 campaigns.
enum GoldLayout {
    static let rowGroupRows = SegmentWriter.defaultRowGroupRows / 4

    /// Replaces `table`'s rows in `transaction` with `rows` (sorted by key), laid out as above.
    static func replace(_ table: ContractTable, with rows: Batch, in transaction: Transaction) throws {
        let runs = self.runs(rows, of: table)
        try transaction.replace(table.rawValue, with: runs.history, rowGroupRows: rowGroupRows)
        try transaction.append(runs.latestWeek, to: table.rawValue, rowGroupRows: rowGroupRows)
    }

    /// `rows` split into those before the latest week's Monday and the rest, in their order (the all-time
    /// table, which has no date, is all history).
    static func runs(_ rows: Batch, of table: ContractTable) -> (history: Batch, latestWeek: Batch) {
        let empty = Batch(empty: rows.schema)
        let dateColumn = table == .kpiCampaignDaily ? "date" : "week"
        guard table.isGold, table != .kpiCampaignTotal, case .date(let dates)? = rows.column(named: dateColumn),
            let latest = dates.values.max()
        else { return (rows, empty) }
        let monday = Date32(days: latest).weekStart.days
        var history: [Int] = []
        var latestWeek: [Int] = []
        for row in 0..<rows.rowCount {
            if dates.values[row] < monday { history.append(row) } else { latestWeek.append(row) }
        }
        guard !history.isEmpty else { return (rows, empty) }
        return (rows.gather(history), rows.gather(latestWeek))
    }
}
