import AurumCore
import Foundation

/// `+ - * / %` on numbers and `±` on dates. Integer overflow is an error (as in DuckDB); division and modulo
/// by zero give NULL (DuckDB with `error_on_division_by_zero=false`); `/` always divides as DOUBLE.
enum Arithmetic {
    static func evaluate(_ op: BinaryOperator, _ left: Column, _ right: Column, type: DataType, offset: Int) throws(QueryError) -> Column {
        let count = left.count
        var validity = mergeValidity(left.validity, right.validity)
        switch (left.type, right.type, type) {
        case (.date, .int64, .date):
            let days = left.dateValues.values
            let amounts = right.int64Values.values
            var result = [Int32](repeating: 0, count: count)
            for row in 0..<count where validity.map({ $0[row] != 0 }) ?? true {
                let (shifted, overflow) = op == .add
                    ? Int64(days[row]).addingReportingOverflow(amounts[row]) : Int64(days[row]).subtractingReportingOverflow(amounts[row])
                guard !overflow, let narrow = Int32(exactly: shifted), narrow >= -719_162, narrow <= 2_932_896 else {
                    throw .execution(message: "date out of range in '\(op.rawValue)'", offset: offset)
                }
                result[row] = narrow
            }
            return .date(PrimitiveColumn(values: result, validity: validity))
        case (.date, .date, .int64):
            let a = left.dateValues.values
            let b = right.dateValues.values
            return .int64(PrimitiveColumn(values: (0..<count).map { Int64(a[$0]) - Int64(b[$0]) }, validity: validity))
        case (.int64, .int64, .int64):
            let a = left.int64Values.values
            let b = right.int64Values.values
            var result = [Int64](repeating: 0, count: count)
            var nulls = validity ?? [UInt8](repeating: 1, count: count)
            for row in 0..<count where nulls[row] != 0 {
                let (value, overflow): (Int64, Bool)
                switch op {
                case .add: (value, overflow) = a[row].addingReportingOverflow(b[row])
                case .subtract: (value, overflow) = a[row].subtractingReportingOverflow(b[row])
                case .multiply: (value, overflow) = a[row].multipliedReportingOverflow(by: b[row])
                case .modulo:
                    if b[row] == 0 {
                        nulls[row] = 0
                        continue
                    }
                    // Int64.min % -1 is 0 (DuckDB too); only the quotient overflows.
                    (value, overflow) = b[row] == -1 ? (0, false) : a[row].remainderReportingOverflow(dividingBy: b[row])
                default: preconditionFailure("integer \(op)")
                }
                if overflow { throw .execution(message: "integer overflow in '\(op.rawValue)'", offset: offset) }
                result[row] = value
            }
            validity = nulls.contains(0) ? nulls : nil
            return .int64(PrimitiveColumn(values: result, validity: validity))
        default:
            let a = left.doubleValues.values
            let b = right.doubleValues.values
            var result = [Double](repeating: 0, count: count)
            var nulls = validity ?? [UInt8](repeating: 1, count: count)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    switch op {
                    case .add: for row in 0..<count { result[row] = a[row] + b[row] }
                    case .subtract: for row in 0..<count { result[row] = a[row] - b[row] }
                    case .multiply: for row in 0..<count { result[row] = a[row] * b[row] }
                    case .divide:
                        for row in 0..<count {
                            if b[row] == 0 { nulls[row] = 0 } else { result[row] = a[row] / b[row] }
                        }
                    case .modulo:
                        for row in 0..<count {
                            if b[row] == 0 { nulls[row] = 0 } else { result[row] = fmod(a[row], b[row]) }
                        }
                    default: preconditionFailure("double \(op)")
                    }
                }
            }
            validity = nulls.contains(0) ? nulls : nil
            return .double(PrimitiveColumn(values: result, validity: validity))
        }
    }
}
