import AurumCore

/// Judges whether two query results hold the same answer, for the evaluation.
///
/// Results are compared as multisets of rows, or as sequences when the expected query fixes the order (ORDER BY
/// with LIMIT, where the order decides which rows are kept). Column names are ignored, and so is column order
/// (it is presentation: "by source and month" may list the month first): the produced columns are matched to
/// the expected ones by their values. BIGINT and DOUBLE cells compare as numbers, equal within a relative
/// tolerance (sums can be added in a different order); text, dates and booleans compare exactly; NULL equals
/// NULL.
enum ResultComparison {
    static let relativeTolerance = 1e-9

    /// Nil when `produced` answers like `expected`; otherwise why not, in a few words.
    static func difference(expected: Batch, produced: Batch, ordered: Bool) -> String? {
        guard expected.columns.count == produced.columns.count else {
            return "expected \(expected.columns.count) column\(plural(expected.columns.count)), produced \(produced.columns.count)"
        }
        guard expected.rowCount == produced.rowCount else {
            return "expected \(expected.rowCount) row\(plural(expected.rowCount)), produced \(produced.rowCount)"
        }
        let expectedRows = rows(expected)
        let producedRows = rows(produced)
        let identity = Array(expected.columns.indices)
        let firstDifference = difference(expectedRows, producedRows, ordered: ordered)
        guard firstDifference != nil else { return nil }
        for order in columnOrders(expected: expected, produced: produced) where order != identity {
            if difference(expectedRows, producedRows.map { row in order.map { row[$0] } }, ordered: ordered) == nil { return nil }
        }
        return firstDifference
    }

    /// Orders of the produced columns (produced index for each expected column) whose columns hold the same
    /// values as the expected ones, ignoring rows; at most a few dozen are tried.
    static func columnOrders(expected: Batch, produced: Batch) -> [[Int]] {
        let expectedValues = expected.columns.map { column in sortedValues(column) }
        let producedValues = produced.columns.map { column in sortedValues(column) }
        let candidates = expectedValues.map { wanted in
            producedValues.indices.filter { index in
                wanted.count == producedValues[index].count && zip(wanted, producedValues[index]).allSatisfy { same($0, $1) }
            }
        }
        var orders: [[Int]] = []
        func extend(_ order: [Int]) {
            guard orders.count < 64 else { return }
            if order.count == candidates.count {
                orders.append(order)
                return
            }
            for candidate in candidates[order.count] where !order.contains(candidate) { extend(order + [candidate]) }
        }
        extend([])
        return orders
    }

    /// A column's values in a canonical order (NULLs, numbers, text, dates, booleans).
    private static func sortedValues(_ column: Column) -> [Value] {
        func rank(_ value: Value) -> Int {
            switch value {
            case .null: 0
            case .int64, .double: 1
            case .string: 2
            case .date: 3
            case .bool: 4
            }
        }
        return (0..<column.count).map { column.value(at: $0) }.sorted { left, right in
            if rank(left) != rank(right) { return rank(left) < rank(right) }
            switch (left, right) {
            case (.string(let a), .string(let b)): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            case (.date(let a), .date(let b)): return a < b
            case (.bool(let a), .bool(let b)): return !a && b
            default: return (number(left) ?? 0) < (number(right) ?? 0)
            }
        }
    }

    private static func difference(_ expectedRows: [[Value]], _ producedRows: [[Value]], ordered: Bool) -> String? {
        if ordered {
            for (index, (wanted, got)) in zip(expectedRows, producedRows).enumerated() where !same(wanted, got) {
                return "row \(index + 1) differs: expected \(render(wanted)), produced \(render(got))"
            }
            return nil
        }
        // Rows with the same non-numeric cells go in one bucket; numbers are matched within the bucket.
        var buckets: [[Value]: [Int]] = [:]
        for (index, row) in producedRows.enumerated() { buckets[exactKey(row), default: []].append(index) }
        for row in expectedRows {
            let key = exactKey(row)
            guard let candidates = buckets[key], let found = candidates.firstIndex(where: { same(row, producedRows[$0]) }) else {
                return "expected row \(render(row)) is missing from the produced result"
            }
            buckets[key]?.remove(at: found)
        }
        return nil
    }

    static func rows(_ batch: Batch) -> [[Value]] {
        (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } }
    }

    static func same(_ left: [Value], _ right: [Value]) -> Bool {
        zip(left, right).allSatisfy { same($0, $1) }
    }

    static func same(_ left: Value, _ right: Value) -> Bool {
        if let a = number(left), let b = number(right) {
            if a == b { return true }
            return abs(a - b) <= relativeTolerance * max(abs(a), abs(b))
        }
        return left == right
    }

    private static func number(_ value: Value) -> Double? {
        switch value {
        case .int64(let integer): Double(integer)
        case .double(let double): double
        default: nil
        }
    }

    /// The row with every number replaced by NULL: rows that can only match within a tolerance share a key.
    private static func exactKey(_ row: [Value]) -> [Value] {
        row.map { number($0) == nil ? $0 : .null }
    }

    static func render(_ row: [Value]) -> String {
        "(" + row.map { value in
            if case .string(let text) = value { return "'\(text)'" }
            return value.description
        }.joined(separator: ", ") + ")"
    }

    private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}
