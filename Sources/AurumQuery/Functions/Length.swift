import AurumCore

/// `length(text)`: the number of characters (Unicode code points, as DuckDB counts them), per dictionary entry.
struct Length: ScalarFunctionDefinition {
    let names = ["length"]
    let signature = "length(text) → BIGINT (characters)"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        return call.bound(self, [try call.text(0, try call.bindArguments()[0])], .int64)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let text = arguments[0].stringValues
        let lengths = text.dictionary.map { Int64($0.unicodeScalars.count) }
        return .int64(PrimitiveColumn(values: text.codes.enumerated().map { text.isNull($0.offset) ? 0 : lengths[Int($0.element)] }, validity: text.validity))
    }
}
