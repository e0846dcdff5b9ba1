import AurumCore

/// One ORDER BY key over a result batch.
struct SortKey {
    var column: Int
    var descending: Bool
    /// DuckDB's default: NULLs last whatever the direction.
    var nullsFirst: Bool
}

/// Sorting result rows by several keys, each ascending or descending with NULLs first or last; text by UTF-8
/// bytes. Stable, so rows equal on every key keep their order.
enum RowSorter {
    static func order(_ batch: Batch, by keys: [SortKey]) -> [Int] {
        let prepared = keys.map { key -> (Column, [Int], SortKey) in
            let column = batch.columns[key.column]
            if case .string(let strings) = column {
                let sorted = strings.dictionary.indices.sorted { strings.dictionary[$0].utf8.lexicographicallyPrecedes(strings.dictionary[$1].utf8) }
                var ranks = [Int](repeating: 0, count: strings.dictionary.count)
                var rank = 0
                for (position, code) in sorted.enumerated() {
                    if position > 0 && !strings.dictionary[sorted[position - 1]].utf8.elementsEqual(strings.dictionary[code].utf8) { rank += 1 }
                    ranks[code] = rank
                }
                return (column, ranks, key)
            }
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

    private static func three<T: Comparable>(_ left: T, _ right: T) -> Int { left < right ? -1 : (left > right ? 1 : 0) }
}
