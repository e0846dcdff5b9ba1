import AurumCore

/// Where one block (one column of one row group) lives in a segment file, and its zone map.
public struct BlockInfo: Sendable, Equatable {
    /// Byte offset of the block's zstd frame from the start of the file.
    public var offset: UInt64
    /// Bytes of the zstd frame on disk.
    public var storedBytes: UInt32
    /// Bytes of the payload once decompressed.
    public var rawBytes: UInt32
    /// XXH64 of the stored (compressed) bytes.
    public var checksum: UInt64
    /// The block's zone map.
    public var stats: ColumnStats
    /// For a DOUBLE block stored as decimal-scaled integers, their exact sum over the rows that are not NULL
    /// (``ColumnBlockCodec/decimalSum(_:rowCount:excluding:scratch:file:location:)`` with nothing excluded), so
    /// that a whole-table `sum` reads no block; nil when the block stores plain doubles, its sum does not fit
    /// Int64, the column is not DOUBLE, or the segment is of version 1 (whose footer has no sums).
    public var decimalSum: DecimalBlockSum?

    public init(offset: UInt64, storedBytes: UInt32, rawBytes: UInt32, checksum: UInt64, stats: ColumnStats, decimalSum: DecimalBlockSum? = nil) {
        self.offset = offset
        self.storedBytes = storedBytes
        self.rawBytes = rawBytes
        self.checksum = checksum
        self.stats = stats
        self.decimalSum = decimalSum
    }
}

/// One horizontal slice of a segment: `rowCount` rows, one block per column.
public struct RowGroupInfo: Sendable, Equatable {
    public var rowCount: Int
    public var blocks: [BlockInfo]
}

/// The directory at the end of a segment file: schema, row groups, blocks and their zone maps.
///
/// Byte layout in docs/segment-format.md. The footer is written last and carries its own XXH64, so a segment
/// whose write was cut short has no valid footer and is never read.
public struct SegmentFooter: Sendable, Equatable {
    public var schema: Schema
    public var rowGroups: [RowGroupInfo]
    /// The format version the footer was read in (``formatVersion`` for one being written). Version 1 footers
    /// carry no ``BlockInfo/decimalSum``.
    public var version: UInt16

    public init(schema: Schema, rowGroups: [RowGroupInfo], version: UInt16 = Self.formatVersion) {
        self.schema = schema
        self.rowGroups = rowGroups
        self.version = version
    }

    /// Whether a DOUBLE block without a ``BlockInfo/decimalSum`` is known to have none (version 2 on): its
    /// values cannot be added from stored integers, so there is no need to read it to find out.
    public var recordsDecimalSums: Bool { version >= 2 }

    public var rowCount: Int { rowGroups.reduce(0) { $0 + $1.rowCount } }

    public static let headerMagic: [UInt8] = Array("AURUMSEG".utf8)
    public static let trailerMagic: [UInt8] = Array("AURUMEND".utf8)
    /// The version written: 2 since DOUBLE blocks carry their decimal sums (``BlockInfo/decimalSum``); version 1
    /// is still read.
    public static let formatVersion: UInt16 = 2
    /// The oldest version read.
    public static let oldestReadVersion: UInt16 = 1
    /// Header: magic (8), UInt16 version, UInt16 0, UInt32 0.
    public static let headerBytes = 16
    /// Trailer: UInt64 footer XXH64, UInt32 footer length, UInt32 0, magic (8).
    public static let trailerBytes = 24

    /// The footer's bytes, in ``formatVersion``'s layout.
    public func serialized() -> [UInt8] {
        precondition(version == Self.formatVersion, "only the current version is written")
        var writer = ByteWriter()
        writer.append(UInt32(schema.count))
        for field in schema.fields {
            writer.append(string: field.name)
            writer.append(field.type.rawValue)
            writer.append(UInt8(field.nullable ? 1 : 0))
        }
        writer.append(UInt32(rowGroups.count))
        for group in rowGroups {
            writer.append(UInt32(group.rowCount))
            for (field, block) in zip(schema.fields, group.blocks) {
                writer.append(block.offset)
                writer.append(block.storedBytes)
                writer.append(block.rawBytes)
                writer.append(block.checksum)
                writer.append(UInt32(block.stats.nullCount))
                if block.stats.min.isNull || block.stats.max.isNull {
                    writer.append(UInt8(0))
                } else {
                    writer.append(UInt8(1))
                    Self.append(block.stats.min, type: field.type, to: &writer)
                    Self.append(block.stats.max, type: field.type, to: &writer)
                }
                if field.type == .double {
                    if let sum = block.decimalSum {
                        precondition(sum.count == group.rowCount - block.stats.nullCount && sum.rowCount == group.rowCount)
                        writer.append(UInt8(1))
                        writer.append(UInt8(sum.scale))
                        writer.append(sum.integerSum)
                        writer.append(sum.integerMagnitudeBound)
                    } else {
                        writer.append(UInt8(0))
                    }
                }
            }
        }
        return writer.bytes
    }

