import AurumCore

/// What the manifest records about a written segment, so that a swapped or truncated file is caught on open.
public struct SegmentFileInfo: Sendable, Equatable, Codable {
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
        var groups: [RowGroupInfo] = []
        var start = 0
        repeat {
            let end = min(start + rowGroupRows, batch.rowCount)
            let slice = start == 0 && end == batch.rowCount ? batch : batch.gather(Array(start..<end))
            var blocks: [BlockInfo] = []
            for column in slice.columns {
                let payload = ColumnBlockCodec.encode(column)
                let stored = zstd.compress(payload)
                blocks.append(
                    BlockInfo(
                        offset: UInt64(file.count), storedBytes: UInt32(stored.count), rawBytes: UInt32(payload.count),
                        checksum: XXH64.hash(stored), stats: ColumnStats(of: column)))
                file.append(bytes: stored)
            }
            groups.append(RowGroupInfo(rowCount: end - start, blocks: blocks))
            start = end
        } while start < batch.rowCount
        let footer = SegmentFooter(schema: batch.schema, rowGroups: groups).serialized()
        let footerChecksum = XXH64.hash(footer)
        file.append(bytes: footer)
        file.append(footerChecksum)
        file.append(UInt32(footer.count))
        file.append(UInt32(0))
        file.append(bytes: SegmentFooter.trailerMagic)
        return (file.bytes, footerChecksum)
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
