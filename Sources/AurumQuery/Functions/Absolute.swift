import AurumCore

/// `abs(x)`: the magnitude, keeping the type; `abs` of the smallest BIGINT overflows (an error, as in DuckDB).
struct Absolute: ScalarFunctionDefinition {
    let names = ["abs"]
    let signature = "abs(x) → |x|"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        let value = try call.number(0, try call.bindArguments()[0])
        return call.bound(self, [value], value.type)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        if context.type == .int64 {
            let values = arguments[0].int64Values
            var result = values.values
            for row in 0..<context.count where !values.isNull(row) {
                guard values.values[row] != Int64.min else { throw .execution(message: "integer overflow in abs()", offset: context.offset) }
                result[row] = Swift.abs(values.values[row])
            }
            return .int64(PrimitiveColumn(values: result, validity: values.validity))
        }
        let values = arguments[0].doubleValues
        return .double(PrimitiveColumn(values: values.values.map { Swift.abs($0) }, validity: values.validity))
    }
}
