import AurumCore

/// A BOOLEAN column: PLAIN packs one bit a value, least significant bit first, each page padded to a whole
/// byte. Never dictionary-encoded (an index would be no smaller than the bit).
struct ParquetBooleanValues: ParquetColumnValues {
    let rowCount: Int
    let levels: [UInt32]?
    let values: [UInt8]
    let nullCount: Int

    init(_ columns: [PrimitiveColumn<UInt8>], levels: [UInt32]?, nullCount: Int) {
        rowCount = columns.reduce(0) { $0 + $1.count }
        self.levels = levels
        self.nullCount = nullCount
        values = nonNullValues(columns, count: rowCount - nullCount)
    }

    var valueCount: Int { values.count }

    func plainBits(_ index: Int) -> Int { 1 }

    func appendPlain(_ range: Range<Int>, to output: inout [UInt8]) {
        var writer = ByteWriter(capacity: (range.count + 7) / 8)
        values[range].map { UInt64($0 != 0 ? 1 : 0) }.withUnsafeBufferPointer { BitPacking.pack($0, width: 1, into: &writer) }
        output.append(contentsOf: writer.bytes)
    }

    func dictionary(limitBytes: Int) -> ParquetDictionary? { nil }

    func statistics(limitBytes: Int) -> ParquetStatistics {
        guard !values.isEmpty else { return ParquetStatistics(nullCount: Int64(nullCount), minValue: nil, maxValue: nil) }
        let anyTrue = values.contains { $0 != 0 }
        let anyFalse = values.contains { $0 == 0 }
        // false < true; PLAIN-encoded alone, a boolean is one byte.
        return ParquetStatistics(nullCount: Int64(nullCount), minValue: [anyFalse ? 0 : 1], maxValue: [anyTrue ? 1 : 0])
    }
}