    /// Parses a footer of format `version` (``oldestReadVersion`` … ``formatVersion``).
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String, version: UInt16 = formatVersion) throws -> SegmentFooter {
        precondition((oldestReadVersion...formatVersion).contains(version))
        var reader = ByteReader(bytes, file: file, location: "footer")
        let columnCount = try reader.readCount(minimumItemBytes: 6)
        var fields: [Field] = []
        for _ in 0..<columnCount {
            let name = try reader.readString()
            let typeByte: UInt8 = try reader.read()
            guard let type = DataType(rawValue: typeByte) else { throw reader.corrupt("unknown column type \(typeByte)") }
            let nullable: UInt8 = try reader.read()
            fields.append(Field(name, type, nullable: nullable != 0))
        }
        let groupCount = try reader.readCount(minimumItemBytes: 4)
        var groups: [RowGroupInfo] = []
        for _ in 0..<groupCount {
            let rowCount = Int(try reader.read(UInt32.self))
            var blocks: [BlockInfo] = []
            for field in fields {
                let offset: UInt64 = try reader.read()
                let storedBytes: UInt32 = try reader.read()
                let rawBytes: UInt32 = try reader.read()
                let checksum: UInt64 = try reader.read()
                let nullCount = Int(try reader.read(UInt32.self))
                let hasBounds: UInt8 = try reader.read()
                var stats = ColumnStats(min: .null, max: .null, nullCount: nullCount)
                if hasBounds == 1 {
                    stats.min = try readValue(type: field.type, from: &reader)
                    stats.max = try readValue(type: field.type, from: &reader)
                } else if hasBounds != 0 {
                    throw reader.corrupt("bounds flag \(hasBounds)")
                }
                var decimalSum: DecimalBlockSum?
                if version >= 2, field.type == .double {
                    decimalSum = try readDecimalSum(from: &reader, rowCount: rowCount, nullCount: nullCount)
                }
                blocks.append(
                    BlockInfo(
                        offset: offset, storedBytes: storedBytes, rawBytes: rawBytes, checksum: checksum, stats: stats,
                        decimalSum: decimalSum))
            }
            groups.append(RowGroupInfo(rowCount: rowCount, blocks: blocks))
        }
        guard reader.remaining == 0 else { throw reader.corrupt("\(reader.remaining) unexpected bytes after the footer") }
        return SegmentFooter(schema: Schema(fields), rowGroups: groups, version: version)
    }

    /// A DOUBLE block's decimal sum (version 2): a flag, then the scale, the integers' sum and their magnitude
    /// bound.
    private static func readDecimalSum(from reader: inout ByteReader, rowCount: Int, nullCount: Int) throws -> DecimalBlockSum? {
        let hasSum: UInt8 = try reader.read()
        switch hasSum {
        case 0: return nil
        case 1: break
        default: throw reader.corrupt("decimal sum flag \(hasSum)")
        }
        let scale = Int(try reader.read(UInt8.self))
        guard scale <= DoubleEncoding.maximumScale else { throw reader.corrupt("decimal scale \(scale) > \(DoubleEncoding.maximumScale)") }
        let integerSum: Int64 = try reader.read()
        let bound: UInt64 = try reader.read()
        guard nullCount <= rowCount else { throw reader.corrupt("\(nullCount) NULLs in a row group of \(rowCount) rows") }
        return DecimalBlockSum(
            scale: scale, integerSum: integerSum, count: rowCount - nullCount, rowCount: rowCount, integerMagnitudeBound: bound)
    }

    private static func append(_ value: Value, type: DataType, to writer: inout ByteWriter) {
        switch value {
        case .int64(let number): writer.append(number)
        case .double(let number): writer.append(number)
        case .date(let date): writer.append(Int64(date.days))
        case .bool(let flag): writer.append(Int64(flag ? 1 : 0))
        case .string(let text): writer.append(string: text)
        case .null: preconditionFailure("NULL bounds are flagged, not written")
        }
    }

    private static func readValue(type: DataType, from reader: inout ByteReader) throws -> Value {
        switch type {
        case .int64: return .int64(try reader.read())
        case .double: return .double(try reader.readDouble())
        case .date:
            let days: Int64 = try reader.read()
            guard let narrow = Int32(exactly: days) else { throw reader.corrupt("date bound out of range") }
            return .date(Date32(days: narrow))
        case .bool: return .bool(try reader.read(Int64.self) != 0)
        case .string: return .string(try reader.readString())
        }
    }
}
