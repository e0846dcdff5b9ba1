import AurumCore

/// What a table's footers say about one of its columns, without decoding a block: its min and max and how many
/// rows hold a value. An unfiltered `min`, `max` or `count(column)` can be answered from it, and `count(*)`
/// from ``TableManifest/liveRowCount`` without even a footer.
public struct ColumnSummary: Sendable, Equatable {
    /// The least non-NULL value (`.null` when no row has one).
    public var min: Value
    /// The greatest non-NULL value (`.null` when no row has one).
    public var max: Value
    /// The rows whose value is not NULL.
    public var nonNullCount: Int
}

extension Store {
    /// The zone maps of `column` of `table` (in `snapshot`, the committed manifest when nil) folded into one
    /// summary, opening only that table's segment footers; nil when the footers cannot answer exactly: a segment
    /// has deleted rows (zone maps still count them), or a block with values kept no bounds (text longer than
    /// ``ColumnStats/maximumTextBytes``).
    ///
    /// Bounds follow the footer's order: numbers and dates by value, false < true, text by UTF-8 bytes.
    public func columnSummary(_ table: String, column: String, in snapshot: Manifest? = nil) throws -> ColumnSummary? {
        let manifestTable = try self.table(table, in: snapshot)
        guard let index = manifestTable.schema.index(of: column) else { throw StorageError.unknownColumn(table: table, column: column) }
        var summary = ColumnSummary(min: .null, max: .null, nonNullCount: 0)
        for entry in manifestTable.segments {
            guard entry.deletes == nil else { return nil }
            let reader = try openSegment(entry)
            guard reader.footer.schema == manifestTable.schema else {
                throw StorageError.corrupt(file: entry.segment.file, location: "footer", reason: "schema differs from the manifest")
            }
            for group in reader.footer.rowGroups {
                let stats = group.blocks[index].stats
                let values = group.rowCount - stats.nullCount
                guard values > 0 else { continue }
                guard !stats.min.isNull, !stats.max.isNull else { return nil }
                summary.nonNullCount += values
                if summary.min.isNull || Self.precedes(stats.min, summary.min) { summary.min = stats.min }
                if summary.max.isNull || Self.precedes(summary.max, stats.max) { summary.max = stats.max }
            }
        }
        return summary
    }

    /// `a < b` for two bounds of one column (the same case of ``Value``).
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
