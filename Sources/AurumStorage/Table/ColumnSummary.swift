import AurumCore

/// What a table holds in one of its live columns: its min and max and how many rows hold a value, as
/// ``Store/columnSummaries(_:columns:in:)`` finds them mostly in the footers' zone maps. An unfiltered `min`,
/// `max` or `count(column)` can be answered from it, and `count(*)` from ``TableManifest/liveRowCount`` without
/// even a footer.
public struct ColumnSummary: Sendable, Equatable {
    /// The least non-NULL value (`.null` when no row has one).
    public var min: Value
    /// The greatest non-NULL value (`.null` when no row has one).
    public var max: Value
    /// The rows whose value is not NULL.
    public var nonNullCount: Int

    public init(min: Value, max: Value, nonNullCount: Int) {
        self.min = min
        self.max = max
        self.nonNullCount = nonNullCount
    }

    /// The summary of no rows.
    public static let empty = ColumnSummary(min: .null, max: .null, nonNullCount: 0)

    /// Folds in the zone map of `rowCount` rows; false (and nothing folded) when `bounds` are wanted but the zone
    /// map kept none for rows that hold values (text longer than its limit).
    mutating func add(_ stats: ColumnStats, rowCount: Int, bounds: Bool) -> Bool {
        let values = rowCount - stats.nullCount
        guard values > 0 else { return true }
        if bounds {
            guard !stats.min.isNull, !stats.max.isNull else { return false }
            if min.isNull || Self.precedes(stats.min, min) { min = stats.min }
            if max.isNull || Self.precedes(max, stats.max) { max = stats.max }
        }
        nonNullCount += values
        return true
    }

    /// `a < b` for two bounds of one column (the same case of ``Value``), in the footer's order.
    private static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int64(let x), .int64(let y)): x < y
        case (.double(let x), .double(let y)): x < y
        case (.date(let x), .date(let y)): x.days < y.days
        case (.bool(let x), .bool(let y)): !x && y
        case (.string(let x), .string(let y)): ExactText.bytesPrecede(x, y)
        default: false
        }
    }
}

/// One column ``Store/columnSummaries(_:columns:in:)`` is asked about.
public struct ColumnSummaryRequest: Sendable, Equatable {
    public var column: String
    /// Whether its min and max are wanted, or only its non-NULL count (which every zone map has exactly, so
    /// long text is then never decoded).
    public var bounds: Bool

    public init(column: String, bounds: Bool) {
        self.column = column
        self.bounds = bounds
    }
}

/// What answering ``Store/columnSummaries(_:columns:in:)`` took, for `EXPLAIN ANALYZE`.
public struct SummaryWork: Sendable, Equatable {
    /// Segments in the table.
    public var segments = 0
    /// Segments whose footer was opened (none when no column was asked about).
    public var footersRead = 0
    /// Segments of which some row group was decoded.
    public var segmentsDecoded = 0
    /// Row groups of the segments whose footer was opened.
    public var rowGroups = 0
    /// Row groups decoded because their zone maps could not answer.
    public var rowGroupsDecoded = 0
    /// Live rows of the decoded row groups.
    public var rowsDecoded = 0

    public init() {}
}

extension Store {
    /// The exact summary of each of `columns` of `table`'s live rows (in `snapshot`, the committed manifest when
    /// nil), opening only that table's segment footers and decoding only the blocks whose zone maps cannot
    /// answer: the row groups holding deleted rows (zone maps still count them), and, where bounds are asked, the
    /// blocks that kept none (text longer than ``ColumnStats/maximumTextBytes``). With no column asked, no
    /// footer is opened.
    ///
    /// Bounds follow the footer's order: integers and dates by value, false < true, text by UTF-8 bytes, doubles
    /// by `<` (which places neither NaN nor the sign of a zero as a query's `min`/`max` does: a caller needing
    /// those must read the rows).
    public func columnSummaries(
        _ table: String, columns requests: [ColumnSummaryRequest], in snapshot: Manifest? = nil
    ) throws -> (summaries: [ColumnSummary], work: SummaryWork) {
        let manifestTable = try self.table(table, in: snapshot)
        let schema = manifestTable.schema
        let indices = try requests.map { request in
            guard let index = schema.index(of: request.column) else { throw StorageError.unknownColumn(table: table, column: request.column) }
            return index
        }
        var summaries = [ColumnSummary](repeating: .empty, count: requests.count)
        var work = SummaryWork()
        work.segments = manifestTable.segments.count
        guard !requests.isEmpty else { return (summaries, work) }
        for entry in manifestTable.segments {
            let reader = try openSegment(entry)
            guard reader.footer.schema == schema else {
                throw StorageError.corrupt(file: entry.segment.file, location: "footer", reason: "schema differs from the manifest")
            }
            work.footersRead += 1
            let deleted = try deletedRows(entry)
            var deletedCursor = 0
            var firstRow = 0
            let decodedBefore = work.rowGroupsDecoded
            defer { if work.rowGroupsDecoded > decodedBefore { work.segmentsDecoded += 1 } }
            for (groupIndex, group) in reader.footer.rowGroups.enumerated() {
                defer { firstRow += group.rowCount }
                work.rowGroups += 1
                var live: [Bool]?
                while deletedCursor < deleted.count && deleted[deletedCursor] < firstRow + group.rowCount {
                    if live == nil { live = [Bool](repeating: true, count: group.rowCount) }
                    live![deleted[deletedCursor] - firstRow] = false
                    deletedCursor += 1
                }
                var unanswered: [Int] = []
                for position in requests.indices {
                    if live == nil,
                        summaries[position].add(group.blocks[indices[position]].stats, rowCount: group.rowCount, bounds: requests[position].bounds)
                    {
                        continue
                    }
                    unanswered.append(position)
                }
                guard !unanswered.isEmpty else { continue }
                let batch = try reader.readRowGroup(groupIndex, columns: unanswered.map { indices[$0] }, zstd: zstd, cache: blockCache)
                let liveRows = live.map { live in live.indices.filter { live[$0] } }
                work.rowGroupsDecoded += 1
                work.rowsDecoded += liveRows?.count ?? group.rowCount
                for (slot, position) in unanswered.enumerated() {
                    let column = liveRows.map(batch.columns[slot].gather) ?? batch.columns[slot]
                    // Kept in memory only, so no text is too long for bounds: the fold always takes it.
                    let stats = ColumnStats(of: column, textBytesLimit: .max)
                    _ = summaries[position].add(stats, rowCount: column.count, bounds: requests[position].bounds)
                }
            }
        }
        return (summaries, work)
    }
}
