/// parquet.thrift `Statistics` of a column chunk: NULL count and the least and greatest value, PLAIN-encoded
/// (integers and doubles little-endian, text as its bytes without a length), in the column's type order
/// (signed for integers and dates, IEEE for doubles, unsigned byte-wise for text).
///
/// Only the `min_value`/`max_value` fields (5, 6) are written: the older `min`/`max` (1, 2) had an undefined
/// order for text, and readers ignore them when the new ones are present.
struct ParquetStatistics: Sendable, Equatable {
    /// NULL rows in the chunk.
    var nullCount: Int64
    /// The least non-NULL value, PLAIN-encoded; nil when the chunk has none (all NULL) or it is too long to keep.
    var minValue: [UInt8]?
    /// The greatest non-NULL value, PLAIN-encoded; nil as for ``minValue``.
    var maxValue: [UInt8]?

    init(nullCount: Int64, minValue: [UInt8]?, maxValue: [UInt8]?) {
        self.nullCount = nullCount
        self.minValue = minValue
        self.maxValue = maxValue
    }

    /// Writes the struct's fields (the caller opens and closes the struct).
    func write(into writer: inout ThriftCompactWriter) {
        writer.field(3, i64: nullCount)
        if let maxValue, let minValue {
            writer.field(5, binary: maxValue)
            writer.field(6, binary: minValue)
            writer.field(7, bool: true)
            writer.field(8, bool: true)
        }
    }
}
