import AurumCore

/// `date_trunc('day'|'week'|'month'|'quarter'|'year', date)`: the first day of the date's period, as a DATE
/// (DuckDB gives a TIMESTAMP at midnight; the spec keeps dates DATE). Weeks start on Monday.
struct DateTrunc: ScalarFunctionDefinition {
    let names = ["date_trunc"]
    let signature = "date_trunc('day'|'week'|'month'|'quarter'|'year', date) → DATE (weeks start on Monday)"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(2...2)
        let bound = try call.bindArguments()
        guard case .constant(.string(let part), _) = bound[0], DatePart(rawValue: part.lowercased()) != nil else {
            throw .typeMismatch(message: "date_trunc() takes 'day', 'week', 'month', 'quarter' or 'year' as its first argument", offset: call.arguments[0].offset)
        }
        return call.bound(self, [.constant(.string(part.lowercased()), .string), try call.date(1, bound[1])], .date)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        guard let part = DatePart(rawValue: arguments[0].stringValues.dictionary.first ?? "") else {
            throw .execution(message: "date_trunc() needs a part", offset: context.offset)
        }
        let dates = arguments[1].dateValues
        switch part {
        case .day: return .date(dates)
        case .week:
            // Monday is `days - (days + 3) mod 7` (floored): arithmetic on every row, in vector lanes, where a
            // lookup table needs the column's range first (NULL rows' days are computed and ignored).
            let mondays = [Int32](unsafeUninitializedCapacity: dates.count) { mondays, written in
                dates.values.withUnsafeBufferPointer { days in
                    for row in 0..<days.count {
                        let weekday = (days[row] &+ 3) % 7  // (no overflow: a DATE's days lie far inside Int32)
                        mondays[row] = days[row] &- (weekday &+ (weekday < 0 ? 7 : 0))
                    }
                }
                written = dates.count
            }
            return .date(PrimitiveColumn(values: mondays, validity: dates.validity))
        default: return .date(DateColumns.map(dates) { part.truncate($0).days })
        }
    }
}

/// The parts `date_trunc` accepts.
enum DatePart: String {
    case day, week, month, quarter, year

    /// The first day of `date`'s period.
    func truncate(_ date: Date32) -> Date32 {
        switch self {
        case .day: return date
        case .week: return date.weekStart
        case .month: return Date32(year: date.civil.year, month: date.civil.month, day: 1) ?? date
        case .quarter: return Date32(year: date.civil.year, month: (date.civil.month - 1) / 3 * 3 + 1, day: 1) ?? date
        case .year: return Date32(year: date.civil.year, month: 1, day: 1) ?? date
        }
    }
}
