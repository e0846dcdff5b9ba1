import AurumCore

/// A set of changes to a ``Store`` that becomes visible all at once, or not at all.
///
/// New segment, delete and blob files are written immediately under fresh names (temporary name, fsync,
/// rename) but nothing references them until ``commit()`` replaces the manifest: write `MANIFEST.tmp`, fsync,
/// rename over `MANIFEST`, fsync the directory. A crash before that rename leaves the previous snapshot and
/// some unreferenced files, which the next writer removes; after it, the new snapshot.
public final class Transaction {
    private let store: Store
    /// The manifest as it will be committed.
    public private(set) var manifest: Manifest
    private let generation: UInt64
    private var sequence = 0
    private var touchedDirectories: Set<String> = []
    private var committed = false
    /// The blob pack being compressed and written on a background thread (see ``putBlobs(_:)``).
    private var blobWrite: BackgroundTask<Result<BlobPackInfo, any Error>>?
    /// The blob packs' compressor, kept for the whole transaction (its long-distance tables are megabytes to set
    /// up); only the one blob write in flight uses it.
    private let blobCompressor = BlobCompressor()

    private final class BlobCompressor: @unchecked Sendable {
        let zstd = Store.blobCompressor()
    }

    /// Rows per segment file when appending (a segment holds one or more row groups).
    public var segmentRows = 1 << 20

    init(store: Store) {
        self.store = store
        self.manifest = store.manifest
        self.generation = store.manifest.generation + 1
    }

    /// A transaction dropped without committing waits for its blob pack's background write, so that no file of
    /// it appears after it is gone (the next writer then finds, and removes, every file it left).
    deinit {
        _ = blobWrite?.value
    }

    /// The named values kept in the manifest alongside the tables.
    public var properties: [String: String] {
        get { manifest.properties }
        set { manifest.properties = newValue }
    }

    private func newFileName(in folder: String, suffix: String) -> String {
        sequence += 1
        let generationText = String(generation)
        let sequenceText = String(sequence)
        return folder + "/" + String(repeating: "0", count: max(0, 8 - generationText.count)) + generationText + "-"
            + String(repeating: "0", count: max(0, 4 - sequenceText.count)) + sequenceText + suffix
    }

    private func tableFolder(_ table: String) throws -> String {
        let folder = Store.tablesDirectory + "/" + table
        try FileIO.makeDirectory(store.path(of: folder))
        touchedDirectories.insert(folder)
        return folder
    }

