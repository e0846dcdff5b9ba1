import AurumCore

/// One column of one row group, gathered from the batches that make up the row group, as
/// ``ParquetColumnChunkEncoder`` encodes it: definition levels per row, the non-NULL values in order, their
/// PLAIN encoding, a dictionary when one fits, and statistics.
protocol ParquetColumnValues {
    /// Rows in the chunk, NULLs included.
    var rowCount: Int { get }
    /// One definition level per row (1: a value, 0: NULL) for an OPTIONAL column; nil for a REQUIRED one.
    var levels: [UInt32]? { get }
    /// Non-NULL values in the chunk.
    var valueCount: Int { get }
    /// Bits value `index` takes when PLAIN-encoded (a page is cut when its values reach the page size).
    func plainBits(_ index: Int) -> Int
    /// Appends `values` PLAIN-encoded, as one page holds them.
    func appendPlain(_ values: Range<Int>, to output: inout [UInt8])
    /// The chunk's dictionary and each value's index in it, or nil when the dictionary's PLAIN bytes would pass
    /// `limitBytes` (the chunk is then written PLAIN) or the type is not dictionary-encoded.
    func dictionary(limitBytes: Int) -> ParquetDictionary?
    /// NULL count, least and greatest value; min and max are left out when longer than `limitBytes`.
    func statistics(limitBytes: Int) -> ParquetStatistics
}

/// A column chunk's dictionary: its entries PLAIN-encoded (the dictionary page's content) and, for every
/// non-NULL value in order, its entry's index.
struct ParquetDictionary {
    var entryCount: Int
    var plain: [UInt8]
    var indices: [UInt32]
}

/// Gathers column `index` of `batches` (all of schema `schema`) into the values of one column chunk.
///
/// - Throws: ``StorageError/parquet(reason:)`` when a column the schema calls not nullable holds NULL: it
///   would be written REQUIRED, and no Parquet value can say NULL there.
func parquetColumnValues(_ batches: [Batch], column index: Int, schema: Schema) throws -> any ParquetColumnValues {
    let field = schema.fields[index]
    let columns = batches.map { $0.columns[index] }
    let nullCount = columns.reduce(0) { $0 + $1.nullCount }
    if !field.nullable && nullCount > 0 {
        throw StorageError.parquet(reason: "column '\(field.name)' is not nullable but holds \(nullCount) NULL values")
    }
    var levels: [UInt32]?
    if field.nullable {
        var all: [UInt32] = []
        all.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for column in columns {
            if let validity = column.validity {
                all.append(contentsOf: validity.lazy.map { UInt32($0) })
            } else {
                all.append(contentsOf: repeatElement(1, count: column.count))
            }
        }
        levels = all
    }
    func primitives<T>(_ extract: (Column) -> PrimitiveColumn<T>?) -> [PrimitiveColumn<T>] {
        columns.map { column in
            guard let typed = extract(column) else { preconditionFailure("a batch column differs from its schema's type") }
            return typed
        }
    }
    switch field.type {
    case .int64:
        return ParquetFixedWidthValues(primitives { if case .int64(let c) = $0 { c } else { nil } }, levels: levels, nullCount: nullCount)
    case .double:
        return ParquetFixedWidthValues(primitives { if case .double(let c) = $0 { c } else { nil } }, levels: levels, nullCount: nullCount)
    case .date:
        return ParquetFixedWidthValues(primitives { if case .date(let c) = $0 { c } else { nil } }, levels: levels, nullCount: nullCount)
    case .bool:
        return ParquetBooleanValues(primitives { if case .bool(let c) = $0 { c } else { nil } }, levels: levels, nullCount: nullCount)
    case .string:
        let strings = columns.map { column in
            guard case .string(let typed) = column else { preconditionFailure("a batch column differs from its schema's type") }
            return typed
        }
        return ParquetTextValues(strings, levels: levels, nullCount: nullCount)
    }
}

/// The non-NULL values of `columns`, in order, in one array.
func nonNullValues<T>(_ columns: [PrimitiveColumn<T>], count: Int) -> [T] {
    var values: [T] = []
    values.reserveCapacity(count)
    for column in columns {
        if let validity = column.validity {
            for row in 0..<column.count where validity[row] != 0 { values.append(column.values[row]) }
        } else {
            values.append(contentsOf: column.values)
        }
    }
    return values
}
