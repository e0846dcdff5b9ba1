import AurumCore

/// `current_date`: today, or the day `AURUM_TODAY` / `--today` names. Bound to a constant once per query, so
/// every row (and every worker) sees the same day.
struct CurrentDate: ScalarFunctionDefinition {
    let names = ["current_date"]
    let signature = "current_date → DATE (today, or AURUM_TODAY / --today)"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(0...0)
        return .constant(.date(call.binder.today), .date)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        // Never reached: `bind` returns a constant.
        throw .execution(message: "current_date is bound to a constant", offset: context.offset)
    }
}
