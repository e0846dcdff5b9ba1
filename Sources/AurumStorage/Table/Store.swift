#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore
import Foundation

/// An Aurum store: a directory holding a ``Manifest`` and the segment, delete and blob files it lists.
///
/// ```
/// DIR/MANIFEST                 the current snapshot (replaced atomically by every commit)
/// DIR/LOCK                     flock'd exclusively by the one writer
/// DIR/READERS                  flock'd shared by readers; garbage is collected only when nobody holds it
/// DIR/tables/<table>/*.seg     segments        DIR/tables/<table>/*.del   delete vectors
/// DIR/blobs/*.pack             blob packs (raw Bronze files)
/// ```
/// Open it for reading (``Mode/read``) to scan a consistent snapshot, or for writing (``Mode/write``) to start
/// ``Transaction``s. A crash at any moment leaves the previous or the next manifest; files no manifest lists
/// (a crashed transaction's, or those a commit replaced) are removed when a writer opens the store or commits,
/// unless a reader is open (see docs/segment-format.md, "Garbage collection").
public final class Store {
    public enum Mode: Sendable {
        /// Scan the current snapshot; the directory must hold a store.
        case read
        /// Take the writer lock; create the store when the directory has none.
        case write
    }

    public let directory: String
    public let mode: Mode
    public internal(set) var manifest: Manifest
    let zstd = Zstd()
    /// Decompression contexts for scans' reads, on whichever threads they run.
    let decompressors = ZstdPool()
    /// Decoded blocks kept between scans of a store opened for reading (a writer's scans feed Gold once, and
    /// the memory is better left to it).
    public let blockCache: BlockCache?
    /// The text of each stored text column (by table, then column), coded once for all its blocks that scans
    /// decode, while ``sharesDictionaries``.
    private var sharedDictionaries: [String: [String: SharedDictionary]] = [:]
    /// Whether scans tie every block of a text column to one shared dictionary: a query's group keys and join
    /// keys then match text across blocks by integer. On in a store opened for reading; a writer turns it on
    /// for a scan of whole tables (Gold's full build groups all of Silver), and leaves it off otherwise (a
    /// day's refresh reads a few row groups, for which coding every entry into a dictionary kept for the run
    /// costs more time and memory than it saves).
    public var sharesDictionaries: Bool
    private var openSegments: [String: SegmentReader] = [:]
    /// Guards ``openSegments`` and ``sharedDictionaries``: a query may plan the scans of two blocks at once
    /// (a join computes its probe side on another thread while it reads its build side).
    private let readersLock = NSLock()
    /// Bronze is written once and read rarely, and is most of the store's bytes. Pages of one shape repeat each
    /// other across a 16 MiB frame, which long-distance matching finds: on the 1M-row generated tree, level 1
    /// with it (matches of 128 bytes or more) compresses 23.8× at ~630 MB/s a core, against 17.9× without it
    /// (at ~1.8 GB/s) and 23.7× at ~520 MB/s with zstd's default 64-byte matches (16 MiB frames, as packs
    /// have them).
    static func blobCompressor() -> Zstd { Zstd(level: 1, longWindowLog: 24) }
    private var writerLock: Int32 = -1
    private var readerLock: Int32 = -1

    public static let tablesDirectory = "tables"
    public static let blobsDirectory = "blobs"

