import AurumCore
import Foundation

/// Evaluates a ``BoundExpression`` over a whole batch at once, column in, column out.
///
/// NULL follows SQL: arithmetic and comparisons with NULL give NULL, AND/OR use three-valued logic, division
/// (and modulo) by zero gives NULL. Text functions work on a column's dictionary entries, not on its rows.
enum ExpressionEvaluator {
    static func evaluate(_ expression: BoundExpression, _ batch: Batch) throws(QueryError) -> Column {
        let count = batch.rowCount
        switch expression {
        case .column(let index, _):
            return batch.columns[index]
        case .constant(let value, let type):
            return .broadcast(value, type: type, count: count)
        case .negate(let inner, let type, let offset):
            let value = try evaluate(inner, batch)
            if type == .int64 {
                let column = value.int64Values
                var result = [Int64](repeating: 0, count: count)
                for row in 0..<count where !column.isNull(row) {
                    let (negated, overflow) = Int64(0).subtractingReportingOverflow(column.values[row])
                    if overflow { throw .execution(message: "integer overflow in negation", offset: offset) }
                    result[row] = negated
                }
                return .int64(PrimitiveColumn(values: result, validity: column.validity))
            }
            let column = value.doubleValues
            return .double(PrimitiveColumn(values: column.values.map { -$0 }, validity: column.validity))
        case .not(let inner):
            let column = try evaluate(inner, batch).boolValues
            return .bool(PrimitiveColumn(values: column.values.map { $0 == 0 ? 1 : 0 }, validity: column.validity))
        case .and(let leftExpression, let rightExpression), .or(let leftExpression, let rightExpression):
            let isAnd: Bool = if case .and = expression { true } else { false }
            let left = try evaluate(leftExpression, batch).boolValues
            let right = try evaluate(rightExpression, batch).boolValues
            if left.validity == nil, right.validity == nil {
                // No NULL on either side: two-valued logic, one byte operation a row.
                var values = [UInt8](repeating: 0, count: count)
                left.values.withUnsafeBufferPointer { a in
                    right.values.withUnsafeBufferPointer { b in
                        values.withUnsafeMutableBufferPointer { out in
                            if isAnd {
                                for row in 0..<count { out[row] = a[row] & b[row] }
                            } else {
                                for row in 0..<count { out[row] = a[row] | b[row] }
                            }
                        }
                    }
                }
                return .bool(PrimitiveColumn(values: values))
            }
            var values = [UInt8](repeating: 0, count: count)
            var validity = [UInt8](repeating: 1, count: count)
            for row in 0..<count {
                let leftNull = left.isNull(row)
                let rightNull = right.isNull(row)
                let a = left.values[row] != 0
                let b = right.values[row] != 0
                if isAnd {
                    if (!leftNull && !a) || (!rightNull && !b) { values[row] = 0 } else if leftNull || rightNull { validity[row] = 0 } else { values[row] = 1 }
                } else {
                    if (!leftNull && a) || (!rightNull && b) { values[row] = 1 } else if leftNull || rightNull { validity[row] = 0 } else { values[row] = 0 }
                }
            }
            return booleanColumn(values, validity)
        case .isNull(let inner, let negated):
            let value = try evaluate(inner, batch)
            let validity = value.validity
            return .bool(PrimitiveColumn(values: (0..<count).map { row in
                let isNull = validity.map { $0[row] == 0 } ?? false
                return (isNull != negated) ? 1 : 0
            }))
        case .comparison(let op, let leftExpression, .constant(let value, let type)) where !value.isNull:
            let left = try evaluate(leftExpression, batch)
            if let result = Comparison.evaluate(op, left, constant: value) { return result }
            return try Comparison.evaluate(op, left, .broadcast(value, type: type, count: count))
        case .comparison(let op, let leftExpression, let rightExpression):
            return try Comparison.evaluate(op, try evaluate(leftExpression, batch), try evaluate(rightExpression, batch))
        case .inList(let valueExpression, let items, let negated):
            var constants: [Value] = []
            var others: [Column] = []
            for item in items {
                if case .constant(let value, _) = item { constants.append(value) } else { others.append(try evaluate(item, batch)) }
            }
            return try InList.evaluate(try evaluate(valueExpression, batch), constants: constants, others: others, negated: negated)
        case .inSubquery(let valueExpression, let values, let negated):
            return try values.contains(try evaluate(valueExpression, batch), negated: negated)
        case .like(let valueExpression, let patternExpression, let insensitive, let negated):
            return try Like.evaluate(try evaluate(valueExpression, batch), pattern: try evaluate(patternExpression, batch), caseInsensitive: insensitive, negated: negated)
        case .caseWhen(let branches, let otherwise, let type):
            return try CaseWhen.evaluate(branches, otherwise: otherwise, type: type, batch) { expression, part throws(QueryError) in
                try evaluate(expression, part)
            }
        case .arithmetic(let op, let leftExpression, let rightExpression, let type, let offset):
            return try Arithmetic.evaluate(op, try evaluate(leftExpression, batch), try evaluate(rightExpression, batch), type: type, offset: offset)
        case .function(let function, let arguments, let type, let offset):
            let values = try arguments.map { argument throws(QueryError) in try evaluate(argument, batch) }
            return try function.evaluate(values, type: type, count: count, offset: offset)
        case .cast(let inner, let type, let offset):
            return try Cast.evaluate(try evaluate(inner, batch), to: type, offset: offset)
        case .concatenate:
            let parts = try Concatenation.operands(expression).map { operand throws(QueryError) in try evaluate(operand, batch).stringValues }
            return Concatenation.evaluate(parts, count: count)
        }
    }

    /// Evaluates a constant expression to its value.
    static func constant(_ expression: BoundExpression) throws(QueryError) -> Value {
        try evaluate(expression, singleRow).value(at: 0)
    }

    /// A batch of one row and no columns, for constant folding.
    private static let singleRow = Batch(schema: Schema([Field("_", .int64)]), columns: [.int64(PrimitiveColumn(values: [0]))])
}

/// Row `i` of the result is row `i` of `columns[choice[i]]`.
enum Pick {
    static func rows(from columns: [Column], choice: [Int], type: DataType) -> Column {
        let count = choice.count
        var validity = [UInt8](repeating: 1, count: count)
        for row in 0..<count where columns[choice[row]].isNull(row) { validity[row] = 0 }
        let mask: [UInt8]? = validity.contains(0) ? validity : nil
        switch type {
        case .int64:
            let typed = columns.map(\.int64Values)
            return .int64(PrimitiveColumn(values: (0..<count).map { typed[choice[$0]].values[$0] }, validity: mask))
        case .double:
            let typed = columns.map(\.doubleValues)
            return .double(PrimitiveColumn(values: (0..<count).map { typed[choice[$0]].values[$0] }, validity: mask))
        case .date:
            let typed = columns.map(\.dateValues)
            return .date(PrimitiveColumn(values: (0..<count).map { typed[choice[$0]].values[$0] }, validity: mask))
        case .bool:
            let typed = columns.map(\.boolValues)
            return .bool(PrimitiveColumn(values: (0..<count).map { typed[choice[$0]].values[$0] }, validity: mask))
        case .string:
            let typed = columns.map(\.stringValues)
            var builder = StringColumnBuilder()
            for row in 0..<count { builder.append(typed[choice[row]][row]) }
            return .string(builder.finish())
        }
    }
}
