/// Sorting the rows of a batch by some of its columns, each ascending or descending with NULLs first or last;
/// text by UTF-8 bytes (as DuckDB and BigQuery compare strings, and as the contract compares ids).
public enum BatchSort {
    /// One sort key: a column, its direction and where its NULLs go.
    public struct Key: Sendable {
        public var column: Int
        public var descending: Bool
        /// DuckDB's default is false: NULLs last whatever the direction.
        public var nullsFirst: Bool

        public init(column: Int, descending: Bool = false, nullsFirst: Bool = false) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst
        }
    }

    /// The row order that sorts `batch` by `keys`; stable, so rows equal on every key keep their input order.
    ///
    /// Each key is first turned into one `UInt64` per row whose unsigned order is the key's order, direction
    /// included, and a NULL rank; the comparisons then read flat arrays (no enum switch, no reference counting).
    public static func order(_ batch: Batch, keys: [Key]) -> [Int] {
        let normalized = keys.map { normalize(batch.columns[$0.column], $0) }
        var order = Array(0..<batch.rowCount)
        withNormalized(normalized[...]) { keys in
            order.withUnsafeMutableBufferPointer { order in
                // Ties broken by row number: a total order, so the (unstable) sort gives the stable result.
                order.sort { left, right in
                    for key in keys {
                        if let nulls = key.nulls, nulls[left] != nulls[right] { return nulls[left] < nulls[right] }
                        if key.values[left] != key.values[right] { return key.values[left] < key.values[right] }
                    }
                    return left < right
                }
            }
        }
        return order
    }

    /// One key's rows as order-preserving integers, and (when the column has NULLs) each row's NULL rank, compared
    /// first: 0 sorts before 1.
    private struct NormalizedKey {
        var values: [UInt64]
        var nulls: [UInt8]?
    }

    private struct NormalizedBuffers {
        var values: UnsafeBufferPointer<UInt64>
        var nulls: UnsafeBufferPointer<UInt8>?
    }

    /// `body` with raw buffers over every key's arrays.
    private static func withNormalized<Result>(
        _ keys: ArraySlice<NormalizedKey>, _ buffers: [NormalizedBuffers] = [], _ body: ([NormalizedBuffers]) -> Result
    ) -> Result {
        guard let first = keys.first else { return body(buffers) }
        return first.values.withUnsafeBufferPointer { values in
            func next(_ nulls: UnsafeBufferPointer<UInt8>?) -> Result {
                withNormalized(keys.dropFirst(), buffers + [NormalizedBuffers(values: values, nulls: nulls)], body)
            }
            guard let nulls = first.nulls else { return next(nil) }
            return nulls.withUnsafeBufferPointer { next($0) }
        }
    }

    private static func normalize(_ column: Column, _ key: Key) -> NormalizedKey {
        let flip: UInt64 = key.descending ? .max : 0
        let signBit: UInt64 = 1 << 63
        var values: [UInt64]
        switch column {
        case .int64(let c): values = c.values.map { UInt64(bitPattern: $0) ^ signBit ^ flip }
        case .date(let c): values = c.values.map { UInt64(bitPattern: Int64($0)) ^ signBit ^ flip }
        case .bool(let c): values = c.values.map { UInt64($0) ^ flip }
        case .double(let c): values = c.values.map { orderedBits($0) ^ flip }
        case .string(let c):
            let ranks = c.byteOrderRanks
            // (A NULL row's code may point nowhere: an all-NULL column has an empty dictionary.)
            values = c.codes.map { Int($0) < ranks.count ? UInt64(ranks[Int($0)]) ^ flip : 0 }
        }
        guard let validity = column.validity, validity.contains(0) else { return NormalizedKey(values: values, nulls: nil) }
        for row in values.indices where validity[row] == 0 { values[row] = 0 }
        let nullRank: UInt8 = key.nullsFirst ? 0 : 1
        return NormalizedKey(values: values, nulls: validity.map { $0 == 0 ? nullRank : 1 - nullRank })
    }

    /// A double's bits arranged so that unsigned order is DuckDB's order: -inf … -0.0 = 0.0 … +inf, then NaN.
    private static func orderedBits(_ value: Double) -> UInt64 {
        let canonical = value.isNaN ? Double.nan : (value == 0 ? 0.0 : value)
        let bits = canonical.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The row order that sorts `batch` ascending, NULLs last, by the columns named.
    public static func order(_ batch: Batch, by columns: [String]) -> [Int] {
        order(batch, keys: columns.compactMap { batch.schema.index(of: $0) }.map { Key(column: $0) })
    }

    /// `batch` sorted ascending, NULLs last, by the columns named.
    public static func sorted(_ batch: Batch, by columns: [String]) -> Batch {
        batch.gather(order(batch, by: columns))
    }
}

extension StringColumn {
    /// For each dictionary code, the rank of its text in UTF-8 byte order (equal text, equal rank).
    public var byteOrderRanks: [Int] {
        let sorted = dictionary.indices.sorted { ExactText.bytesPrecede(dictionary[$0], dictionary[$1]) }
        var ranks = [Int](repeating: 0, count: dictionary.count)
        var rank = 0
        for (position, code) in sorted.enumerated() {
            if position > 0 && !dictionary[sorted[position - 1]].utf8.elementsEqual(dictionary[code].utf8) { rank += 1 }
            ranks[code] = rank
        }
        return ranks
    }
}
