/// The rows of one segment that are deleted, kept in a small file beside it.
///
/// Segments are immutable; deleting rows (a restated Silver row supersedes the old one) writes a new delete
/// file holding the union of the old and new row numbers, and the manifest points the segment at it.
///
/// Layout: magic `AURUMDEL`, UInt32 count, the sorted row numbers in ``IntegerEncoding`` (usually delta-packed),
/// then XXH64 of all preceding bytes. The file has no version field: the manifest's version covers it.
public struct DeleteFileInfo: Sendable, Encodable, Equatable {
    public var file: String
    public var count: Int
    public var checksum: Checksum64
}

public enum DeleteVector {
    static let magic: [UInt8] = Array("AURUMDEL".utf8)

    public static func encode(_ rows: [Int]) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(bytes: magic)
        writer.append(UInt32(rows.count))
        IntegerEncoding.encode(rows.map(Int64.init), into: &writer)
        let checksum = XXH64.hash(writer.bytes)
        writer.append(checksum)
        return writer.bytes
    }

    /// The sorted deleted row numbers; throws `corrupt` naming `file` when the bytes are damaged.
    public static func decode(_ bytes: [UInt8], file: String, rowCount: Int) throws -> [Int] {
        guard bytes.count >= magic.count + 4 + 8 else {
            throw StorageError.corrupt(file: file, location: "delete file", reason: "too short")
        }
        let body = bytes[0..<(bytes.count - 8)]
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
        guard XXH64.hash(Array(body)) == stored else {
            throw StorageError.corrupt(file: file, location: "delete file", reason: "checksum mismatch")
        }
        return try body.withUnsafeBytes { raw in
            var reader = ByteReader(raw, file: file, location: "delete file")
            guard Array(try reader.readBytes(8)) == magic else { throw reader.corrupt("bad magic") }
            let count = Int(try reader.read(UInt32.self))
            guard count <= rowCount else { throw reader.corrupt("\(count) deletes in a segment of \(rowCount) rows") }
            let rows = try IntegerEncoding.decode(from: &reader, count: count).map { Int($0) }
            guard reader.remaining == 0 else { throw reader.corrupt("\(reader.remaining) unexpected bytes after the rows") }
            var previous = -1
            for row in rows {
                guard row > previous, row < rowCount else { throw reader.corrupt("row \(row) out of order or range") }
                previous = row
            }
            return rows
        }
    }
}
