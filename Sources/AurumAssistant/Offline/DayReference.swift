import AurumCore

/// A calendar day as a question names it, perhaps without its year ("5 de março", "March 5").
struct DayReference: Equatable, Sendable {
    var year: Int?
    var month: Int
    var day: Int

    /// The date; without a year, the latest such date that is not after `today`. Nil when no such date exists
    /// (e.g. 2024-02-30, or 29 February in every year looked at).
    func resolve(today: Date32) -> Date32? {
        if let year { return Date32(year: year, month: month, day: day) }
        let currentYear = today.civil.year
        for year in stride(from: currentYear, through: currentYear - 8, by: -1) {
            if let date = Date32(year: year, month: month, day: day), date <= today { return date }
        }
        return nil
    }

    /// Reads a date token: `YYYY-MM-DD`, `DD/MM/YYYY`, `DD/MM` (day first; ``SlashDates`` has already put
    /// month-first dates in that order; month first only when the day-first reading is impossible), or
    /// `DD.MM.YYYY`.
    init?(token text: String) {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4 {
            guard let year = Int(iso[0]), let month = Int(iso[1]), let day = Int(iso[2]), iso[1].count <= 2, iso[2].count <= 2,
                Date32(year: year, month: month, day: day) != nil
            else { return nil }
            self.init(year: year, month: month, day: day)
            return
        }
        let separator: Character = text.contains("/") ? "/" : "."
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 || (parts.count == 2 && separator == "/"), parts[0].count <= 2, parts[1].count <= 2,
            let first = Int(parts[0]), let second = Int(parts[1])
        else { return nil }
        var year: Int?
        if parts.count == 3 {
            guard parts[2].count == 4, let value = Int(parts[2]) else { return nil }
            year = value
        }
        let (day, month) = (1...12).contains(second) ? (first, second) : (second, first)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let year, Date32(year: year, month: month, day: day) == nil { return nil }
        self.init(year: year, month: month, day: day)
    }

    init(year: Int?, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension DayReference {
    /// Whether some year has this month and day (29 February counts).
    var isPossible: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= Date32.daysInMonth(year: year ?? 2024, month: month)
    }
}
