#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore

/// Reads a segment file: the footer on open (checked), then only the blocks asked for (each checked).
///
/// Nothing is trusted before its checksum matches, and every length is bounds-checked, so a damaged file
/// produces ``StorageError/corrupt(file:location:reason:)`` naming the file and block, never a crash or
/// wrong rows.
///
/// Immutable once opened, and blocks are read with `pread`, so threads may read blocks concurrently.
public final class SegmentReader: @unchecked Sendable {
    /// The path shown in errors (relative to the store).
    public let name: String
    public let footer: SegmentFooter
    public let byteCount: Int
    public let footerChecksum: UInt64
    private let path: String
    private let descriptor: Int32

    public init(path: String, name: String) throws {
        self.path = path
        self.name = name
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw StorageError.missingFile(file: name) }
            throw StorageError.io(file: name, operation: "open", errno: errno)
        }
        self.descriptor = descriptor
        do {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw StorageError.io(file: name, operation: "stat", errno: errno) }
            byteCount = Int(status.st_size)
            (footer, footerChecksum) = try Self.readFooter(descriptor: descriptor, byteCount: byteCount, name: name)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    private static func readFooter(descriptor: Int32, byteCount: Int, name: String) throws -> (SegmentFooter, UInt64) {
        let minimum = SegmentFooter.headerBytes + SegmentFooter.trailerBytes
        guard byteCount >= minimum else {
            throw StorageError.corrupt(file: name, location: "file", reason: "\(byteCount) bytes is too short for a segment")
        }
        var header = [UInt8](repeating: 0, count: SegmentFooter.headerBytes)
        try header.withUnsafeMutableBytes { try FileIO.readFully(descriptor, into: $0, at: 0, path: name) }
        guard Array(header[0..<8]) == SegmentFooter.headerMagic else {
            throw StorageError.corrupt(file: name, location: "header", reason: "not an Aurum segment (bad magic)")
        }
        let version = UInt16(header[8]) | UInt16(header[9]) << 8
        guard (SegmentFooter.oldestReadVersion...SegmentFooter.formatVersion).contains(version) else {
            if version > SegmentFooter.formatVersion { throw StorageError.unsupportedVersion(file: name, version: Int(version)) }
            throw StorageError.corrupt(file: name, location: "header", reason: "format version \(version)")
        }
        // Reserved bytes are written as zero; a version that uses them is a new version.
        guard header[10..<16].allSatisfy({ $0 == 0 }) else {
            throw StorageError.corrupt(file: name, location: "header", reason: "reserved bytes are not zero")
        }
        var trailer = [UInt8](repeating: 0, count: SegmentFooter.trailerBytes)
        try trailer.withUnsafeMutableBytes {
            try FileIO.readFully(descriptor, into: $0, at: byteCount - SegmentFooter.trailerBytes, path: name)
        }
        let checksum = trailer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        let footerLength = trailer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) }
        guard Array(trailer[16..<24]) == SegmentFooter.trailerMagic else {
            throw StorageError.corrupt(file: name, location: "trailer", reason: "no end marker (the write was cut short?)")
        }
        guard trailer[12..<16].allSatisfy({ $0 == 0 }) else {
            throw StorageError.corrupt(file: name, location: "trailer", reason: "reserved bytes are not zero")
        }
        guard footerLength <= byteCount - minimum else {
            throw StorageError.corrupt(file: name, location: "trailer", reason: "footer length \(footerLength) exceeds the file")
        }
        var footerBytes = [UInt8](repeating: 0, count: footerLength)
        try footerBytes.withUnsafeMutableBytes {
            try FileIO.readFully(descriptor, into: $0, at: byteCount - SegmentFooter.trailerBytes - footerLength, path: name)
        }
        guard XXH64.hash(footerBytes) == checksum else {
            throw StorageError.corrupt(file: name, location: "footer", reason: "checksum mismatch")
        }
        let footer = try footerBytes.withUnsafeBytes { try SegmentFooter.parse($0, file: name, version: version) }
        let dataEnd = UInt64(byteCount - SegmentFooter.trailerBytes - footerLength)
        for (groupIndex, group) in footer.rowGroups.enumerated() {
            for (columnIndex, block) in group.blocks.enumerated() {
                guard block.offset >= UInt64(SegmentFooter.headerBytes), block.offset <= dataEnd,
                    UInt64(block.storedBytes) <= dataEnd - block.offset
                else {
                    throw StorageError.corrupt(
                        file: name, location: "row group \(groupIndex), column '\(footer.schema.fields[columnIndex].name)'",
                        reason: "block lies outside the data area")
                }
            }
        }
        return (footer, checksum)
    }

    /// Decodes column `column` of row group `rowGroup`, verifying its checksum first. Text is tied to `sharing`
    /// when given (see ``SharedCodes``).
    ///
    /// With `fixedPoint`, a DOUBLE block of decimals comes as BIGINT integers at its places (``FixedPoint``), any
    /// other block as usual.
    public func readBlock(
        rowGroup: Int, column: Int, zstd: Zstd, cache: BlockCache? = nil, sharing: SharedDictionary? = nil,
        fixedPoint: FixedPoint? = nil
    ) throws -> Column {
        guard let cache else {
            return try decodeBlock(rowGroup: rowGroup, column: column, zstd: zstd, sharing: sharing, fixedPoint: fixedPoint)
        }
        let key = BlockCache.Key(file: name, rowGroup: Int32(rowGroup), column: Int32(column), fixedPoint: fixedPoint)
        if let cached = cache.column(key) { return cached }
        let decoded = try decodeBlock(rowGroup: rowGroup, column: column, zstd: zstd, sharing: sharing, fixedPoint: fixedPoint)
        cache.insert(decoded, for: key)
        return decoded
    }

    private func decodeBlock(
        rowGroup: Int, column: Int, zstd: Zstd, sharing: SharedDictionary?, fixedPoint: FixedPoint?
    ) throws -> Column {
        let field = footer.schema.fields[column]
        let location = "row group \(rowGroup), column '\(field.name)'"
        let payload = try blockPayload(rowGroup: rowGroup, column: column, zstd: zstd)
        let rowCount = footer.rowGroups[rowGroup].rowCount
        let decoded = try payload.withUnsafeBytes { payload in
            if let fixedPoint, field.type == .double,
                let integers = try ColumnBlockCodec.decodeFixedPoint(payload, rowCount: rowCount, as: fixedPoint, file: name, location: location) {
                return integers
            }
            return try ColumnBlockCodec.decode(payload, type: field.type, rowCount: rowCount, file: name, location: location, sharing: sharing)
        }
        try checkNullCount(decoded.nullCount, rowGroup: rowGroup, column: column)
        return decoded
    }

    /// Rows `rows` (ascending positions in the row group) of the columns at `columns` of row group `rowGroup`,
    /// not cached: a text column makes a String only for the entries those rows use
    /// (``ColumnBlockCodec/decode(_:type:rowCount:file:location:rows:)``).
    public func readRows(_ rows: [Int], rowGroup: Int, columns: [Int], zstd: Zstd) throws -> Batch {
        let rowCount = footer.rowGroups[rowGroup].rowCount
        precondition(rows.allSatisfy { $0 >= 0 && $0 < rowCount }, "rows of the row group")
        let fields = columns.map { footer.schema.fields[$0] }
        let decoded = try columns.indices.map { position in
            let payload = try blockPayload(rowGroup: rowGroup, column: columns[position], zstd: zstd)
            let (column, nullCount) = try payload.withUnsafeBytes {
                try ColumnBlockCodec.decode(
                    $0, type: fields[position].type, rowCount: rowCount, file: name,
                    location: "row group \(rowGroup), column '\(fields[position].name)'", rows: rows)
            }
            try checkNullCount(nullCount, rowGroup: rowGroup, column: columns[position])
            return column
        }
        return Batch(schema: Schema(fields), columns: decoded)
    }

    /// The rows (ascending) of row group `rowGroup` whose text in column `column` (a VARCHAR) is one of
    /// `probe`'s, found by the bytes of its dictionary: no String is made. NULL rows never match.
    public func rows(rowGroup: Int, column: Int, zstd: Zstd, whereTextIn probe: TextProbe) throws -> [Int] {
        let field = footer.schema.fields[column]
        precondition(field.type == .string, "a text column")
        let payload = try blockPayload(rowGroup: rowGroup, column: column, zstd: zstd)
        let (rows, nullCount) = try payload.withUnsafeBytes {
            try ColumnBlockCodec.rows(
                $0, rowCount: footer.rowGroups[rowGroup].rowCount, file: name, location: "row group \(rowGroup), column '\(field.name)'",
                whereTextIn: probe)
        }
        try checkNullCount(nullCount, rowGroup: rowGroup, column: column)
        return rows
    }

    /// `body` over the UTF-8 bytes of each text that a non-NULL row of row group `rowGroup` admitted by
    /// `admitted` holds in column `column` (a VARCHAR), each once, with no String made.
    public func forEachText(
        rowGroup: Int, column: Int, zstd: Zstd, admitted: [Bool]?, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let field = footer.schema.fields[column]
        precondition(field.type == .string, "a text column")
        let payload = try blockPayload(rowGroup: rowGroup, column: column, zstd: zstd)
        let nullCount = try payload.withUnsafeBytes {
            try ColumnBlockCodec.forEachText(
                $0, rowCount: footer.rowGroups[rowGroup].rowCount, file: name, location: "row group \(rowGroup), column '\(field.name)'",
                admitted: admitted, body)
        }
        try checkNullCount(nullCount, rowGroup: rowGroup, column: column)
    }

    /// The uncompressed payload of column `column` of row group `rowGroup`, its checksum verified first.
    func blockPayload(rowGroup: Int, column: Int, zstd: Zstd) throws -> [UInt8] {
        let block = footer.rowGroups[rowGroup].blocks[column]
        let location = "row group \(rowGroup), column '\(footer.schema.fields[column].name)'"
        // Read in place, not into a zero-filled buffer: readFully fills every byte or throws.
        let stored = try [UInt8](unsafeUninitializedCapacity: Int(block.storedBytes)) { buffer, initialized in
            try FileIO.readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: Int(block.offset), path: name)
            initialized = buffer.count
        }
        guard XXH64.hash(stored) == block.checksum else {
            throw StorageError.corrupt(file: name, location: location, reason: "block checksum mismatch")
        }
        return try stored.withUnsafeBytes {
            try zstd.decompress($0, expectedCount: Int(block.rawBytes), file: name + " (" + location + ")")
        }
    }

    /// Throws when a decoded block's `nullCount` differs from its footer's, or a NOT NULL column has one.
    func checkNullCount(_ nullCount: Int, rowGroup: Int, column: Int) throws {
        let field = footer.schema.fields[column]
        let location = "row group \(rowGroup), column '\(field.name)'"
        if nullCount != footer.rowGroups[rowGroup].blocks[column].stats.nullCount {
            throw StorageError.corrupt(file: name, location: location, reason: "null count differs from the footer")
        }
        if nullCount > 0 && !field.nullable {
            throw StorageError.corrupt(file: name, location: location, reason: "NULL in a NOT NULL column")
        }
    }

    /// The columns at `columns` (indices into the footer's schema) of row group `rowGroup`; text columns tied to
    /// `sharing[i]` (one per column asked for) where it is given. The positions in `skipping` are not read:
    /// ``AurumCore/Column/unread(_:count:)`` stands in for them. The positions in `fixedPoint` are read in that
    /// form (``readBlock(rowGroup:column:zstd:cache:sharing:fixedPoint:)``); their fields say BIGINT where a block
    /// came so.
    public func readRowGroup(
        _ rowGroup: Int, columns: [Int], zstd: Zstd, cache: BlockCache? = nil, sharing: [SharedDictionary?]? = nil,
        skipping: Set<Int> = [], fixedPoint: [Int: FixedPoint] = [:]
    ) throws -> Batch {
        precondition(sharing == nil || sharing!.count == columns.count, "one shared dictionary (or nil) per column")
        var fields = columns.map { footer.schema.fields[$0] }
        let decoded = try columns.indices.map {
            if skipping.contains($0) { return Column.unread(fields[$0].type, count: footer.rowGroups[rowGroup].rowCount) }
            return try readBlock(
                rowGroup: rowGroup, column: columns[$0], zstd: zstd, cache: cache, sharing: sharing?[$0], fixedPoint: fixedPoint[$0])
        }
        for position in fixedPoint.keys where position < fields.count { fields[position].type = decoded[position].type }
        return Batch(schema: Schema(fields), columns: decoded)
    }
}
