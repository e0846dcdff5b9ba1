import AurumCore

/// Calendar arithmetic the windows need: days, months, quarters and years around a ``Date32``.
extension Date32 {
    /// This date moved by `count` days.
    func adding(days count: Int) -> Date32 { Date32(days: days + Int32(count)) }

    /// The number of days from `self` to `other` (positive when `other` is later).
    func days(to other: Date32) -> Int { Int(other.days) - Int(days) }

    /// The first day of this date's month.
    var monthStart: Date32 {
        let (year, month, _) = civil
        return Date32.firstDay(year: year, month: month)
    }

    /// The first day of this date's quarter.
    var quarterStart: Date32 {
        let (year, month, _) = civil
        return Date32.firstDay(year: year, month: (month - 1) / 3 * 3 + 1)
    }

    /// The first day of this date's year.
    var yearStart: Date32 { Date32.firstDay(year: civil.year, month: 1) }

    /// The first day of `month` of `year`, months counted past December or before January roll the year.
    static func firstDay(year: Int, month: Int) -> Date32 {
        let monthIndex = year * 12 + (month - 1)
        let normalizedYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let normalizedMonth = monthIndex - normalizedYear * 12 + 1
        // Years are clamped into the range Date32 accepts; no question names a date outside it.
        return Date32(year: min(max(normalizedYear, 1), 9999), month: normalizedMonth, day: 1) ?? Date32(days: 0)
    }

    /// The last day of `month` of `year` (same rolling as ``firstDay(year:month:)``).
    static func lastDay(year: Int, month: Int) -> Date32 {
        firstDay(year: year, month: month + 1).adding(days: -1)
    }
}
