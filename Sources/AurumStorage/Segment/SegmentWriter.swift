import AurumCore

/// What the manifest records about a written segment, so that a swapped or truncated file is caught on open.
public struct SegmentFileInfo: Sendable, Equatable, Encodable {
    /// File name relative to the store directory.
    public var file: String
    public var rowCount: Int
    public var byteCount: Int
    /// XXH64 of the segment's footer (also stored in the file's trailer).
    public var footerChecksum: Checksum64
}

/// Writes a batch as one segment file: header, blocks (row group by row group, column by column), footer,
/// trailer. See docs/segment-format.md.
public enum SegmentWriter {
    /// Rows per row group; each row group is one block per column and one unit of decoding and pruning.
    public static let defaultRowGroupRows = 131_072

    /// Encodes `batch` as segment bytes.
    public static func encode(_ batch: Batch, rowGroupRows: Int = defaultRowGroupRows, zstd: Zstd) -> (bytes: [UInt8], footerChecksum: UInt64) {
        precondition(rowGroupRows > 0)
        var file = ByteWriter(capacity: batch.rowCount * 4 + 1024)
        file.append(bytes: SegmentFooter.headerMagic)
        file.append(SegmentFooter.formatVersion)
        file.append(UInt16(0))
        file.append(UInt32(0))
        // Row groups are encoded and compressed on every core (each with its own zstd context), then laid out
        // in order.
        let ranges = stride(from: 0, to: max(batch.rowCount, 1), by: rowGroupRows).map { $0..<min($0 + rowGroupRows, batch.rowCount) }
        let level = zstd.level
        let encoded: [[EncodedBlock]] = ranges.count == 1
            ? [encodeRowGroup(batch, zstd: zstd)]
            : Parallel.map(ranges.count) { index in
                encodeRowGroup(batch.gather(Array(ranges[index])), zstd: Zstd(level: level))
            }
        var groups: [RowGroupInfo] = []
        for (range, blocks) in zip(ranges, encoded) {
            var infos: [BlockInfo] = []
            for block in blocks {
                infos.append(
                    BlockInfo(
                        offset: UInt64(file.count), storedBytes: UInt32(block.stored.count), rawBytes: UInt32(block.rawBytes),
                        checksum: XXH64.hash(block.stored), stats: block.stats, decimalSum: block.decimalSum))
                file.append(bytes: block.stored)
            }
            groups.append(RowGroupInfo(rowCount: range.count, blocks: infos))
        }
        let footer = SegmentFooter(schema: batch.schema, rowGroups: groups).serialized()
        let footerChecksum = XXH64.hash(footer)
        file.append(bytes: footer)
        file.append(footerChecksum)
        file.append(UInt32(footer.count))
        file.append(UInt32(0))
        file.append(bytes: SegmentFooter.trailerMagic)
        return (file.bytes, footerChecksum)
    }

    /// One column of one row group, encoded.
    private struct EncodedBlock {
        /// The zstd frame.
        var stored: [UInt8]
        /// The payload's size before compression.
        var rawBytes: Int
        var stats: ColumnStats
        /// DOUBLE: the exact sum of its stored decimal integers, when it has one.
        var decimalSum: DecimalBlockSum?
    }

    /// Each column of one row group: its stored (encoded, compressed) bytes, raw size, statistics and, for
    /// DOUBLE, the decimal sum the footer records (found from the payload just encoded, as a query would).
    private static func encodeRowGroup(_ rows: Batch, zstd: Zstd) -> [EncodedBlock] {
        let scratch = IntegerScratch()
        return rows.columns.map { column in
            let (payload, stats) = ColumnBlockCodec.encodeWithStats(column)
            var decimalSum: DecimalBlockSum?
            if case .double = column {
                do {
                    decimalSum = try payload.withUnsafeBytes {
                        try ColumnBlockCodec.decimalSum(
                            $0, rowCount: column.count, excluding: [], scratch: scratch, file: "(new segment)", location: "block")?.sum
                    }
                } catch {
                    preconditionFailure("a block just encoded does not decode: \(error)")
                }
            }
            return EncodedBlock(stored: zstd.compressOrStore(payload), rawBytes: payload.count, stats: stats, decimalSum: decimalSum)
        }
    }

    /// Writes `batch` durably as `directory/name` (temporary name, fsync, rename); the caller syncs the directory.
    public static func write(
        _ batch: Batch, directory: String, name: String, rowGroupRows: Int = defaultRowGroupRows, zstd: Zstd
    ) throws -> SegmentFileInfo {
        let (bytes, footerChecksum) = encode(batch, rowGroupRows: rowGroupRows, zstd: zstd)
        try FileIO.writeDurably(bytes, to: directory + "/" + name)
        return SegmentFileInfo(file: name, rowCount: batch.rowCount, byteCount: bytes.count, footerChecksum: Checksum64(footerChecksum))
    }
}
