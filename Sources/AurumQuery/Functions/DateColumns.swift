import AurumCore

/// Calendar facts about a date that the date functions share (ISO weeks as DuckDB computes them).
extension Date32 {
    /// The earliest and latest dates a DATE holds (0001-01-01 … 9999-12-31), in days.
    static let dayRange: ClosedRange<Int64> = -719_162...2_932_896

    /// Day of the year, 1 … 366.
    var dayOfYear: Int {
        let year = civil.year
        return Int(days) - Int((Date32(year: year, month: 1, day: 1) ?? self).days) + 1
    }

    /// Sunday = 0 … Saturday = 6 (DuckDB's `dow`).
    var sundayBasedWeekday: Int { isoWeekday % 7 }

    /// The ISO 8601 year and week (1 … 53): the week belongs to the year of its Thursday.
    var isoYearAndWeek: (year: Int, week: Int) {
        let thursday = Int(days) - (isoWeekday - 1) + 3
        let year = Date32(days: Int32(clamping: thursday)).civil.year
        let firstOfYear = Int(Date32(year: year, month: 1, day: 1)?.days ?? Int32(clamping: thursday))
        return (year, (thursday - firstOfYear) / 7 + 1)
    }

    /// The date `days` days (any sign) later, or nil outside ``dayRange``.
    func adding(days amount: Int64) -> Date32? {
        let (shifted, overflow) = Int64(days).addingReportingOverflow(amount)
        guard !overflow, Date32.dayRange.contains(shifted) else { return nil }
        return Date32(days: Int32(shifted))
    }

    /// The date `amount` months later (any sign), its day clamped to the last of the month (January 31 plus one
    /// month is February 28 or 29, as in DuckDB); nil outside ``dayRange``.
    func adding(months amount: Int64) -> Date32? {
        let (year, month, day) = civil
        let (index, overflow) = Int64(year * 12 + month - 1).addingReportingOverflow(amount)
        guard !overflow, index >= 12, index < 10_000 * 12 else { return nil }
        let newYear = Int(index / 12)
        let newMonth = Int(index % 12) + 1
        return Date32(year: newYear, month: newMonth, day: min(day, Date32.daysInMonth(year: newYear, month: newMonth)))
    }
}

/// Column loops the date functions share.
enum DateColumns {
    /// `transform` of each date of `dates`, computed once per distinct day when the batch's days span fewer
    /// than its rows (a table indexed by day, then one lookup per row: an ad's rows go day by day, so runs of
    /// equal days are short), else once per run of equal values (a civil-calendar conversion costs more than the
    /// compare); NULL rows keep NULL.
    static func map<Result>(_ dates: PrimitiveColumn<Int32>, _ transform: (Date32) -> Result) -> PrimitiveColumn<Result> {
        guard let first = dates.values.first else { return PrimitiveColumn(values: [], validity: dates.validity) }
        if let (low, high) = dates.valueRange, Int(high) - Int(low) < min(dates.count / 2, maxTableDays) {
            let table = (low...high).map { transform(Date32(days: $0)) }
            let values = table.withUnsafeBufferPointer { table in
                dates.values.withUnsafeBufferPointer { days in
                    [Result](unsafeUninitializedCapacity: days.count) { values, written in
                        for row in 0..<days.count {
                            // (A NULL row's day may lie outside the valid rows' range: computed, and ignored.)
                            let slot = UInt(bitPattern: Int(days[row]) &- Int(low))
                            (values.baseAddress! + row).initialize(to: slot < UInt(table.count) ? table[Int(slot)] : transform(Date32(days: days[row])))
                        }
                        written = days.count
                    }
                }
            }
            return PrimitiveColumn(values: values, validity: dates.validity)
        }
        var previous = first
        var result = transform(Date32(days: first))
        let values = dates.values.map { day in
            if day != previous {
                previous = day
                result = transform(Date32(days: day))
            }
            return result
        }
        return PrimitiveColumn(values: values, validity: dates.validity)
    }

    /// Days spanned beyond which ``map(_:_:)`` computes per run, not per day.
    private static let maxTableDays = 1 << 16

    /// A text column of `transform` of each date, built per distinct run; NULL rows stay NULL.
    static func text(_ dates: PrimitiveColumn<Int32>, _ transform: (Date32) -> String) -> Column {
        var builder = StringColumnBuilder()
        var previous: Int32?
        var current = ""
        for row in 0..<dates.count {
            if dates.isNull(row) {
                builder.append(nil)
                continue
            }
            let day = dates.values[row]
            if day != previous {
                previous = day
                current = transform(Date32(days: day))
            }
            builder.append(current)
        }
        return .string(builder.finish())
    }
}
