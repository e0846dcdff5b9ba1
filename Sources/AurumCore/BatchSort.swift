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
    public static func order(_ batch: Batch, keys: [Key]) -> [Int] {
        let prepared = keys.map { key -> (column: Column, ranks: [Int], key: Key) in
            let column = batch.columns[key.column]
            if case .string(let strings) = column { return (column, strings.byteOrderRanks, key) }
            return (column, [], key)
        }
        var order = Array(0..<batch.rowCount)
        order.sort { left, right in
            for (column, ranks, key) in prepared {
                let leftNull = column.isNull(left)
                let rightNull = column.isNull(right)
                if leftNull || rightNull {
                    if leftNull == rightNull { continue }
                    return leftNull == key.nullsFirst
                }
                let comparison: Int
                switch column {
                case .int64(let c): comparison = three(c.values[left], c.values[right])
                case .double(let c): comparison = three(c.values[left], c.values[right])
                case .date(let c): comparison = three(c.values[left], c.values[right])
                case .bool(let c): comparison = three(c.values[left], c.values[right])
                case .string(let c): comparison = three(ranks[Int(c.codes[left])], ranks[Int(c.codes[right])])
                }
                if comparison != 0 { return key.descending ? comparison > 0 : comparison < 0 }
            }
            return left < right
        }
        return order
    }

    /// The row order that sorts `batch` ascending, NULLs last, by the columns named.
    public static func order(_ batch: Batch, by columns: [String]) -> [Int] {
        order(batch, keys: columns.compactMap { batch.schema.index(of: $0) }.map { Key(column: $0) })
    }

    /// `batch` sorted ascending, NULLs last, by the columns named.
    public static func sorted(_ batch: Batch, by columns: [String]) -> Batch {
        batch.gather(order(batch, by: columns))
    }

    private static func three<T: Comparable>(_ left: T, _ right: T) -> Int { left < right ? -1 : (left > right ? 1 : 0) }
}

extension StringColumn {
    /// For each dictionary code, the rank of its text in UTF-8 byte order (equal text, equal rank).
    public var byteOrderRanks: [Int] {
        let sorted = dictionary.indices.sorted { dictionary[$0].utf8.lexicographicallyPrecedes(dictionary[$1].utf8) }
        var ranks = [Int](repeating: 0, count: dictionary.count)
        var rank = 0
        for (position, code) in sorted.enumerated() {
            if position > 0 && !dictionary[sorted[position - 1]].utf8.elementsEqual(dictionary[code].utf8) { rank += 1 }
            ranks[code] = rank
        }
        return ranks
    }
}
