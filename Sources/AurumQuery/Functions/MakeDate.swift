import AurumCore

/// `make_date(year, month, day)`: the DATE with those parts; a part out of range is an error naming the date,
/// as in DuckDB ("Date out of range: 2023-2-29"). NULL when any part is NULL.
struct MakeDate: ScalarFunctionDefinition {
    let names = ["make_date"]
    let signature = "make_date(year, month, day) → DATE (integers; an impossible date is an error)"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(3...3)
        let bound = try call.bindArguments()
        let parts = ["year", "month", "day"]
        var arguments: [BoundExpression] = []
        for index in 0..<3 { arguments.append(try call.integer(index, bound[index], what: parts[index])) }
        return call.bound(self, arguments, .date)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let years = arguments[0].int64Values
        let months = arguments[1].int64Values
        let days = arguments[2].int64Values
        let validity = mergeValidity(mergeValidity(years.validity, months.validity), days.validity)
        var result = [Int32](repeating: 0, count: context.count)
        for row in 0..<context.count where validity.map({ $0[row] != 0 }) ?? true {
            let (year, month, day) = (years.values[row], months.values[row], days.values[row])
            guard let yearInt = Int(exactly: year), let monthInt = Int(exactly: month), let dayInt = Int(exactly: day),
                let date = Date32(year: yearInt, month: monthInt, day: dayInt)
            else {
                throw .execution(message: "make_date(): date out of range: \(year)-\(month)-\(day)", offset: context.offset)
            }
            result[row] = date.days
        }
        return .date(PrimitiveColumn(values: result, validity: validity))
    }
}
