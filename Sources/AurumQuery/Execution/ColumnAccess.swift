import AurumCore

/// Typed views and builders over ``Column`` for the evaluator.
extension Column {
    var int64Values: PrimitiveColumn<Int64> {
        switch self {
        case .int64(let column): return column
        case .bool(let column): return PrimitiveColumn(values: column.values.map { Int64($0) }, validity: column.validity)
        default: preconditionFailure("not an integer column: \(type)")
        }
    }

    var doubleValues: PrimitiveColumn<Double> {
        switch self {
        case .double(let column): return column
        case .int64(let column): return PrimitiveColumn(values: column.values.map { Double($0) }, validity: column.validity)
        default: preconditionFailure("not a numeric column: \(type)")
        }
    }

    var dateValues: PrimitiveColumn<Int32> {
        guard case .date(let column) = self else { preconditionFailure("not a date column: \(type)") }
        return column
    }

    var boolValues: PrimitiveColumn<UInt8> {
        guard case .bool(let column) = self else { preconditionFailure("not a boolean column: \(type)") }
        return column
    }

    var stringValues: StringColumn {
        guard case .string(let column) = self else { preconditionFailure("not a text column: \(type)") }
        return column
    }

    /// A column of `count` copies of `value` (typed `type`).
    static func broadcast(_ value: Value, type: DataType, count: Int) -> Column {
        let validity: [UInt8]? = value.isNull ? [UInt8](repeating: 0, count: count) : nil
        switch type {
        case .int64:
            if case .int64(let number) = value { return .int64(PrimitiveColumn(values: [Int64](repeating: number, count: count))) }
            return .int64(PrimitiveColumn(values: [Int64](repeating: 0, count: count), validity: validity))
        case .double:
            if case .double(let number) = value { return .double(PrimitiveColumn(values: [Double](repeating: number, count: count))) }
            if case .int64(let number) = value { return .double(PrimitiveColumn(values: [Double](repeating: Double(number), count: count))) }
            return .double(PrimitiveColumn(values: [Double](repeating: 0, count: count), validity: validity))
        case .date:
            if case .date(let date) = value { return .date(PrimitiveColumn(values: [Int32](repeating: date.days, count: count))) }
            return .date(PrimitiveColumn(values: [Int32](repeating: 0, count: count), validity: validity))
        case .bool:
            if case .bool(let flag) = value { return .bool(PrimitiveColumn(values: [UInt8](repeating: flag ? 1 : 0, count: count))) }
            return .bool(PrimitiveColumn(values: [UInt8](repeating: 0, count: count), validity: validity))
        case .string:
            if case .string(let text) = value { return .string(StringColumn(dictionary: [text], codes: [UInt32](repeating: 0, count: count))) }
            return .string(StringColumn(dictionary: [], codes: [UInt32](repeating: 0, count: count), validity: validity))
        }
    }
}

/// Row-wise AND of two validity masks (nil = all valid).
func mergeValidity(_ left: [UInt8]?, _ right: [UInt8]?) -> [UInt8]? {
    guard let left else { return right }
    guard let right else { return left }
    var merged = left
    for index in merged.indices { merged[index] &= right[index] }
    return merged
}

/// A boolean column from values and validity (drops an all-valid mask).
func booleanColumn(_ values: [UInt8], _ validity: [UInt8]?) -> Column {
    .bool(PrimitiveColumn(values: values, validity: validity.flatMap { $0.contains(0) ? $0 : nil }))
}

/// Text ordering by UTF-8 bytes.
@inline(__always)
func textCompare(_ left: String, _ right: String) -> Int {
    if left.utf8.elementsEqual(right.utf8) { return 0 }
    return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
}
