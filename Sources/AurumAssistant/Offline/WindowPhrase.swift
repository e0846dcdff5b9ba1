import AurumCore

/// A time window as a question states it, before it is pinned to dates by today's date.
///
/// The conventions (docs/offline-translator.md): "last N days" is the N full days before today; "last week" and "last
/// month" are the previous full ISO week (Monday–Sunday) and calendar month; "this week/month/quarter/year"
/// and "year to date" run from the period's first day up to yesterday; a month, quarter or year named without
/// a year is the latest one that has ended or is under way, and one under way stops at yesterday; "today" is
/// today alone (usually no data yet); dates given explicitly are kept as given.
enum WindowPhrase: Equatable, Sendable {
    case lastDays(Int)
    case lastWeeks(Int)
    case lastMonths(Int)
    case lastWeek, lastMonth, lastQuarter, lastYear
    case thisWeek, thisMonth, thisQuarter, thisYear
    case today
    /// A day counted back from today: 1 is yesterday.
    case daysAgo(Int)
    case month(Int, year: Int?)
    case quarter(Int, year: Int?)
    case year(Int)
    case day(DayReference)
    case weekOf(DayReference)
    case between(DayReference, DayReference)
    case since(DayReference)
    /// "de janeiro a março": whole months, the first through the last (each with an optional year).
    case monthRange(first: Int, firstYear: Int?, last: Int, lastYear: Int?)

    /// The calendar period the window is one of, when it is exactly one (for "March vs April" comparisons).
    var period: Breakdown? {
        switch self {
        case .lastWeek, .thisWeek, .weekOf: .week
        case .lastMonth, .thisMonth, .month: .month
        case .lastQuarter, .thisQuarter, .quarter: .quarter
        case .lastYear, .thisYear, .year: .year
        case .today, .daysAgo, .day: .day
        default: nil
        }
    }

    /// The dates, or nil when the phrase names no real date range (e.g. "between 2024-03-10 and 2024-03-01",
    /// "last 0 days").
    func resolve(today: Date32) -> DateWindow? {
        let yesterday = today.adding(days: -1)
        let (year, month, _) = today.civil
        /// A period that may still be under way stops at yesterday.
        func upToYesterday(_ first: Date32, _ last: Date32) -> DateWindow { DateWindow(first: first, last: min(last, yesterday)) }
        switch self {
        case .lastDays(let count):
            guard count >= 1 else { return nil }
            return DateWindow(first: today.adding(days: -count), last: yesterday)
        case .lastWeeks(let count):
            guard count >= 1 else { return nil }
            return DateWindow(first: today.weekStart.adding(days: -7 * count), last: today.weekStart.adding(days: -1))
        case .lastMonths(let count):
            guard count >= 1 else { return nil }
            return DateWindow(first: Date32.firstDay(year: year, month: month - count), last: today.monthStart.adding(days: -1))
        case .lastWeek:
            return DateWindow(first: today.weekStart.adding(days: -7), last: today.weekStart.adding(days: -1))
        case .lastMonth:
            return DateWindow(first: Date32.firstDay(year: year, month: month - 1), last: today.monthStart.adding(days: -1))
        case .lastQuarter:
            let start = today.quarterStart.civil
            return DateWindow(first: Date32.firstDay(year: start.year, month: start.month - 3), last: today.quarterStart.adding(days: -1))
        case .lastYear:
            return DateWindow(first: Date32.firstDay(year: year - 1, month: 1), last: Date32.lastDay(year: year - 1, month: 12))
        case .thisWeek: return DateWindow(first: today.weekStart, last: yesterday)
        case .thisMonth: return DateWindow(first: today.monthStart, last: yesterday)
        case .thisQuarter: return DateWindow(first: today.quarterStart, last: yesterday)
        case .thisYear: return DateWindow(first: today.yearStart, last: yesterday)
        case .today: return DateWindow(first: today, last: today)
        case .daysAgo(let count):
            let day = today.adding(days: -count)
            return DateWindow(first: day, last: day)
        case .month(let named, let namedYear):
            guard (1...12).contains(named) else { return nil }
            let resolvedYear = namedYear ?? (named <= month ? year : year - 1)
            return upToYesterday(Date32.firstDay(year: resolvedYear, month: named), Date32.lastDay(year: resolvedYear, month: named))
        case .quarter(let named, let namedYear):
            guard (1...4).contains(named) else { return nil }
            let firstMonth = (named - 1) * 3 + 1
            let resolvedYear = namedYear ?? (firstMonth <= month ? year : year - 1)
            return upToYesterday(
                Date32.firstDay(year: resolvedYear, month: firstMonth), Date32.lastDay(year: resolvedYear, month: firstMonth + 2))
        case .year(let named):
            return upToYesterday(Date32.firstDay(year: named, month: 1), Date32.lastDay(year: named, month: 12))
        case .day(let reference):
            guard let day = reference.resolve(today: today) else { return nil }
            return DateWindow(first: day, last: day)
        case .weekOf(let reference):
            guard let day = reference.resolve(today: today) else { return nil }
            return DateWindow(first: day.weekStart, last: day.weekStart.adding(days: 6))
        case .between(let from, let to):
            guard let last = to.resolve(today: today) else { return nil }
            var first: Date32?
            if from.year == nil {
                // "de 1 a 15 de março": the start takes the end's year, or the year before when it would follow it.
                first = DayReference(year: last.civil.year, month: from.month, day: from.day).resolve(today: today)
                if let start = first, start > last {
                    first = DayReference(year: last.civil.year - 1, month: from.month, day: from.day).resolve(today: today)
                }
            } else {
                first = from.resolve(today: today)
            }
            guard let first, first <= last else { return nil }
            return DateWindow(first: first, last: last)
        case .since(let reference):
            guard let first = reference.resolve(today: today) else { return nil }
            return DateWindow(first: first, last: yesterday)
        case .monthRange(let firstMonth, let firstYear, let lastMonth, let lastYear):
            guard (1...12).contains(firstMonth), (1...12).contains(lastMonth) else { return nil }
            let endYear = lastYear ?? (lastMonth <= month ? year : year - 1)
            let startYear = firstYear ?? (firstMonth <= lastMonth ? endYear : endYear - 1)
            let first = Date32.firstDay(year: startYear, month: firstMonth)
            let last = Date32.lastDay(year: endYear, month: lastMonth)
            guard first <= last else { return nil }
            return upToYesterday(first, last)
        }
    }
}
