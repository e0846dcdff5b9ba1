import AurumCore

/// The days a client report covers, and the days it is compared with: the same number of days just before
/// (`--weeks N`: the N×7 days to the data's last day), or the month before (`--month`), cut to the same number of
/// days when the data stops inside the month.
public struct ReportPeriod: Sendable, Equatable {
    /// First and last day covered.
    public var first: Date32
    public var last: Date32
    /// First and last day of the period compared with.
    public var previousFirst: Date32
    public var previousLast: Date32
    /// Why the comparison is not the whole previous period, when it is not (a month the data stops inside).
    public var note: String?

    /// Days covered.
    public var dayCount: Int { Int(last.days - first.days) + 1 }

    /// The `weeks`×7 days ending on `lastDay`, and the as many days before them.
    public static func weeks(_ weeks: Int, endingOn lastDay: Date32) -> ReportPeriod {
        let days = Int32(max(weeks, 1) * 7)
        let first = Date32(days: lastDay.days - days + 1)
        return ReportPeriod(
            first: first, last: lastDay, previousFirst: Date32(days: first.days - days), previousLast: Date32(days: first.days - 1), note: nil)
    }

    /// Calendar month `year`-`month`, against the month before; when the data's `lastDay` falls inside the month,
    /// the month up to that day against as many days from the previous month's start (so both cover the same
    /// number of days). Nil for a month after the data or not a month.
    public static func month(year: Int, month: Int, lastDay: Date32) -> ReportPeriod? {
        guard let first = Date32(year: year, month: month, day: 1), first <= lastDay else { return nil }
        let monthEnd = Date32(days: first.days + Int32(Date32.daysInMonth(year: year, month: month)) - 1)
        let (previousYear, previousMonth) = month == 1 ? (year - 1, 12) : (year, month - 1)
        guard let previousFirst = Date32(year: previousYear, month: previousMonth, day: 1) else { return nil }
        let previousEnd = Date32(days: first.days - 1)
        if lastDay >= monthEnd {
            return ReportPeriod(first: first, last: monthEnd, previousFirst: previousFirst, previousLast: previousEnd, note: nil)
        }
        let covered = lastDay.days - first.days
        let previousLast = Date32(days: min(previousFirst.days + covered, previousEnd.days))
        return ReportPeriod(first: first, last: lastDay, previousFirst: previousFirst, previousLast: previousLast, note: "partial month")
    }

    /// Parses `YYYY-MM`.
    public static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month), year >= 1970
        else { return nil }
        return (year, month)
    }
}
