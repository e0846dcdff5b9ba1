/// Sorting the rows of a batch by some of its columns, ascending, NULLs last; text by UTF-8 bytes (as DuckDB
/// and BigQuery compare strings, and as the contract compares ids).
public enum BatchSort {
    /// The row order that sorts `batch` by `columns` (names); stable, so ties keep their input order.
    public static func order(_ batch: Batch, by columns: [String]) -> [Int] {
        let keys = columns.compactMap { batch.column(named: $0) }.map(SortKey.init)
        var order = Array(0..<batch.rowCount)
        order.sort { left, right in
            for key in keys {
                let comparison = key.compare(left, right)
                if comparison != 0 { return comparison < 0 }
            }
            return left < right
        }
        return order
    }

    /// `batch` sorted by `columns`.
    public static func sorted(_ batch: Batch, by columns: [String]) -> Batch {
        batch.gather(order(batch, by: columns))
    }

    /// One column prepared for comparisons: text is replaced by the rank of its dictionary entry.
    private struct SortKey {
        let column: Column
        let ranks: [Int]

        init(_ column: Column) {
            self.column = column
            if case .string(let strings) = column {
                let sortedCodes = strings.dictionary.indices.sorted {
                    strings.dictionary[$0].utf8.lexicographicallyPrecedes(strings.dictionary[$1].utf8)
                }
                var ranks = [Int](repeating: 0, count: strings.dictionary.count)
                for (rank, code) in sortedCodes.enumerated() { ranks[code] = rank }
                self.ranks = ranks
            } else {
                self.ranks = []
            }
        }

        func compare(_ left: Int, _ right: Int) -> Int {
            let leftNull = column.isNull(left)
            let rightNull = column.isNull(right)
            if leftNull || rightNull { return leftNull == rightNull ? 0 : (leftNull ? 1 : -1) }
            switch column {
            case .int64(let c): return Self.three(c.values[left], c.values[right])
            case .double(let c): return Self.three(c.values[left], c.values[right])
            case .date(let c): return Self.three(c.values[left], c.values[right])
            case .bool(let c): return Self.three(c.values[left], c.values[right])
            case .string(let c): return Self.three(ranks[Int(c.codes[left])], ranks[Int(c.codes[right])])
            }
        }

        static func three<T: Comparable>(_ left: T, _ right: T) -> Int { left < right ? -1 : (left > right ? 1 : 0) }
    }
}
