import AurumCore

/// Writes batches to a Parquet file, one row group at a time: memory holds the rows of one row group (in
/// Aurum's columns, text dictionary-coded) and its encoded column chunks, whatever the number of rows written.
///
/// File layout (parquet-format): `PAR1`, the row groups' column chunks, the footer (``ParquetFileMetaData``,
/// Thrift compact), its length (4 bytes, little-endian), `PAR1`. The file appears under its name only when
/// ``finish()`` succeeds (``DurableFileStream``).
///
/// ```swift
/// let writer = try ParquetWriter(path: "ad_insights.parquet", schema: schema)
/// try store.scan("ad_insights") { try writer.append($0) }
/// let summary = try writer.finish()
/// ```
public final class ParquetWriter {
    /// Sizes that shape the file. The defaults suit BigQuery, Spark and DuckDB; tests shrink them to get many
    /// pages and row groups out of few rows.
    public struct Limits: Sendable, Equatable {
        /// A row group is closed once its rows take this many bytes PLAIN-encoded (about what a reader holds
        /// decoded): 64 MiB, big enough for warehouses to read efficiently (they want 16 MiB and more), small
        /// enough that exporting a text-heavy table stays within a few hundred MB of memory.
        public var rowGroupBytes = 64 << 20
        /// …or once it holds this many rows.
        public var rowGroupRows = Int.max
        /// A data page is closed once its encoded values take this many bytes.
        public var pageBytes = 1 << 20
        /// A column chunk whose distinct values take more than this, PLAIN-encoded, is written PLAIN instead of
        /// RLE_DICTIONARY.
        public var dictionaryBytes = 1 << 20
        /// Text min/max statistics longer than this are left out (readers then cannot skip on that column).
        public var statisticsBytes = 4096

        public init() {}

        /// The largest page or dictionary size accepted: page sizes must fit the header's 32-bit fields.
        public static let bytesMax = 1 << 30

        /// Throws ``StorageError/parquet(reason:)`` naming the first limit out of range.
        public func validate() throws {
            for (name, value, maximum) in [
                ("row group bytes", rowGroupBytes, Int.max), ("row group rows", rowGroupRows, Int.max),
                ("page bytes", pageBytes, Self.bytesMax), ("dictionary bytes", dictionaryBytes, Self.bytesMax),
                ("statistics bytes", statisticsBytes, Self.bytesMax),
            ] where value < 1 || value > maximum {
                throw StorageError.parquet(reason: "\(name) must be between 1 and \(maximum), not \(value)")
            }
        }
    }

    /// What a finished file holds.
    public struct Summary: Sendable, Equatable {
        public var rowCount: Int
        /// Rows in each row group, in file order.
        public var rowGroupRowCounts: [Int]
        public var byteCount: Int

        public var rowGroupCount: Int { rowGroupRowCounts.count }
    }

    /// The magic at both ends of a Parquet file.
    static let magic: [UInt8] = Array("PAR1".utf8)

    public let schema: Schema
    public let limits: Limits
    private let file: DurableFileStream
    private let createdBy: String
    private var rowGroups: [ParquetFileMetaData.RowGroup] = []
    private var rowCount = 0
    /// The rows of the row group being gathered, and their PLAIN size.
    private var pending: [Batch] = []
    private var pendingRows = 0
    private var pendingBytes = 0

    /// Starts a file for rows of `schema` at `path` (written to a temporary file beside it until ``finish()``;
    /// ``OutputFile/open(_:protecting:)`` refuses a path inside one of `protecting` or any other store).
    public init(
        path: String, schema: Schema, limits: Limits = Limits(), createdBy: String = "aurum", protecting stores: [String] = []
    ) throws {
        try limits.validate()
        self.schema = schema
        self.limits = limits
        self.createdBy = createdBy
        file = try OutputFile.open(path, protecting: stores)
        try file.append(Self.magic)
    }

