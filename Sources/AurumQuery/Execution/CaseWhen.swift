import AurumCore

/// `CASE WHEN … THEN … [ELSE …] END` over selections: each WHEN is evaluated only over the rows no earlier
/// branch took, and each THEN (and the ELSE) only over the rows its branch took; the pieces are then scattered
/// into one column. Memory stays one column's worth however many branches there are (evaluating every THEN
/// over every row kept a full column per branch), and a THEN's errors (an overflow, a bad cast) are raised only
/// for rows that reach it, as in DuckDB.
enum CaseWhen {
    static func evaluate(
        _ branches: [BoundBranch], otherwise: BoundExpression?, type: DataType, _ batch: Batch,
        evaluate: (BoundExpression, Batch) throws(QueryError) -> Column
    ) throws(QueryError) -> Column {
        let count = batch.rowCount
        var remaining: [Int]?  // nil: every row
        var remainingBatch = batch
        var taken: [[Int]] = []
        for branch in branches {
            if let remaining, remaining.isEmpty {
                taken.append([])
                continue
            }
            let condition = try evaluate(branch.when, remainingBatch).boolValues
            var rows: [Int] = []
            var left: [Int] = []
            for local in 0..<remainingBatch.rowCount {
                let row = remaining?[local] ?? local
                if !condition.isNull(local) && condition.values[local] != 0 { rows.append(row) } else { left.append(row) }
            }
            taken.append(rows)
            if !rows.isEmpty {
                remaining = left
                remainingBatch = batch.gather(left)
            }
        }
        taken.append(remaining ?? Array(0..<count))  // the ELSE rows
        var pieces: [(rows: [Int], column: Column)] = []
        for (index, rows) in taken.enumerated() where !rows.isEmpty {
            let result = index < branches.count ? branches[index].then : otherwise
            let part = rows.count == count ? batch : batch.gather(rows)
            pieces.append((rows, try result.map { expression throws(QueryError) in try evaluate(expression, part) } ?? .broadcast(.null, type: type, count: rows.count)))
        }
        return scatter(pieces, count: count, type: type)
    }

    /// One column of `count` rows: row `piece.rows[i]` is row `i` of `piece.column`. Every row is in one piece.
    static func scatter(_ pieces: [(rows: [Int], column: Column)], count: Int, type: DataType) -> Column {
        var validity = [UInt8](repeating: 1, count: count)
        for piece in pieces {
            for (index, row) in piece.rows.enumerated() where piece.column.isNull(index) { validity[row] = 0 }
        }
        let mask: [UInt8]? = validity.contains(0) ? validity : nil
        func primitive<Element>(_ zero: Element, _ typed: (Column) -> PrimitiveColumn<Element>) -> PrimitiveColumn<Element> {
            var values = [Element](repeating: zero, count: count)
            for piece in pieces {
                let column = typed(piece.column)
                for (index, row) in piece.rows.enumerated() { values[row] = column.values[index] }
            }
            return PrimitiveColumn(values: values, validity: mask)
        }
        switch type {
        case .int64: return .int64(primitive(0, \.int64Values))
        case .double: return .double(primitive(0, \.doubleValues))
        case .date: return .date(primitive(0, \.dateValues))
        case .bool: return .bool(primitive(0, \.boolValues))
        case .string:
            var texts = [String?](repeating: nil, count: count)
            for piece in pieces {
                let column = piece.column.stringValues
                for (index, row) in piece.rows.enumerated() { texts[row] = column[index] }
            }
            var builder = StringColumnBuilder()
            builder.reserveCapacity(count)
            for text in texts { builder.append(text) }
            return .string(builder.finish())
        }
    }
}
