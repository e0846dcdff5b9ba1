import AurumCore

/// The row groups of one table, each readable on its own and in any order: what a merge of a table's sorted
/// runs needs (``Store/scanChunks(_:in:columns:where:rowGroupFilter:_:)`` visits them only in order).
///
/// Row group `i` here is the `i`-th that a full scan visits (segments in manifest order, row groups in file
/// order), and ``read(_:columns:)`` gives its live rows, as the scan's batch `i` holds them.
public final class TableRowGroups {
    /// One row group: where it lies and which of its rows are deleted.
    private struct Entry {
        var reader: SegmentReader
        var rowGroup: Int
        /// `live[i] == false` when row `i` is deleted; nil when none is.
        var live: [Bool]?
    }

    public let table: String
    public let schema: Schema
    private let entries: [Entry]
    private let zstd = Zstd()

    /// The row groups of `table` in `store`'s committed manifest (footers and delete files read, no block).
    public init(_ table: String, store: Store) throws {
        let manifestTable = try store.table(table)
        self.table = table
        schema = manifestTable.schema
        var entries: [Entry] = []
        for entry in manifestTable.segments {
            let reader = try store.openSegment(entry)
            guard reader.footer.schema == schema else {
                throw StorageError.corrupt(file: entry.segment.file, location: "footer", reason: "schema differs from the manifest")
            }
            let deleted = try store.deletedRows(entry)
            var cursor = 0
            var firstRow = 0
            for group in reader.footer.rowGroups.indices {
                let rowCount = reader.footer.rowGroups[group].rowCount
                var live: [Bool]?
                while cursor < deleted.count && deleted[cursor] < firstRow + rowCount {
                    if live == nil { live = [Bool](repeating: true, count: rowCount) }
                    live?[deleted[cursor] - firstRow] = false
                    cursor += 1
                }
                entries.append(Entry(reader: reader, rowGroup: group, live: live))
                firstRow += rowCount
            }
        }
        self.entries = entries
    }

    /// How many row groups the table has.
    public var count: Int { entries.count }

    /// The live rows of row group `index`, only `columns` (all when nil), in stored order.
    public func read(_ index: Int, columns: [String]? = nil) throws -> Batch {
        let entry = entries[index]
        let indices = try (columns ?? schema.names).map { name in
            guard let column = schema.index(of: name) else { throw StorageError.unknownColumn(table: table, column: name) }
            return column
        }
        let batch = try entry.reader.readRowGroup(entry.rowGroup, columns: indices, zstd: zstd)
        guard let live = entry.live else { return batch }
        return batch.gather(live.indices.filter { live[$0] })
    }
}
