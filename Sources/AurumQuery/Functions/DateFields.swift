import AurumCore

/// A number read off a date: what `extract(field FROM d)`, `date_part('field', d)` and the one-field functions
/// (`year(d)`, `isodow(d)`, …) return, as DuckDB computes it.
enum DateField: String, CaseIterable {
    case year, month, day, quarter, week, isodow, dow, doy, isoyear, yearweek

    /// The field names `extract` and `date_part` accept (DuckDB's spellings), lower case.
    static let byName: [String: DateField] = [
        "year": .year, "years": .year, "month": .month, "months": .month, "day": .day, "days": .day,
        "dayofmonth": .day, "quarter": .quarter, "quarters": .quarter, "week": .week, "weeks": .week,
        "weekofyear": .week, "isodow": .isodow, "dow": .dow, "dayofweek": .dow, "weekday": .dow, "doy": .doy,
        "dayofyear": .doy, "isoyear": .isoyear, "yearweek": .yearweek,
    ]

    /// The field's value for `date`.
    func value(of date: Date32) -> Int64 {
        switch self {
        case .year: Int64(date.civil.year)
        case .month: Int64(date.civil.month)
        case .day: Int64(date.civil.day)
        case .quarter: Int64((date.civil.month - 1) / 3 + 1)
        case .week: Int64(date.isoYearAndWeek.week)
        case .isodow: Int64(date.isoWeekday)
        case .dow: Int64(date.sundayBasedWeekday)
        case .doy: Int64(date.dayOfYear)
        case .isoyear: Int64(date.isoYearAndWeek.year)
        case .yearweek: Int64(date.isoYearAndWeek.year * 100 + date.isoYearAndWeek.week)
        }
    }

    /// The field over a column of dates; NULL stays NULL.
    func column(_ dates: PrimitiveColumn<Int32>) -> Column {
        .int64(DateColumns.map(dates) { value(of: $0) })
    }
}

/// `year(d)`, `month(d)`, `day(d)`, `quarter(d)`, `week(d)`, `isodow(d)`, `dayofweek(d)`, `dayofyear(d)`,
/// `isoyear(d)`, `yearweek(d)`: one field of a date, as a BIGINT.
struct DateFieldFunction: ScalarFunctionDefinition {
    let field: DateField
    let names: [String]
    let signature: String

    init(_ field: DateField) {
        self.field = field
        switch field {
        case .year: (names, signature) = (["year"], "year(date) → BIGINT")
        case .month: (names, signature) = (["month"], "month(date) → BIGINT")
        case .day: (names, signature) = (["day", "dayofmonth"], "day(date) → BIGINT (also dayofmonth)")
        case .quarter: (names, signature) = (["quarter"], "quarter(date) → BIGINT, 1 … 4")
        case .week: (names, signature) = (["week", "weekofyear"], "week(date) → BIGINT, the ISO week 1 … 53 (also weekofyear)")
        case .isodow: (names, signature) = (["isodow"], "isodow(date) → BIGINT, Monday = 1 … Sunday = 7")
        case .dow: (names, signature) = (["dayofweek", "weekday"], "dayofweek(date) → BIGINT, Sunday = 0 … Saturday = 6 (also weekday)")
        case .doy: (names, signature) = (["dayofyear"], "dayofyear(date) → BIGINT, 1 … 366")
        case .isoyear: (names, signature) = (["isoyear"], "isoyear(date) → BIGINT, the year the ISO week belongs to")
        case .yearweek: (names, signature) = (["yearweek"], "yearweek(date) → BIGINT, isoyear × 100 + ISO week (202501)")
        }
    }

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        let bound = try call.bindArguments()
        return call.bound(self, [try call.date(0, bound[0])], .int64)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        field.column(arguments[0].dateValues)
    }
}

/// `date_part('field', d)` and `extract(field FROM d)` (which the parser reads as `date_part`): any
/// ``DateField`` by name, as a BIGINT.
struct DatePartFunction: ScalarFunctionDefinition {
    let names = ["date_part", "datepart"]
    let signature = "extract(field FROM date), date_part('field', date) → BIGINT; field: year, quarter, month, week (ISO), day, doy, isodow (Monday = 1), dow (Sunday = 0), isoyear, yearweek"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(2...2)
        let bound = try call.bindArguments()
        let date = try call.date(1, bound[1])
        guard let word = try call.constantWord(0, bound[0], what: "field") else { return .constant(.null, .int64) }
        guard let field = DateField.byName[word] else {
            let known = DateField.allCases.map(\.rawValue).joined(separator: ", ")
            throw .typeMismatch(message: "'\(word)' is not a field of a DATE (extract, date_part); use one of \(known)", offset: call.arguments[0].offset)
        }
        return call.bound(self, [.constant(.string(field.rawValue), .string), date], .int64)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        guard let field = DateField(rawValue: arguments[0].stringValues.dictionary.first ?? "") else {
            throw .execution(message: "date_part() needs a field", offset: context.offset)
        }
        return field.column(arguments[1].dateValues)
    }
}