    /// Adds the rows of `batch` (whose columns must have the writer's names and types), writing out each row
    /// group as it fills.
    public func append(_ batch: Batch) throws {
        guard batch.schema.count == schema.count,
            zip(batch.schema.fields, schema.fields).allSatisfy({ $0.name == $1.name && $0.type == $1.type })
        else {
            throw StorageError.parquet(reason: "rows of (\(Self.describe(batch.schema))) given to a file of (\(Self.describe(schema)))")
        }
        guard batch.rowCount > 0 else { return }
        let bytes = Self.plainBytes(batch)
        // Past the first cut, rows are sized by the batch's mean (exact sizes would cost a pass per cut).
        let meanRowBytes = max(1, bytes / batch.rowCount)
        var start = 0
        while start < batch.rowCount {
            if pendingRows >= limits.rowGroupRows || pendingBytes >= limits.rowGroupBytes { try writeRowGroup() }
            let remaining = batch.rowCount - start
            let remainingBytes = start == 0 ? bytes : remaining * meanRowBytes
            let roomRows = limits.rowGroupRows - pendingRows
            let roomBytes = limits.rowGroupBytes - pendingBytes
            if remaining <= roomRows && remainingBytes <= roomBytes {
                add(start == 0 ? batch : batch.gather(Array(start..<batch.rowCount)), bytes: remainingBytes)
                return
            }
            // Take the rows that fill the row group, then write it.
            let taken = max(1, min(remaining, roomRows, (roomBytes + meanRowBytes - 1) / meanRowBytes))
            add(batch.gather(Array(start..<(start + taken))), bytes: taken * meanRowBytes)
            start += taken
            try writeRowGroup()
        }
    }

    /// Writes the last row group and the footer, and makes the file visible under its name.
    @discardableResult
    public func finish() throws -> Summary {
        try writeRowGroup()
        let metadata = ParquetFileMetaData(
            schema: [.root(columnCount: schema.count)] + schema.fields.map(ParquetSchemaElement.leaf), rowCount: Int64(rowCount),
            rowGroups: rowGroups, createdBy: createdBy)
        let footer = metadata.encoded()
        var tail = footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { tail.append(contentsOf: $0) }
        tail.append(contentsOf: Self.magic)
        try file.append(tail)
        try file.commit()
        return Summary(rowCount: rowCount, rowGroupRowCounts: rowGroups.map { Int($0.rowCount) }, byteCount: file.offset)
    }

    private func add(_ batch: Batch, bytes: Int) {
        pending.append(batch)
        pendingRows += batch.rowCount
        pendingBytes += bytes
    }

    /// Encodes the pending rows as one row group, its columns on all cores (each with a zstd context of its
    /// own), and appends it to the file in column order.
    private func writeRowGroup() throws {
        guard pendingRows > 0 else { return }
        let batches = pending
        let schema = schema
        let limits = limits
        let encoded = Parallel.map(schema.count) { index in
            Result { () throws -> ParquetColumnChunkEncoder.Encoded in
                let values = try parquetColumnValues(batches, column: index, schema: schema)
                return ParquetColumnChunkEncoder(limits: limits, zstd: Zstd()).encode(values)
            }
        }
        var chunks: [ParquetColumnChunk] = []
        for (field, result) in zip(schema.fields, encoded) {
            let chunk = try result.get()
            let start = Int64(file.offset)
            try file.append(chunk.bytes)
            chunks.append(
                ParquetColumnChunk(
                    name: field.name, type: ParquetSchemaElement.physicalType(of: field.type), encodings: chunk.encodings, codec: .zstd,
                    valueCount: Int64(pendingRows), totalUncompressedSize: Int64(chunk.totalUncompressedSize),
                    totalCompressedSize: Int64(chunk.bytes.count), dataPageOffset: start + Int64(chunk.dictionaryPageBytes),
                    dictionaryPageOffset: chunk.dictionaryPageBytes > 0 ? start : nil, statistics: chunk.statistics))
        }
        rowGroups.append(ParquetFileMetaData.RowGroup(columns: chunks, rowCount: Int64(pendingRows)))
        rowCount += pendingRows
        pending = []
        pendingRows = 0
        pendingBytes = 0
    }

    /// About how many bytes the rows of `batch` take PLAIN-encoded (what sizes a row group).
    static func plainBytes(_ batch: Batch) -> Int {
        batch.columns.reduce(0) { total, column in
            switch column {
            case .int64(let values): return total + values.count * 8
            case .double(let values): return total + values.count * 8
            case .date(let values): return total + values.count * 4
            case .bool(let values): return total + (values.count + 7) / 8
            case .string(let strings):
                let lengths = strings.dictionary.map { 4 + $0.utf8.count }
                var bytes = 0
                for row in 0..<strings.count where !strings.isNull(row) { bytes += lengths[Int(strings.codes[row])] }
                return total + bytes
            }
        }
    }

    private static func describe(_ schema: Schema) -> String {
        schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
    }
}