    /// Creates `table` when it does not exist. An existing table must have the same schema.
    public func ensureTable(_ table: String, schema: Schema) throws {
        if let existing = manifest.tables[table] {
            guard existing.schema == schema else {
                func describe(_ schema: Schema) -> String { schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") }
                throw StorageError.schemaMismatch(table: table, stored: describe(existing.schema), expected: describe(schema))
            }
            return
        }
        manifest.tables[table] = TableManifest(schema: schema)
    }

    /// Appends `batch` to the end of `table` as new segments of at most ``segmentRows`` rows, in row groups of
    /// `rowGroupRows` (smaller groups let zone maps find a few rows reading less, at the cost of a larger footer).
    public func append(_ batch: Batch, to table: String, rowGroupRows: Int = SegmentWriter.defaultRowGroupRows) throws {
        guard var manifestTable = manifest.tables[table] else { throw StorageError.unknownTable(name: table) }
        precondition(batch.schema == manifestTable.schema, "appended batch must have the table's schema")
        guard batch.rowCount > 0 else { return }
        let folder = try tableFolder(table)
        var start = 0
        while start < batch.rowCount {
            let end = min(start + segmentRows, batch.rowCount)
            let part = start == 0 && end == batch.rowCount ? batch : batch.gather(Array(start..<end))
            let name = newFileName(in: folder, suffix: ".seg")
            let (bytes, footerChecksum) = SegmentWriter.encode(part, rowGroupRows: rowGroupRows, zstd: store.zstd)
            try FileIO.writeDurably(bytes, to: store.path(of: name))
            let info = SegmentFileInfo(file: name, rowCount: part.rowCount, byteCount: bytes.count, footerChecksum: Checksum64(footerChecksum))
            manifestTable.segments.append(SegmentEntry(segment: info, deletes: nil))
            start = end
        }
        manifest.tables[table] = manifestTable
    }

    /// Replaces every row of `table` with `batch` (row groups as in ``append(_:to:rowGroupRows:)``).
    public func replace(_ table: String, with batch: Batch, rowGroupRows: Int = SegmentWriter.defaultRowGroupRows) throws {
        guard manifest.tables[table] != nil else { throw StorageError.unknownTable(name: table) }
        manifest.tables[table]?.segments = []
        try append(batch, to: table, rowGroupRows: rowGroupRows)
    }

    /// Marks `rows` (row numbers within the segment) of segment `segmentIndex` of `table` deleted, in addition
    /// to those already deleted.
    public func delete(rows: [Int], segment segmentIndex: Int, of table: String) throws {
        guard !rows.isEmpty else { return }
        guard let segments = manifest.tables[table]?.segments else { throw StorageError.unknownTable(name: table) }
        precondition(segments.indices.contains(segmentIndex), "segment \(segmentIndex) of \(table) does not exist")
        let entry = segments[segmentIndex]
        let existing = try store.deletedRows(entry)
        let merged = Array(Set(existing).union(rows)).sorted()
        precondition(merged.first.map { $0 >= 0 } ?? true, "deleted row before the segment")
        precondition(merged.last.map { $0 < entry.segment.rowCount } ?? true, "deleted row beyond the segment")
        let folder = try tableFolder(table)
        let name = newFileName(in: folder, suffix: ".del")
        let bytes = DeleteVector.encode(merged)
        try FileIO.writeDurably(bytes, to: store.path(of: name))
        manifest.tables[table]?.segments[segmentIndex].deletes = DeleteFileInfo(file: name, count: merged.count, checksum: Checksum64(XXH64.hash(bytes)))
    }

    /// Keeps the number of segments of `table` logarithmic in its size without rewriting it on every change.
    ///
    /// A table that grows by a little every day would otherwise collect one small segment per ingest. Like a
    /// binary counter, the last two segments are merged while the older one is at most twice the size of the
    /// newer one (and the result fits in ``segmentRows``), so each row is rewritten O(log n) times over the
    /// table's life, and an ingest rewrites only small recent segments, never the whole table. A segment with
    /// more than a fifth of its rows deleted is rewritten on its own. Row order is always kept.
    public func compact(_ table: String) throws {
        guard var segments = manifest.tables[table]?.segments else { throw StorageError.unknownTable(name: table) }
        // 1. Rewrite segments that are mostly holes (a fully deleted one is dropped, so build a new list rather
        // than replace in place while indexing).
        var kept: [SegmentEntry] = []
        for entry in segments {
            if entry.liveRowCount * 5 < entry.segment.rowCount * 4 {
                kept += try rewrite([entry], of: table)
            } else {
                kept.append(entry)
            }
        }
        segments = kept
        // 2. Merge the tail like a binary counter.
        while segments.count >= 2 {
            let newer = segments[segments.count - 1].liveRowCount
            let older = segments[segments.count - 2].liveRowCount
            guard older <= 2 * newer, older + newer <= segmentRows else { break }
            let merged = try rewrite(Array(segments.suffix(2)), of: table)
            segments.removeLast(2)
            segments.append(contentsOf: merged)
        }
        manifest.tables[table]?.segments = segments
    }

    /// The live rows of `entries`, in order, written as new segments (none when no row is live).
    private func rewrite(_ entries: [SegmentEntry], of table: String) throws -> [SegmentEntry] {
        guard let schema = manifest.tables[table]?.schema else { throw StorageError.unknownTable(name: table) }
        var batches: [Batch] = []
        for entry in entries {
            let reader = try store.openSegment(entry)
            let deleted = Set(try store.deletedRows(entry))
            var firstRow = 0
            for rowGroup in reader.footer.rowGroups.indices {
                let batch = try reader.readRowGroup(rowGroup, columns: Array(schema.fields.indices), zstd: store.zstd)
                let live = (0..<batch.rowCount).filter { !deleted.contains(firstRow + $0) }
                batches.append(live.count == batch.rowCount ? batch : batch.gather(live))
                firstRow += batch.rowCount
            }
        }
        let merged = Batch.concatenate(batches, schema: schema)
        guard merged.rowCount > 0 else { return [] }
        let saved = manifest.tables[table]?.segments ?? []
        manifest.tables[table]?.segments = []
        try append(merged, to: table)
        let written = manifest.tables[table]?.segments ?? []
        manifest.tables[table]?.segments = saved
        return written
    }

    /// Stores `blobs` in a new blob pack, compressed and written on a background thread while the caller goes
    /// on; the pack joins the manifest at the next `putBlobs` or at ``commit()``, which rethrow its error if
    /// writing failed.
    public func putBlobs(_ blobs: [PackBlob]) throws {
        guard !blobs.isEmpty else { return }
        // One pack in flight at most: memory stays bounded and packs join the manifest in the order given.
        try finishBlobWrites()
        touchedDirectories.insert(Store.blobsDirectory)
        let name = newFileName(in: Store.blobsDirectory, suffix: ".pack")
        let directory = store.directory
        let compressor = blobCompressor
        blobWrite = BackgroundTask {
            Result { try BlobPack.write(blobs, directory: directory, name: name, zstd: compressor.zstd) }
        }
    }

    /// Waits for the blob pack being written in the background and adds it to the manifest.
    private func finishBlobWrites() throws {
        guard let write = blobWrite else { return }
        blobWrite = nil
        manifest.blobPacks.append(try write.value.get())
    }

    /// Makes every change visible at once by replacing the manifest atomically.
    public func commit() throws {
        precondition(!committed, "a transaction commits once")
        try finishBlobWrites()
        for folder in touchedDirectories.sorted() { try FileIO.syncDirectory(store.path(of: folder)) }
        try FileIO.syncDirectory(store.path(of: Store.tablesDirectory))
        manifest.generation = generation
        try FileIO.writeDurably(try manifest.serialized(), to: store.path(of: Manifest.fileName))
        try FileIO.syncDirectory(store.directory)
        committed = true
        store.manifest = manifest
        store.collectGarbage()
    }
}
