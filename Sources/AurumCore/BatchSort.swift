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
    /// Each row's keys are first laid out as words, two per key: its NULL rank, then its value as an integer
    /// whose unsigned order is the key's order, direction included. Rows then compare as runs of words (no enum
    /// switch, no reference counting per comparison).
    public static func order(_ batch: Batch, keys: [Key]) -> [Int] {
        let width = 2 * keys.count
        var words = [UInt64](repeating: 0, count: batch.rowCount * width)
        for (position, key) in keys.enumerated() {
            lay(batch.columns[key.column], key, into: &words, width: width, at: 2 * position)
        }
        var order = Array(0..<batch.rowCount)
        words.withUnsafeBufferPointer { words in
            order.withUnsafeMutableBufferPointer { order in
                // Ties broken by row number: a total order, so the (unstable) sort gives the stable result.
                order.sort { left, right in
                    let (a, b) = (left * width, right * width)
                    for word in 0..<width where words[a + word] != words[b + word] { return words[a + word] < words[b + word] }
                    return left < right
                }
            }
        }
        return order
    }

    /// Writes key `key` of every row into `words` at word `offset` of each row: a NULL rank (NULLs before values,
    /// 0 < 1, or after them, 1 < 2) and the value's order-preserving integer (0 for NULL).
    private static func lay(_ column: Column, _ key: Key, into words: inout [UInt64], width: Int, at offset: Int) {
        let flip: UInt64 = key.descending ? .max : 0
        let signBit: UInt64 = 1 << 63
        let values: [UInt64]
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
        let validity = column.validity
        let nullRank: UInt64 = key.nullsFirst ? 0 : 2
        words.withUnsafeMutableBufferPointer { words in
            for row in values.indices {
                let isNull = validity.map { $0[row] == 0 } ?? false
                words[row * width + offset] = isNull ? nullRank : 1
                words[row * width + offset + 1] = isNull ? 0 : values[row]
            }
        }
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
