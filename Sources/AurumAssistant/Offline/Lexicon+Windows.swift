/// Time windows: "last 7 days", "semana passada", "março de 2024", "between 2024-03-01 and 2024-03-15", …
extension Lexicon {
    static let windows: [PhraseEntry] = relativeWindows + calendarWindows + dayWindows

    private static let relativeWindows: [PhraseEntry] =
        PhraseEntry.capturing(["last|past|previous|prior|trailing <n> days|day", "ultimos|ultimas|passados <n> dias|dia"]) { captures in
            guard let count = captures[0].int, count >= 1 else { return nil }
            return .window(.lastDays(count))
        }
        + PhraseEntry.capturing(["last|past|previous|prior|trailing <n> weeks|week", "ultimas|passadas <n> semanas|semana"]) { captures in
            guard let count = captures[0].int, count >= 1 else { return nil }
            return .window(.lastWeeks(count))
        }
        + PhraseEntry.capturing(["last|past|previous|prior|trailing <n> months|month", "ultimos|passados <n> meses|mes"]) { captures in
            guard let count = captures[0].int, count >= 1 else { return nil }
            return .window(.lastMonths(count))
        }
        + PhraseEntry.fixed(["last|past|previous|prior week", "semana passada|anterior", "ultima semana"], .window(.lastWeek))
        + PhraseEntry.fixed(["last|past|previous|prior month", "mes passado|anterior", "ultimo mes"], .window(.lastMonth))
        + PhraseEntry.fixed(["last|past|previous|prior quarter", "trimestre passado|anterior", "ultimo trimestre"], .window(.lastQuarter))
        + PhraseEntry.fixed(["last|past|previous|prior year", "ano passado|anterior", "no|do ano passado|anterior", "ultimo ano"], .window(.lastYear))
        + PhraseEntry.fixed(
            [
                "this|current week", "week to date", "wtd", "esta|essa|nesta|nessa|desta|dessa semana", "semana atual|corrente",
                "since the start|beginning of the week", "desde o inicio da semana",
            ], .window(.thisWeek))
        + PhraseEntry.fixed(
            [
                "this|current month", "month to date", "mtd", "este|esse|neste|nesse|deste|desse mes", "mes atual|corrente",
                "since the start|beginning of the month", "desde o inicio do mes",
            ], .window(.thisMonth))
        + PhraseEntry.fixed(
            ["this|current quarter", "quarter to date", "este|esse|neste|nesse|deste|desse trimestre", "trimestre atual|corrente"],
            .window(.thisQuarter))
        + PhraseEntry.fixed(
            [
                "this|current year", "year to date", "ytd", "este|esse|neste|nesse|deste|desse ano", "ano atual|corrente", "no|do ano",
                "acumulado do|no ano", "no acumulado do ano", "since the start|beginning of the year", "desde o inicio do ano",
            ], .window(.thisYear))
        + PhraseEntry.fixed(["today", "hoje"], .window(.today))
        + PhraseEntry.fixed(["yesterday", "ontem"], .window(.daysAgo(1)))
        + PhraseEntry.fixed(["the? day before yesterday", "anteontem", "antes de ontem"], .window(.daysAgo(2)))

