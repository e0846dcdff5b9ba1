import AurumCore

/// `last_day(d)`: the last day of the date's month.
struct LastDay: ScalarFunctionDefinition {
    let names = ["last_day"]
    let signature = "last_day(date) → DATE, the last day of its month"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        let bound = try call.bindArguments()
        return call.bound(self, [try call.date(0, bound[0])], .date)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        .date(DateColumns.map(arguments[0].dateValues) { date in
            let (year, month, _) = date.civil
            return (Date32(year: year, month: month, day: Date32.daysInMonth(year: year, month: month)) ?? date).days
        })
    }
}
