import AurumCore

/// One row group a scan will read, chosen from the footers and zone maps but not read yet. ``read()`` reads its
/// blocks, checks their checksums, decompresses and decodes them on the calling thread, any thread, in any order:
/// so the workers of a query each decode the row groups they then filter, and a cold scan's block work divides
/// by the cores (``Store/pendingRowGroups(_:in:columns:where:rowGroupFilter:)``).
public struct PendingRowGroup: Sendable {
    /// Position of the segment in the table's manifest.
    public let segmentIndex: Int
    /// Row number (within the segment) of the row group's first row.
    public let firstRow: Int
    /// Rows of the row group, deleted ones included.
    public var rowCount: Int { reader.footer.rowGroups[rowGroup].rowCount }
    /// Rows of the row group that are not deleted: what ``Store/Chunk/liveBatch`` will hold.
    public let liveRowCount: Int
    let reader: SegmentReader
    let rowGroup: Int
    /// `live[i] == false` when row `i` is deleted; nil when none is.
    let live: [Bool]?
    let columns: PendingColumns

    /// The row group's zone maps (every column's, deleted rows included) and the segment's schema.
    public var zoneMaps: (group: RowGroupInfo, schema: Schema) { (reader.footer.rowGroups[rowGroup], reader.footer.schema) }

    /// The row group's rows (deleted ones included, and marked), only the columns the scan asked for. Decoded
    /// blocks come from, and go to, the store's ``BlockCache`` when it has one.
    ///
    /// The positions (in the scan's columns) in `skipping` are not read: zeros stand in for them (a column that
    /// nothing will look at).
    ///
    /// The positions in `fixedPoint` (DOUBLE columns) are read in that form where their blocks allow
    /// (``SegmentReader/readRowGroup(_:columns:zstd:cache:sharing:skipping:fixedPoint:)``).
    ///
    /// - Throws: ``StorageError`` naming the segment file and the block when a block is damaged.
    public func read(skipping: Set<Int> = [], fixedPoint: [Int: FixedPoint] = [:]) throws -> Store.Chunk {
        let batch = try columns.decompressors.withContext { zstd in
            try reader.readRowGroup(
                rowGroup, columns: columns.indices, zstd: zstd, cache: columns.cache, sharing: columns.sharing, skipping: skipping,
                fixedPoint: fixedPoint)
        }
        return Store.Chunk(segmentIndex: segmentIndex, firstRow: firstRow, batch: batch, live: live)
    }

    /// The live rows (ascending positions in the row group) whose text in the scan's column at `position` (a
    /// VARCHAR) is one of `probe`'s, found in the block's sorted dictionary by its bytes, with no String made: the
    /// way to find a few keys in a row group of distinct ones. NULL rows never match.
    public func liveRows(whereText position: Int, in probe: TextProbe) throws -> [Int] {
        let rows = try columns.decompressors.withContext { zstd in
            try reader.rows(rowGroup: rowGroup, column: columns.indices[position], zstd: zstd, whereTextIn: probe)
        }
        guard let live else { return rows }
        return rows.filter { live[$0] }
    }

    /// `body` over the UTF-8 bytes of each text the live, non-NULL rows hold in the scan's column at `position`
    /// (a VARCHAR), each once, with no String made.
    public func forEachLiveText(_ position: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try columns.decompressors.withContext { zstd in
            try reader.forEachText(rowGroup: rowGroup, column: columns.indices[position], zstd: zstd, admitted: live, body)
        }
    }

    /// Rows `rows` (ascending positions in the row group, deleted ones as asked) of the scan's columns: a text
    /// column makes a String only for the entries those rows use, so reading a few rows of a row group of
    /// distinct names costs those few. Not cached.
    public func read(rows: [Int]) throws -> Batch {
        try columns.decompressors.withContext { zstd in
            try reader.readRows(rows, rowGroup: rowGroup, columns: columns.indices, zstd: zstd)
        }
    }
}

/// What every row group of one scan reads: the same columns, tied to the same shared dictionaries, through the
/// store's cache and decompression contexts.
struct PendingColumns: Sendable {
    let indices: [Int]
    let sharing: [SharedDictionary?]
    let cache: BlockCache?
    let decompressors: ZstdPool
}
