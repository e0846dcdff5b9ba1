import AurumCore

/// `nullif(a, b)`: NULL where `a = b`, else `a` (compared as `=` compares, after the usual implicit casts).
struct NullIf: ScalarFunctionDefinition {
    let names = ["nullif"]
    let signature = "nullif(a, b) → NULL when a = b, else a"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(2...2)
        let bound = try call.bindArguments()
        let (a, b) = try call.binder.comparable(bound[0], bound[1], offset: call.offset)
        return call.bound(self, [a, b], a.type)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let equal = try Comparison.evaluate(.equal, arguments[0], arguments[1]).boolValues
        var validity = arguments[0].validity ?? [UInt8](repeating: 1, count: context.count)
        for row in 0..<context.count where !equal.isNull(row) && equal.values[row] != 0 { validity[row] = 0 }
        return arguments[0].withValidity(validity)
    }
}

extension Column {
    /// The same values with `validity` as NULL mask (an all-valid mask is dropped).
    func withValidity(_ validity: [UInt8]) -> Column {
        let mask: [UInt8]? = validity.contains(0) ? validity : nil
        switch self {
        case .int64(let c): return .int64(PrimitiveColumn(values: c.values, validity: mask))
        case .double(let c): return .double(PrimitiveColumn(values: c.values, validity: mask))
        case .date(let c): return .date(PrimitiveColumn(values: c.values, validity: mask))
        case .bool(let c): return .bool(PrimitiveColumn(values: c.values, validity: mask))
        case .string(let c): return .string(c.withRows(codes: c.codes, validity: mask))
        }
    }
}
