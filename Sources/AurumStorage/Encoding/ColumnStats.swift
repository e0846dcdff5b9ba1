import AurumCore

/// A block's zone map: its min and max non-NULL values and how many rows are NULL.
///
/// Pruning reads these from the segment footer without touching the block. `min`/`max` are `.null` when every
/// row is NULL, and for text longer than ``ColumnStats/maximumTextBytes`` (then the block cannot be pruned on
/// that column).
public struct ColumnStats: Sendable, Equatable {
    public var min: Value
    public var max: Value
    public var nullCount: Int

    /// Longer min/max text is not kept in the footer.
    public static let maximumTextBytes = 256

    public init(min: Value, max: Value, nullCount: Int) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
    }

    /// The zone map of `column`; text bounds longer than `textBytesLimit` are not kept (the footer's limit,
    /// unless a caller that keeps the stats in memory only asks for more).
    public init(of column: Column, textBytesLimit: Int = Self.maximumTextBytes) {
        nullCount = column.nullCount
        min = .null
        max = .null
        switch column {
        case .int64(let values): (min, max) = Self.bounds(values) { .int64($0) }
        case .double(let values): (min, max) = Self.bounds(values) { .double($0) }
        case .date(let values): (min, max) = Self.bounds(values) { .date(Date32(days: $0)) }
        case .bool(let values): (min, max) = Self.bounds(values) { .bool($0 != 0) }
        case .string(let strings):
            var used = [Bool](repeating: false, count: strings.dictionary.count)
            for row in 0..<strings.count where !strings.isNull(row) { used[Int(strings.codes[row])] = true }
            var low: String?
            var high: String?
            for (code, entry) in strings.dictionary.enumerated() where used[code] {
                if low.map({ ExactText.bytesPrecede(entry, $0) }) ?? true { low = entry }
                if high.map({ ExactText.bytesPrecede($0, entry) }) ?? true { high = entry }
            }
            self = ColumnStats(text: low, high, nullCount: nullCount, textBytesLimit: textBytesLimit)
        }
    }

    /// The zone map of a text column whose first and last texts in byte order (``ExactText/bytesPrecede(_:_:)``)
    /// are `low` and `high` (nil when every row is NULL): what ``DictionaryEncoding/encode(_:into:)`` finds as
    /// it sorts the dictionary, so a writer need not compare the texts again.
    public init(text low: String?, _ high: String?, nullCount: Int, textBytesLimit: Int = Self.maximumTextBytes) {
        self.nullCount = nullCount
        if let low, let high, low.utf8.count <= textBytesLimit, high.utf8.count <= textBytesLimit {
            min = .string(low)
            max = .string(high)
        } else {
            min = .null
            max = .null
        }
    }

    private static func bounds<T: Comparable & BitwiseCopyable>(
        _ column: PrimitiveColumn<T>, _ wrap: (T) -> Value
    ) -> (Value, Value) {
        var low: T?
        var high: T?
        for row in 0..<column.count where !column.isNull(row) {
            let value = column.values[row]
            if let current = low, !(value < current) {} else { low = value }
            if let current = high, !(value > current) {} else { high = value }
        }
        guard let low, let high else { return (.null, .null) }
        return (wrap(low), wrap(high))
    }
}
