import AurumCore

/// `= <> < <= > >=` between two columns of one type; text compares by UTF-8 bytes.
enum Comparison {
    static func evaluate(_ op: BinaryOperator, _ left: Column, _ right: Column) throws(QueryError) -> Column {
        let count = left.count
        let validity = mergeValidity(left.validity, right.validity)
        var result = [UInt8](repeating: 0, count: count)
        switch (left, right) {
        case (.int64(let a), .int64(let b)): compare(op, a.values, b.values, into: &result)
        case (.double(let a), .double(let b)): compare(op, a.values, b.values, into: &result)
        case (.date(let a), .date(let b)): compare(op, a.values, b.values, into: &result)
        case (.bool(let a), .bool(let b)): compare(op, a.values, b.values, into: &result)
        case (.int64, .double), (.double, .int64): compare(op, left.doubleValues.values, right.doubleValues.values, into: &result)
        case (.string(let a), .string(let b)):
            // Rank both dictionaries in one byte order, then compare integer ranks per row.
            let (leftRanks, rightRanks) = ranks(a.dictionary, b.dictionary)
            let leftCodes = a.codes.map { leftRanks.isEmpty ? 0 : leftRanks[Int($0)] }
            let rightCodes = b.codes.map { rightRanks.isEmpty ? 0 : rightRanks[Int($0)] }
            compare(op, leftCodes, rightCodes, into: &result)
        default:
            preconditionFailure("the binder casts both sides of a comparison to one type (\(left.type), \(right.type))")
        }
        return booleanColumn(result, validity)
    }

    /// `column op constant`, the shape of most WHERE conditions, without broadcasting the constant to a column;
    /// text compares each dictionary entry once. Nil when the types differ (the caller takes the general path).
    static func evaluate(_ op: BinaryOperator, _ column: Column, constant: Value) -> Column? {
        let count = column.count
        var result = [UInt8](repeating: 0, count: count)
        switch (column, constant) {
        case (.int64(let a), .int64(let b)): compare(op, a.values, b, into: &result)
        case (.double(let a), .double(let b)): compare(op, a.values, b, into: &result)
        case (.date(let a), .date(let b)): compare(op, a.values, b.days, into: &result)
        case (.string(let a), .string(let b)):
            // One answer per dictionary entry, then a table lookup per row.
            // (An all-NULL column may have no entries; its rows' codes are 0 and their result is NULL anyway.)
            let answers = a.dictionary.isEmpty ? [0] : a.dictionary.map { entry in UInt8(holds(op, textCompare(entry, b)) ? 1 : 0) }
            answers.withUnsafeBufferPointer { answers in
                a.codes.withUnsafeBufferPointer { codes in
                    result.withUnsafeMutableBufferPointer { out in
                        for row in 0..<count { out[row] = answers[Int(codes[row])] }
                    }
                }
            }
        default:
            return nil
        }
        return booleanColumn(result, column.validity)
    }

    /// Whether an ordering (negative, zero, positive) satisfies `op`.
    private static func holds(_ op: BinaryOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        default: preconditionFailure("not a comparison: \(op)")
        }
    }

    private static func compare<T: Comparable>(_ op: BinaryOperator, _ a: [T], _ b: T, into result: inout [UInt8]) {
        a.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { out in
                switch op {
                case .equal: for row in 0..<out.count { out[row] = a[row] == b ? 1 : 0 }
                case .notEqual: for row in 0..<out.count { out[row] = a[row] != b ? 1 : 0 }
                case .less: for row in 0..<out.count { out[row] = a[row] < b ? 1 : 0 }
                case .lessOrEqual: for row in 0..<out.count { out[row] = a[row] <= b ? 1 : 0 }
                case .greater: for row in 0..<out.count { out[row] = a[row] > b ? 1 : 0 }
                case .greaterOrEqual: for row in 0..<out.count { out[row] = a[row] >= b ? 1 : 0 }
                default: preconditionFailure("not a comparison: \(op)")
                }
            }
        }
    }

    private static func compare<T: Comparable>(_ op: BinaryOperator, _ a: [T], _ b: [T], into result: inout [UInt8]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { out in
                    switch op {
                    case .equal: for row in 0..<out.count { out[row] = a[row] == b[row] ? 1 : 0 }
                    case .notEqual: for row in 0..<out.count { out[row] = a[row] != b[row] ? 1 : 0 }
                    case .less: for row in 0..<out.count { out[row] = a[row] < b[row] ? 1 : 0 }
                    case .lessOrEqual: for row in 0..<out.count { out[row] = a[row] <= b[row] ? 1 : 0 }
                    case .greater: for row in 0..<out.count { out[row] = a[row] > b[row] ? 1 : 0 }
                    case .greaterOrEqual: for row in 0..<out.count { out[row] = a[row] >= b[row] ? 1 : 0 }
                    default: preconditionFailure("not a comparison: \(op)")
                    }
                }
            }
        }
    }

    /// Ranks of two dictionaries' entries in their merged byte order (equal text, equal rank).
    static func ranks(_ left: [String], _ right: [String]) -> ([Int], [Int]) {
        var all: [(text: String, side: Int, index: Int)] = []
        all.reserveCapacity(left.count + right.count)
        for (index, text) in left.enumerated() { all.append((text, 0, index)) }
        for (index, text) in right.enumerated() { all.append((text, 1, index)) }
        all.sort { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
        var leftRanks = [Int](repeating: 0, count: left.count)
        var rightRanks = [Int](repeating: 0, count: right.count)
        var rank = 0
        for (position, entry) in all.enumerated() {
            if position > 0 && !all[position - 1].text.utf8.elementsEqual(entry.text.utf8) { rank += 1 }
            if entry.side == 0 { leftRanks[entry.index] = rank } else { rightRanks[entry.index] = rank }
        }
        return (leftRanks, rightRanks)
    }
}