    private static let calendarWindows: [PhraseEntry] =
        PhraseEntry.capturing(["<month>", "month|mes of|de <month>"]) { captures in
            captures[0].int.map { .window(.month($0, year: nil)) }
        }
        + PhraseEntry.capturing(["<mon> of|de|,? <year>", "month|mes of|de <mon> of|de|,? <year>"]) { captures in
            guard let month = captures[0].int, let year = captures[1].int else { return nil }
            return .window(.month(month, year: year))
        }
        + PhraseEntry.capturing(["<monthyear>"]) { captures in
            guard case .monthYear(let month, let year) = captures[0] else { return nil }
            return .window(.month(month, year: year))
        }
        + (1...4).flatMap { quarter in
            let ordinal = ["first|1st", "second|2nd", "third|3rd", "fourth|4th"][quarter - 1]
            let portuguese = ["primeiro", "segundo", "terceiro", "quarto"][quarter - 1]
            return PhraseEntry.capturing(["q\(quarter) [of|de|,? <year>]", "\(ordinal) quarter [of|,? <year>]", "\(portuguese) trimestre [de|do? <year>]"]) {
                .window(.quarter(quarter, year: $0[0].int))
            }
        }
        + PhraseEntry.capturing(["<n> º|o trimestre [de|do? <year>]"]) { captures in
            guard let quarter = captures[0].int, (1...4).contains(quarter) else { return nil }
            return .window(.quarter(quarter, year: captures[1].int))
        }
        + PhraseEntry.capturing(["<year>", "year|ano of|de? <year>"]) { captures in captures[0].int.map { .window(.year($0)) } }

    private static let dayWindows: [PhraseEntry] =
        PhraseEntry.capturing(["<date>", "day|dia <date>"]) { captures in
            guard case .day(let reference) = captures[0] else { return nil }
            return .window(.day(reference))
        }
        + PhraseEntry.capturing(["week|semana of|de|do|starting|beginning|commencing dia? <date>"]) { captures in
            guard case .day(let reference) = captures[0] else { return nil }
            return .window(.weekOf(reference))
        }
        + PhraseEntry.capturing(
            [
                "between|from <date> and|to|through|thru|until|till <date>",
                "entre|de|do|desde dia? <date> e|a|ate|ao dia? <date>",
                "<date> to|through|thru|until|a|ate <date>",
            ]
        ) { captures in
            guard case .day(let from) = captures[0], case .day(let to) = captures[1] else { return nil }
            return .window(.between(from, to))
        }
        + PhraseEntry.capturing(
            ["between|from|entre|de|do? dia? <day> and|to|through|until|e|a|ate|ao dia? <day> de|of? <mon> [de|of|,? <year>]"]
        ) { captures in
            dayRange(first: captures[0], last: captures[1], month: captures[2], year: captures[3])
        }
        + PhraseEntry.capturing(["between|from? <mon> <day> and|to|through|until <day> [,? <year>]"]) { captures in
            dayRange(first: captures[1], last: captures[2], month: captures[0], year: captures[3])
        }
        + PhraseEntry.capturing(["since|desde|starting|from <date>", "a partir de|do? dia? <date>"]) { captures in
            guard case .day(let reference) = captures[0] else { return nil }
            return .window(.since(reference))
        }
        + PhraseEntry.capturing(
            [
                "between|entre <mon> [de|of|,? <year>] and|e <mon> [de|of|,? <year>]",
                "from|de|desde|do? <mon> [de|of|,? <year>] to|through|thru|until|till|a|ate|ao <mon> [de|of|,? <year>]",
            ]
        ) { captures in
            guard let first = captures[0].int, let last = captures[2].int else { return nil }
            return .window(.monthRange(first: first, firstYear: captures[1].int, last: last, lastYear: captures[3].int))
        }
        + PhraseEntry.capturing(
            [
                "since|desde <mon> [de|of|,? <year>]", "a partir de <mon> [de|of|,? <year>]",
                "since|from the start|beginning of <mon> [de|of|,? <year>]", "desde o inicio|comeco de <mon> [de|of|,? <year>]",
            ]
        ) { captures in
            guard let month = captures[0].int else { return nil }
            return .window(.since(DayReference(year: captures[1].int, month: month, day: 1)))
        }

    /// "1 a 15 de março", "March 1 to 15, 2024".
    private static func dayRange(
        first: PhrasePattern.Capture, last: PhrasePattern.Capture, month: PhrasePattern.Capture, year: PhrasePattern.Capture
    ) -> QuestionPiece? {
        guard let firstDay = first.int, let lastDay = last.int, let month = month.int else { return nil }
        return .window(.between(DayReference(year: year.int, month: month, day: firstDay), DayReference(year: year.int, month: month, day: lastDay)))
    }
}