    /// Opens the store in `directory`. A store opened for reading keeps up to `cacheBytes` of decoded blocks
    /// between scans (0: none, for a process that scans once; its freed buffers are then reused, not faulted in
    /// afresh for every row group).
    public init(directory: String, mode: Mode, cacheBytes: Int = BlockCache.defaultCapacity) throws {
        self.directory = directory
        self.mode = mode
        sharesDictionaries = mode == .read
        blockCache = mode == .read && cacheBytes > 0 ? BlockCache(capacity: cacheBytes) : nil
        let manifestPath = directory + "/" + Manifest.fileName
        switch mode {
        case .read:
            guard FileIO.exists(manifestPath) else {
                // Data files without a MANIFEST are a store that lost it, not a missing store.
                try Store.checkNoDataFiles(in: directory)
                throw StorageError.noStore(directory: directory)
            }
            // The shared lock is taken before the manifest is read, so no collection can remove a file of the
            // snapshot we are about to load. deinit does not run when init throws: release it on every error.
            let readers = open(directory + "/READERS", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            if readers >= 0 { flock(readers, LOCK_SH) }
            do {
                manifest = try Manifest.parse(try FileIO.read(manifestPath), file: Manifest.fileName)
            } catch {
                if readers >= 0 { close(readers) }
                throw error
            }
            readerLock = readers
        case .write:
            try FileIO.makeDirectory(directory + "/" + Store.tablesDirectory)
            try FileIO.makeDirectory(directory + "/" + Store.blobsDirectory)
            let lock = open(directory + "/LOCK", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            guard lock >= 0 else { throw StorageError.io(file: directory + "/LOCK", operation: "open", errno: errno) }
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
                close(lock)
                throw StorageError.locked(directory: directory)
            }
            do {
                if FileIO.exists(manifestPath) {
                    manifest = try Manifest.parse(try FileIO.read(manifestPath), file: Manifest.fileName)
                } else {
                    try Store.checkNoDataFiles(in: directory)
                    manifest = Manifest()
                    // A new store gets its (empty) manifest before any data file exists, so that data files
                    // without a manifest can only mean a lost manifest, never a new store.
                    try FileIO.writeDurably(try manifest.serialized(), to: manifestPath)
                    try FileIO.syncDirectory(directory)
                }
            } catch {
                close(lock)
                throw error
            }
            writerLock = lock
            collectGarbage()
        }
    }

    /// A directory without a MANIFEST must hold no data files: a store writes its manifest before its first data
    /// file, so data without a manifest means the manifest was lost. Refuse rather than collect it as garbage.
    static func checkNoDataFiles(in directory: String) throws {
        var folders = [Store.blobsDirectory]
        for table in FileIO.list(directory + "/" + Store.tablesDirectory) { folders.append(Store.tablesDirectory + "/" + table) }
        for folder in folders {
            for name in FileIO.list(directory + "/" + folder) {
                throw StorageError.manifestMissing(directory: directory, example: folder + "/" + name)
            }
        }
    }

    deinit {
        if readerLock >= 0 { close(readerLock) }
        if writerLock >= 0 { close(writerLock) }
    }

    /// The absolute path of a file the manifest names.
    public func path(of file: String) -> String { directory + "/" + file }

    /// The names of the tables, sorted.
    public var tableNames: [String] { manifest.tables.keys.sorted() }

    /// The table `name` in `snapshot` (the committed manifest when nil).
    public func table(_ name: String, in snapshot: Manifest? = nil) throws -> TableManifest {
        guard let table = (snapshot ?? manifest).tables[name] else { throw StorageError.unknownTable(name: name) }
        return table
    }

    /// Opens a segment, checking that it is the very file the manifest recorded (size and footer checksum).
    /// A store opened for reading keeps its segments open: their files never change, and a later scan then
    /// skips reading and checking the footer again.
    public func openSegment(_ entry: SegmentEntry) throws -> SegmentReader {
        if let open = readersLock.withLock({ openSegments[entry.segment.file] }) { return open }
        let reader = try SegmentReader(path: path(of: entry.segment.file), name: entry.segment.file)
        guard reader.byteCount == entry.segment.byteCount, reader.footerChecksum == entry.segment.footerChecksum.value,
            reader.footer.rowCount == entry.segment.rowCount
        else {
            throw StorageError.corrupt(
                file: entry.segment.file, location: "file", reason: "does not match the manifest (size or footer checksum differ)")
        }
        if mode == .read { readersLock.withLock { openSegments[entry.segment.file] = reader } }
        return reader
    }

    /// The sorted row numbers deleted from a segment.
    public func deletedRows(_ entry: SegmentEntry) throws -> [Int] {
        guard let deletes = entry.deletes else { return [] }
        let bytes = try FileIO.read(path(of: deletes.file))
        guard XXH64.hash(bytes) == deletes.checksum.value else {
            throw StorageError.corrupt(file: deletes.file, location: "delete file", reason: "does not match the manifest")
        }
        let rows = try DeleteVector.decode(bytes, file: deletes.file, rowCount: entry.segment.rowCount)
        guard rows.count == deletes.count else {
            throw StorageError.corrupt(file: deletes.file, location: "delete file", reason: "holds \(rows.count) rows, manifest says \(deletes.count)")
        }
        return rows
    }

    /// One row group of one segment as read by ``scanChunks(_:columns:where:_:)``: all its rows, and which of
    /// them are deleted.
    public struct Chunk: Sendable {
        /// Position of the segment in the table's manifest.
        public var segmentIndex: Int
        /// Row number (within the segment) of the chunk's first row.
        public var firstRow: Int
        /// Every row of the row group, deleted ones included.
        public var batch: Batch
        /// `live[i] == false` when row `i` of `batch` is deleted; nil when none is.
        public var live: [Bool]?

        /// The batch without its deleted rows.
        public var liveBatch: Batch {
            guard let live else { return batch }
            return batch.gather(live.indices.filter { live[$0] })
        }
    }

    /// Visits the row groups of `table` in order, reading only `columns` (all when nil) and only the segments
    /// for which `segmentFilter` (given the opened footer) returns true, and of those only the row groups for
    /// which `rowGroupFilter` (given the row group's zone maps) returns true.
    ///
    /// `snapshot` is the manifest to read (the committed one when nil; a ``Transaction``'s to see its own
    /// uncommitted changes).
    public func scanChunks(
        _ table: String, in snapshot: Manifest? = nil, columns: [String]? = nil,
        where segmentFilter: ((SegmentReader) -> Bool)? = nil,
        rowGroupFilter: ((RowGroupInfo, Schema) -> Bool)? = nil, _ body: (Chunk) throws -> Void
    ) throws {
        let plan = try pendingRowGroups(table, in: snapshot, columns: columns, where: segmentFilter, rowGroupFilter: rowGroupFilter)
        try Store.readInOrder(plan, body)
    }

    /// The row groups ``scanChunks(_:in:columns:where:rowGroupFilter:_:)`` would visit, in its order, planned from
    /// the footers, zone maps and delete files alone: no block is read until a row group's
    /// ``PendingRowGroup/read()`` is called, on any thread (each worker of a query reads its own).
    public func pendingRowGroups(
        _ table: String, in snapshot: Manifest? = nil, columns: [String]? = nil,
        where segmentFilter: ((SegmentReader) -> Bool)? = nil,
        rowGroupFilter: ((RowGroupInfo, Schema) -> Bool)? = nil
    ) throws -> [PendingRowGroup] {
        let manifestTable = try self.table(table, in: snapshot)
        let schema = manifestTable.schema
        let indices = try (columns ?? schema.names).map { name in
            guard let index = schema.index(of: name) else { throw StorageError.unknownColumn(table: table, column: name) }
            return index
        }
        let read = PendingColumns(
            indices: indices, sharing: indices.map { sharedDictionary(table, schema.fields[$0]) }, cache: blockCache,
            decompressors: decompressors)
        var plan: [PendingRowGroup] = []
        for (segmentIndex, entry) in manifestTable.segments.enumerated() {
            let reader = try openSegment(entry)
            guard reader.footer.schema == schema else {
                throw StorageError.corrupt(file: entry.segment.file, location: "footer", reason: "schema differs from the manifest")
            }
            if let segmentFilter, !segmentFilter(reader) { continue }
            let deleted = try deletedRows(entry)
            var deletedCursor = 0
            var firstRow = 0
            for group in reader.footer.rowGroups.indices {
                let rowCount = reader.footer.rowGroups[group].rowCount
                defer { firstRow += rowCount }
                let kept = rowGroupFilter?(reader.footer.rowGroups[group], reader.footer.schema) ?? true
                var live: [Bool]?
                var deletedHere = 0
                while deletedCursor < deleted.count && deleted[deletedCursor] < firstRow + rowCount {
                    if kept {
                        if live == nil { live = [Bool](repeating: true, count: rowCount) }
                        live![deleted[deletedCursor] - firstRow] = false
                    }
                    deletedHere += 1
                    deletedCursor += 1
                }
                guard kept else { continue }
                plan.append(
                    PendingRowGroup(
                        segmentIndex: segmentIndex, firstRow: firstRow, liveRowCount: rowCount - deletedHere, reader: reader,
                        rowGroup: group, live: live, columns: read))
            }
        }
        return plan
    }

    /// Reads `plan`'s row groups and hands them to `body` in order, the next ones decoded on the other cores while
    /// `body` works on this one (a consumer that takes row groups one by one could not keep up with decoding alone).
    /// The positions in `fixedPoint` are read in that form where their blocks allow (``PendingRowGroup/read(skipping:fixedPoint:)``).
    public static func readInOrder(_ plan: [PendingRowGroup], fixedPoint: [Int: FixedPoint] = [:], _ body: (Chunk) throws -> Void) throws {
        let depth = max(1, Parallel.threadCount)
        func readAhead(_ position: Int) -> BackgroundTask<Result<Chunk, any Error>>? {
            guard position < plan.count else { return nil }
            let group = plan[position]
            return BackgroundTask { Result { try group.read(fixedPoint: fixedPoint) } }
        }
        var pending = (0..<depth).compactMap(readAhead)
        for position in plan.indices {
            let chunk = try pending.removeFirst().value.get()
            if let task = readAhead(position + depth) { pending.append(task) }
            try body(chunk)
        }
    }

    /// The shared dictionary of text column `field` of `table`, while ``sharesDictionaries``.
    private func sharedDictionary(_ table: String, _ field: Field) -> SharedDictionary? {
        guard sharesDictionaries, field.type == .string else { return nil }
        return readersLock.withLock {
            if let known = sharedDictionaries[table]?[field.name] { return known }
            let dictionary = SharedDictionary()
            sharedDictionaries[table, default: [:]][field.name] = dictionary
            return dictionary
        }
    }

    /// `body` over the UTF-8 bytes of the text in `column` (a VARCHAR) of every live, non-NULL row of `table`,
    /// with no String made: each distinct text of a row group once (a text in several row groups, once in each).
    public func forEachText(
        _ table: String, column: String, in snapshot: Manifest? = nil, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        for group in try pendingRowGroups(table, in: snapshot, columns: [column]) { try group.forEachLiveText(0, body) }
    }

    /// Visits the live rows of `table` in order, batch by batch.
    public func scan(_ table: String, in snapshot: Manifest? = nil, columns: [String]? = nil, _ body: (Batch) throws -> Void) throws {
        try scanChunks(table, in: snapshot, columns: columns) { chunk in try body(chunk.liveBatch) }
    }

    /// Every live row of `table` in one batch (for small tables and tests).
    public func readAll(_ table: String, in snapshot: Manifest? = nil, columns: [String]? = nil) throws -> Batch {
        let full = try self.table(table, in: snapshot).schema
        let fields = try (columns ?? full.names).map { name in
            guard let field = full.field(named: name) else { throw StorageError.unknownColumn(table: table, column: name) }
            return field
        }
        var batches: [Batch] = []
        try scan(table, in: snapshot, columns: columns) { batches.append($0) }
        if batches.isEmpty { return Batch(empty: Schema(fields)) }
        return Batch.concatenate(batches, schema: Schema(fields))
    }

    /// Calls `body` with every blob of every pack, in the order they were stored.
    public func readBlobs(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        for pack in manifest.blobPacks {
            try readBlobs(in: pack, body)
        }
    }

    /// Calls `body` with every blob of `pack`.
    public func readBlobs(in pack: BlobPackInfo, _ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        guard FileIO.size(path(of: pack.file)) == pack.byteCount else {
            if !FileIO.exists(path(of: pack.file)) { throw StorageError.missingFile(file: pack.file) }
            throw StorageError.corrupt(file: pack.file, location: "file", reason: "size differs from the manifest")
        }
        var seen = 0
        try BlobPack.read(path: path(of: pack.file), name: pack.file, zstd: zstd, footerChecksum: pack.footerChecksum.value) { key, bytes in
            guard seen < pack.keys.count, pack.keys[seen] == key else {
                throw StorageError.corrupt(file: pack.file, location: "footer", reason: "keys differ from the manifest")
            }
            seen += 1
            try body(key, bytes)
        }
        guard seen == pack.keys.count else {
            throw StorageError.corrupt(file: pack.file, location: "footer", reason: "holds \(seen) blobs, manifest says \(pack.keys.count)")
        }
    }

    /// Every file the manifest references, relative to the store directory.
    var referencedFiles: Set<String> {
        var files = Set<String>()
        for table in manifest.tables.values {
            for entry in table.segments {
                files.insert(entry.segment.file)
                if let deletes = entry.deletes { files.insert(deletes.file) }
            }
        }
        for pack in manifest.blobPacks { files.insert(pack.file) }
        return files
    }

    /// Removes files the manifest does not reference (leftovers of a crash, or replaced by a commit), but only
    /// when no reader holds a snapshot that might still need them.
    func collectGarbage() {
        let readers = open(directory + "/READERS", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard readers >= 0 else { return }
        defer { close(readers) }
        guard flock(readers, LOCK_EX | LOCK_NB) == 0 else { return }
        defer { flock(readers, LOCK_UN) }
        let referenced = referencedFiles
        FileIO.remove(directory + "/" + Manifest.fileName + FileIO.temporarySuffix)
        let tables = Store.tablesDirectory
        for table in FileIO.list(directory + "/" + tables) {
            let folder = tables + "/" + table
            for name in FileIO.list(directory + "/" + folder) where !referenced.contains(folder + "/" + name) {
                FileIO.remove(directory + "/" + folder + "/" + name)
            }
        }
        for name in FileIO.list(directory + "/" + Store.blobsDirectory) where !referenced.contains(Store.blobsDirectory + "/" + name) {
            FileIO.remove(directory + "/" + Store.blobsDirectory + "/" + name)
        }
    }

    /// Starts a change; only one at a time, on a store opened for writing.
    public func begin() -> Transaction {
        precondition(mode == .write, "transactions need a store opened for writing")
        return Transaction(store: self)
    }
}
