import AurumCore

/// `coalesce(a, b, …)`: per row, the first argument that is not NULL (NULL when all are). The arguments are
/// unified to one type first (numbers widen to DOUBLE).
struct Coalesce: ScalarFunctionDefinition {
    let names = ["coalesce"]
    let signature = "coalesce(a, b, ...) → the first non-NULL argument"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        guard !call.arguments.isEmpty else { throw .typeMismatch(message: "coalesce() needs at least one argument", offset: call.offset) }
        let bound = try call.bindArguments()
        let type = try call.binder.unifiedType(bound, offset: call.offset, what: "coalesce() arguments")
        var cast: [BoundExpression] = []
        for value in bound { cast.append(try call.binder.cast(value, to: type, offset: call.offset)) }
        return call.bound(self, cast, type)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        var choice = [Int](repeating: arguments.count - 1, count: context.count)
        for row in 0..<context.count {
            if let first = arguments.firstIndex(where: { !$0.isNull(row) }) { choice[row] = first }
        }
        return Pick.rows(from: arguments, choice: choice, type: context.type)
    }
}
