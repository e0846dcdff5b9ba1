import AurumCore

/// `dayname(d)` and `monthname(d)`: the English name of the date's weekday or month, as DuckDB writes them.
struct DateName: ScalarFunctionDefinition {
    static let day = DateName(names: ["dayname"], signature: "dayname(date) → VARCHAR ('Monday' … 'Sunday')", name: { weekdayNames[$0.isoWeekday - 1] })
    static let month = DateName(names: ["monthname"], signature: "monthname(date) → VARCHAR ('January' … 'December')", name: { monthNames[$0.civil.month - 1] })

    /// Monday first, as ``Date32/isoWeekday`` counts.
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    let names: [String]
    let signature: String
    let name: @Sendable (Date32) -> String

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        let bound = try call.bindArguments()
        return call.bound(self, [try call.date(0, bound[0])], .string)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        DateColumns.text(arguments[0].dateValues, name)
    }
}
