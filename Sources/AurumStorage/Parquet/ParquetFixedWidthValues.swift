import AurumCore

/// A fixed-width value as Parquet writes it PLAIN (its little-endian bytes), with the key it is
/// dictionary-encoded by and the order its statistics follow.
protocol ParquetFixedWidth: BitwiseCopyable, Sendable {
    associatedtype DictionaryKey: Hashable
    /// Equal keys are one dictionary entry: for doubles the bit pattern, so -0.0 and 0.0 (and NaN payloads)
    /// stay as they were.
    var dictionaryKey: DictionaryKey { get }
    /// The least and greatest of `values` in the Parquet type's order, as they go into statistics; nil when
    /// none is ordered (none at all, or only NaN).
    static func bounds(_ values: [Self]) -> (min: Self, max: Self)?
}

extension ParquetFixedWidth where Self: Comparable {
    static func bounds(_ values: [Self]) -> (min: Self, max: Self)? {
        guard var low = values.first else { return nil }
        var high = low
        for value in values {
            if value < low { low = value }
            if value > high { high = value }
        }
        return (low, high)
    }
}

extension Int64: ParquetFixedWidth {
    var dictionaryKey: Int64 { self }
}

extension Int32: ParquetFixedWidth {
    var dictionaryKey: Int32 { self }
}

/// Booleans as Aurum stores them (``ParquetBooleanValues``).
extension UInt8: ParquetFixedWidth {
    var dictionaryKey: UInt8 { self }
}

extension Double: ParquetFixedWidth {
    var dictionaryKey: UInt64 { bitPattern }

    /// NaN is left out of min and max, and a zero bound is written -0.0 as min and +0.0 as max, as the
    /// format asks (readers may not know which zero the other bound stands for).
    static func bounds(_ values: [Double]) -> (min: Double, max: Double)? {
        var low = Double.infinity
        var high = -Double.infinity
        var any = false
        for value in values where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            any = true
        }
        guard any else { return nil }
        return (low == 0 ? -0.0 : low, high == 0 ? 0.0 : high)
    }
}

/// A column of INT64, DOUBLE or DATE (INT32) values: PLAIN is the values' bytes back to back.
struct ParquetFixedWidthValues<Element: ParquetFixedWidth>: ParquetColumnValues {
    let rowCount: Int
    let levels: [UInt32]?
    let values: [Element]
    let nullCount: Int

    init(_ columns: [PrimitiveColumn<Element>], levels: [UInt32]?, nullCount: Int) {
        rowCount = columns.reduce(0) { $0 + $1.count }
        self.levels = levels
        self.nullCount = nullCount
        values = nonNullValues(columns, count: rowCount - nullCount)
    }

    var valueCount: Int { values.count }

    func plainBits(_ index: Int) -> Int { MemoryLayout<Element>.size * 8 }

    func appendPlain(_ range: Range<Int>, to output: inout [UInt8]) {
        // Parquet is little-endian, as every platform Aurum builds for.
        values[range].withUnsafeBytes { output.append(contentsOf: $0) }
    }

    func dictionary(limitBytes: Int) -> ParquetDictionary? {
        var entries: [Element.DictionaryKey: UInt32] = [:]
        var plain: [UInt8] = []
        let limitEntries = limitBytes / MemoryLayout<Element>.size
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        for var value in values {
            let key = value.dictionaryKey
            if let index = entries[key] {
                indices.append(index)
                continue
            }
            guard entries.count < limitEntries else { return nil }
            let index = UInt32(entries.count)
            entries[key] = index
            withUnsafeBytes(of: &value) { plain.append(contentsOf: $0) }
            indices.append(index)
        }
        return ParquetDictionary(entryCount: entries.count, plain: plain, indices: indices)
    }

    func statistics(limitBytes: Int) -> ParquetStatistics {
        guard var (low, high) = Element.bounds(values) else {
            return ParquetStatistics(nullCount: Int64(nullCount), minValue: nil, maxValue: nil)
        }
        return ParquetStatistics(
            nullCount: Int64(nullCount), minValue: withUnsafeBytes(of: &low) { Array($0) }, maxValue: withUnsafeBytes(of: &high) { Array($0) })
    }
}
