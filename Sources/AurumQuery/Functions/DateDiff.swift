import AurumCore

/// `date_diff('unit', start, end)` (also `datediff`): how many unit boundaries lie between two dates, counted as
/// DuckDB counts them for DATEs. Day: `end - start`. Month, quarter, year: the difference of the period numbers
/// (January 31 to February 1 is one month). Week is not a boundary count in DuckDB: whole 7-day spans,
/// truncated toward zero (`(end - start) / 7`, so Sunday to the next Monday is 0 weeks).
struct DateDiff: ScalarFunctionDefinition {
    let names = ["date_diff", "datediff"]
    let signature = "date_diff('day'|'week'|'month'|'quarter'|'year', start, end) → BIGINT (as DuckDB: months, quarters, years count boundaries; weeks count whole 7-day spans)"

    enum Unit: String, CaseIterable {
        case day, week, month, quarter, year

        /// DuckDB's spellings of the units a DATE difference takes.
        static let byName: [String: Unit] = [
            "day": .day, "days": .day, "d": .day, "dayofmonth": .day, "week": .week, "weeks": .week, "w": .week,
            "month": .month, "months": .month, "mon": .month, "quarter": .quarter, "quarters": .quarter,
            "year": .year, "years": .year, "y": .year, "yr": .year,
        ]

        func difference(_ start: Date32, _ end: Date32) -> Int64 {
            switch self {
            case .day: return Int64(end.days) - Int64(start.days)
            case .week: return (Int64(end.days) - Int64(start.days)) / 7
            case .month, .quarter, .year:
                let (startYear, startMonth, _) = start.civil
                let (endYear, endMonth, _) = end.civil
                switch self {
                case .month: return Int64((endYear * 12 + endMonth) - (startYear * 12 + startMonth))
                case .quarter: return Int64((endYear * 4 + (endMonth - 1) / 3) - (startYear * 4 + (startMonth - 1) / 3))
                default: return Int64(endYear - startYear)
                }
            }
        }
    }

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(3...3)
        let bound = try call.bindArguments()
        let start = try call.date(1, bound[1])
        let end = try call.date(2, bound[2])
        guard let word = try call.constantWord(0, bound[0], what: "unit") else { return .constant(.null, .int64) }
        guard let unit = Unit.byName[word] else {
            throw .typeMismatch(
                message: "date_diff() has no unit '\(word)' for DATEs; use 'day', 'week', 'month', 'quarter' or 'year'",
                offset: call.arguments[0].offset)
        }
        return call.bound(self, [.constant(.string(unit.rawValue), .string), start, end], .int64)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        guard let unit = Unit(rawValue: arguments[0].stringValues.dictionary.first ?? "") else {
            throw .execution(message: "date_diff() needs a unit", offset: context.offset)
        }
        let starts = arguments[1].dateValues
        let ends = arguments[2].dateValues
        var result = [Int64](repeating: 0, count: context.count)
        let validity = mergeValidity(starts.validity, ends.validity)
        for row in 0..<context.count where validity.map({ $0[row] != 0 }) ?? true {
            result[row] = unit.difference(Date32(days: starts.values[row]), Date32(days: ends.values[row]))
        }
        return .int64(PrimitiveColumn(values: result, validity: validity))
    }
}
