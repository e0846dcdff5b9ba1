import AurumCore

/// A BOOLEAN column: PLAIN packs one bit a value, least significant bit first, each page padded to a whole
/// byte. Never dictionary-encoded (an index would be no smaller than the bit). Statistics are the stored
/// bytes' (0 = false, 1 = true), which is how Parquet writes a boolean bound.
struct ParquetBooleanValues: ParquetColumnValues {
    /// The values as bytes, as Aurum holds them.
    let bytes: ParquetFixedWidthValues<UInt8>

    init(_ columns: [PrimitiveColumn<UInt8>], levels: [UInt32]?, nullCount: Int) {
        bytes = ParquetFixedWidthValues(columns, levels: levels, nullCount: nullCount)
    }

    var rowCount: Int { bytes.rowCount }
    var levels: [UInt32]? { bytes.levels }
    var valueCount: Int { bytes.valueCount }

    func plainBits(_ index: Int) -> Int { 1 }

    func appendPlain(_ range: Range<Int>, to output: inout [UInt8]) {
        var writer = ByteWriter(capacity: (range.count + 7) / 8)
        bytes.values[range].map { UInt64($0 != 0 ? 1 : 0) }.withUnsafeBufferPointer { BitPacking.pack($0, width: 1, into: &writer) }
        output.append(contentsOf: writer.bytes)
    }

    func dictionary(limitBytes: Int) -> ParquetDictionary? { nil }

    func statistics(limitBytes: Int) -> ParquetStatistics { bytes.statistics(limitBytes: limitBytes) }
}
