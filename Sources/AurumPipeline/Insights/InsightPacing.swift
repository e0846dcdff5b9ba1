import AurumCore

/// Pacing (docs/insights.md): per currency, the spend of the month so far (its first day to the data's last day,
/// `d` days) against the same days of the previous month (its days 1 to `d`, or to its end when shorter), and
/// that whole month's spend. Stated only when the previous month has rows in those days: against no data there is
/// no pace. Spend only, per currency; nothing is projected.
enum InsightPacing {
    static func facts(daily: Batch, lastDay: Date32) -> [InsightFact] {
        guard case .date(let dates)? = daily.column(named: "date"), case .string(let currencies)? = daily.column(named: "currency"),
            case .double(let spend)? = daily.column(named: "spend")
        else { return [] }
        let (year, month, dayOfMonth) = lastDay.civil
        let (previousYear, previousMonth) = month == 1 ? (year - 1, 12) : (year, month - 1)
        guard let monthFirst = Date32(year: year, month: month, day: 1), let previousFirst = Date32(year: previousYear, month: previousMonth, day: 1)
        else { return [] }
        let previousLength = Date32.daysInMonth(year: previousYear, month: previousMonth)
        let sameDaysLast = Date32(days: previousFirst.days + Int32(min(dayOfMonth, previousLength) - 1))
        let previousLast = Date32(days: previousFirst.days + Int32(previousLength - 1))
        struct Sums {
            var soFar = 0.0
            var sameDays = 0.0
            var sameDaysRows = 0
            var previousMonth = 0.0
        }
        var sums: [String: Sums] = [:]
        for row in 0..<daily.rowCount {
            let day = dates.values[row]
            let currency = currencies[row] ?? ""
            if day >= monthFirst.days && day <= lastDay.days {
                sums[currency, default: Sums()].soFar += spend.values[row]
            } else if day >= previousFirst.days && day <= previousLast.days {
                sums[currency, default: Sums()].previousMonth += spend.values[row]
                if day <= sameDaysLast.days {
                    sums[currency, default: Sums()].sameDays += spend.values[row]
                    sums[currency, default: Sums()].sameDaysRows += 1
                }
            }
        }
        return sums.keys.sorted().compactMap { currency in
            guard let sum = sums[currency], sum.sameDaysRows > 0 else { return nil }
            return .pacing(
                currency: currency, first: monthFirst, last: lastDay, spend: sum.soFar, previousFirst: previousFirst, previousLast: sameDaysLast,
                previousSpend: sum.sameDays, previousMonthSpend: sum.previousMonth)
        }
    }
}
