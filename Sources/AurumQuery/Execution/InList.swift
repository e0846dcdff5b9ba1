import AurumCore

/// `value [NOT] IN (items)`: the constant items go into a hash set, looked up once per row (text: once per
/// dictionary entry), so a list of n items costs O(rows + n), not n passes over the rows. Items that are not
/// constants (a column, an expression) are compared row by row, as `=` would.
///
/// NULL follows SQL: a row that matches nothing is NULL when the value or some item is NULL, else false.
enum InList {
    static func evaluate(_ value: Column, constants: [Value], others: [Column], negated: Bool) throws(QueryError) -> Column {
        let count = value.count
        var matched = [UInt8](repeating: 0, count: count)
        let listHasNull = constants.contains(where: \.isNull)
        let present = constants.filter { !$0.isNull }
        if !present.isEmpty { member(value, of: present, into: &matched) }
        var unknown = [UInt8](repeating: listHasNull ? 1 : 0, count: count)
        for row in 0..<count where value.isNull(row) { unknown[row] = 1 }
        for item in others {
            let equal = try Comparison.evaluate(.equal, value, item).boolValues
            for row in 0..<count {
                if equal.isNull(row) { unknown[row] = 1 } else if equal.values[row] != 0 { matched[row] = 1 }
            }
        }
        var validity = [UInt8](repeating: 1, count: count)
        for row in 0..<count where matched[row] == 0 && unknown[row] != 0 { validity[row] = 0 }
        if negated { matched = matched.map { $0 == 0 ? 1 : 0 } }
        return booleanColumn(matched, validity)
    }

    /// Sets `matched[row]` for each non-NULL row whose value is one of `items` (all of the value's type, as
    /// the binder casts them).
    private static func member(_ value: Column, of items: [Value], into matched: inout [UInt8]) {
        func mark<Element: Hashable>(_ column: PrimitiveColumn<Element>, _ set: Set<Element>) {
            for row in 0..<column.count where !column.isNull(row) && set.contains(column.values[row]) { matched[row] = 1 }
        }
        switch value {
        case .int64(let column):
            mark(column, Set(items.compactMap { if case .int64(let v) = $0 { v } else { nil } }))
        case .double(let column):
            // Swift's Double hashing treats -0.0 as 0.0 and never finds NaN, as `=` compares.
            mark(column, Set(items.compactMap { if case .double(let v) = $0 { v } else { nil } }))
        case .date(let column):
            mark(column, Set(items.compactMap { if case .date(let v) = $0 { v.days } else { nil } }))
        case .bool(let column):
            mark(column, Set(items.compactMap { if case .bool(let v) = $0 { UInt8(v ? 1 : 0) } else { nil } }))
        case .string(let column):
            // Text is equal by its UTF-8 bytes (as `=`), not by Unicode equivalence as Swift's String is.
            let set = Set(items.compactMap { if case .string(let v) = $0 { Array(v.utf8) } else { nil } })
            let entryMatches = column.dictionary.map { set.contains(Array($0.utf8)) }
            for row in 0..<column.count where !column.isNull(row) {
                let code = Int(column.codes[row])
                if code < entryMatches.count && entryMatches[code] { matched[row] = 1 }
            }
        }
    }
}
