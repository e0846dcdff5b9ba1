import AurumCore

/// One BIGINT that orders Silver rows by (date, file_id, row) — the order in which a campaign's latest name and
/// currency are picked — so that `arg_max(campaign_name, key)` picks them in one aggregate.
///
/// The three are packed in mixed radix from the store's own bounds: `(date − first day) · files · rows +
/// (file_id − first file) · rows + (row − first row)`, each digit in `0 ..< its span`. That is exact and keeps the
/// order as long as the product of the three spans fits an Int64, which ``init(bounds:)`` checks: when it does
/// not (a store of centuries of days and millions of files of millions of rows), there is no key and Gold picks
/// the row with two steps instead (``GoldQueries/daily(orderKey:)``).
struct ProvenanceOrderKey: Equatable {
    let firstDay: Date32
    let firstFile: Int64
    let firstRow: Int64
    let fileSpan: Int64
    let rowSpan: Int64

    /// The query that reads the bounds (zone maps answer it without a scan).
    static let boundsQuery = "SELECT min(date), max(date), min(file_id), max(file_id), min(\"row\"), max(\"row\") FROM ad_insights"

    /// The key for the bounds `boundsQuery` answered (one row of six values), or nil when the table is empty or
    /// the spans' product does not fit an Int64.
    init?(bounds: Batch) {
        guard bounds.rowCount == 1,
              case .date(let firstDay) = bounds.columns[0].value(at: 0), case .date(let lastDay) = bounds.columns[1].value(at: 0),
              case .int64(let firstFile) = bounds.columns[2].value(at: 0), case .int64(let lastFile) = bounds.columns[3].value(at: 0),
              case .int64(let firstRow) = bounds.columns[4].value(at: 0), case .int64(let lastRow) = bounds.columns[5].value(at: 0)
        else { return nil }
        let daySpan = Int64(lastDay.days) - Int64(firstDay.days) + 1
        let (files, filesOverflow) = lastFile.subtractingReportingOverflow(firstFile)
        let (rows, rowsOverflow) = lastRow.subtractingReportingOverflow(firstRow)
        guard !filesOverflow, !rowsOverflow, files < Int64.max, rows < Int64.max else { return nil }
        let (perDay, perDayOverflow) = (files + 1).multipliedReportingOverflow(by: rows + 1)
        guard !perDayOverflow, !daySpan.multipliedReportingOverflow(by: perDay).overflow else { return nil }
        self.firstDay = firstDay
        self.firstFile = firstFile
        self.firstRow = firstRow
        fileSpan = files + 1
        rowSpan = rows + 1
    }

    /// The key of each row of `ad_insights`, as SQL.
    var sql: String {
        "(date - DATE '\(firstDay)') * \(fileSpan * rowSpan) + (file_id - \(firstFile)) * \(rowSpan) + (\"row\" - \(firstRow))"
    }
}
