import AurumCore
import Foundation

/// CAST over a column: per dictionary entry for text, per row otherwise.
enum Cast {
    static func evaluate(_ column: Column, to type: DataType, offset: Int) throws(QueryError) -> Column {
        if column.type == type { return column }
        if case .int64(let integers) = column, type == .double {
            // Every BIGINT converts (to the nearest double): no per-row value boxing (real division casts its
            // operands, a projection's whole column of sums). NULL rows hold 0, as the builder below leaves them.
            let validity = integers.validity.flatMap { $0.contains(0) ? $0 : nil }
            let values = integers.values.withUnsafeBufferPointer { values in
                [Double](unsafeUninitializedCapacity: values.count) { doubles, written in
                    if let validity {
                        for row in 0..<values.count { doubles[row] = validity[row] == 0 ? 0 : Double(values[row]) }
                    } else {
                        for row in 0..<values.count { doubles[row] = Double(values[row]) }
                    }
                    written = values.count
                }
            }
            return .double(PrimitiveColumn(values: values, validity: validity))
        }
        if case .string(let text) = column {
            var converted: [Value] = []
            converted.reserveCapacity(text.dictionary.count)
            for entry in text.dictionary { converted.append(try CastOperation.cast(.string(entry), to: type, offset: offset)) }
            var values: [Value] = []
            values.reserveCapacity(text.count)
            for row in 0..<text.count { values.append(text.isNull(row) ? .null : converted[Int(text.codes[row])]) }
            return build(values, type: type)
        }
        var values: [Value] = []
        values.reserveCapacity(column.count)
        for row in 0..<column.count { values.append(try CastOperation.cast(column.value(at: row), to: type, offset: offset)) }
        return build(values, type: type)
    }

    /// A column of `type` from values (slow path: casts and small results).
    static func build(_ values: [Value], type: DataType) -> Column {
        switch type {
        case .int64:
            var builder = PrimitiveColumnBuilder<Int64>(zero: 0)
            for value in values { if case .int64(let v) = value { builder.append(v) } else { builder.append(nil) } }
            return .int64(builder.finish())
        case .double:
            var builder = PrimitiveColumnBuilder<Double>(zero: 0)
            for value in values {
                switch value {
                case .double(let v): builder.append(v)
                case .int64(let v): builder.append(Double(v))
                default: builder.append(nil)
                }
            }
            return .double(builder.finish())
        case .date:
            var builder = PrimitiveColumnBuilder<Int32>(zero: 0)
            for value in values { if case .date(let v) = value { builder.append(v.days) } else { builder.append(nil) } }
            return .date(builder.finish())
        case .bool:
            var builder = PrimitiveColumnBuilder<UInt8>(zero: 0)
            for value in values { if case .bool(let v) = value { builder.append(v ? 1 : 0) } else { builder.append(nil) } }
            return .bool(builder.finish())
        case .string:
            var builder = StringColumnBuilder()
            for value in values { if case .string(let v) = value { builder.append(v) } else { builder.append(nil) } }
            return .string(builder.finish())
        }
    }
}
