/// Reads the values that ``PhrasePattern`` placeholders stand for: numbers, months, years and days.
enum PlaceholderReader {
    typealias Capture = PhrasePattern.Capture

    static func read(_ placeholder: PhrasePattern.Placeholder, _ tokens: [QuestionToken], _ position: Int) -> (end: Int, capture: Capture)? {
        guard position < tokens.count else { return nil }
        let token = tokens[position]
        switch placeholder {
        case .n:
            if token.kind == .number, let value = Int(token.folded), (0...100_000).contains(value) { return (position + 1, .int(value)) }
            if token.kind == .word, let value = numberWords[token.folded] { return (position + 1, .int(value)) }
            return nil
        case .x:
            let value: Double
            if token.kind == .number, let number = decimal(token.folded) {
                value = number
            } else if token.kind == .word, let number = numberWords[token.folded] {
                value = Double(number)
            } else {
                return nil
            }
            // "20k", "1.5M", "20 mil", "1,5 mi", "um milhão": a multiplier word after the number.
            if position + 1 < tokens.count, tokens[position + 1].kind == .word, let scale = multipliers[tokens[position + 1].folded] {
                return (position + 2, .number(value * scale))
            }
            return (position + 1, .number(value))
        case .pct:
            if token.kind == .symbol, token.folded == "%" { return (position + 1, .present) }
            if token.kind == .word, token.folded == "percent" || token.folded == "pct" { return (position + 1, .present) }
            if token.kind == .word, token.folded == "por", position + 1 < tokens.count, tokens[position + 1].folded == "cento" {
                return (position + 2, .present)
            }
            return nil
        case .year:
            guard token.kind == .number, token.folded.count == 4, let value = Int(token.folded), (1900...2100).contains(value) else { return nil }
            return (position + 1, .int(value))
        case .month:
            guard token.kind == .word, let month = monthNames[token.folded] else { return nil }
            return (position + 1, .int(month))
        case .mon:
            guard token.kind == .word, let month = monthNames[token.folded] ?? monthAbbreviations[token.folded] else { return nil }
            return (position + 1, .int(month))
        case .day:
            guard let (end, day) = dayNumber(tokens, position) else { return nil }
            return (end, .int(day))
        case .date:
            return date(tokens, position).map { ($0.end, .day($0.reference)) }
        case .monthyear:
            guard token.kind == .number, let (month, year) = monthYear(token.folded) else { return nil }
            return (position + 1, .monthYear(month: month, year: year))
        case .id:
            guard token.kind == .number, token.folded.count >= 5, token.folded.allSatisfy(\.isNumber) else { return nil }
            return (position + 1, .text(token.folded))
        }
    }

    /// A whole day: a date token, "March 5[th][,] [2024]", or "5[th] [de|of] março [de|of 2024]".
    static func date(_ tokens: [QuestionToken], _ position: Int) -> (end: Int, reference: DayReference)? {
        let token = tokens[position]
        if token.kind == .number, let reference = DayReference(token: token.folded), token.folded.count >= 3 {
            return (position + 1, reference)
        }
        // Month first: "March 5", "March 5th, 2024".
        if token.kind == .word, let month = monthNames[token.folded] ?? monthAbbreviations[token.folded],
            let (afterDay, day) = dayNumber(tokens, position + 1)
        {
            var end = afterDay
            var year: Int?
            var probe = end
            if probe < tokens.count, tokens[probe].folded == "," { probe += 1 }
            if case (let yearEnd, .int(let value))? = read(.year, tokens, probe) {
                year = value
                end = yearEnd
            }
            guard DayReference(year: year, month: month, day: day).isPossible else { return nil }
            return (end, DayReference(year: year, month: month, day: day))
        }
        // Day first: "5 de março de 2024", "5th of March", "5 March 2024".
        if let (afterDay, day) = dayNumber(tokens, position) {
            var probe = afterDay
            if probe < tokens.count, ["de", "of"].contains(tokens[probe].folded) { probe += 1 }
            guard probe < tokens.count, tokens[probe].kind == .word,
                let month = monthNames[tokens[probe].folded] ?? monthAbbreviations[tokens[probe].folded]
            else { return nil }
            var end = probe + 1
            var year: Int?
            var yearProbe = end
            if yearProbe < tokens.count, ["de", "of", ","].contains(tokens[yearProbe].folded) { yearProbe += 1 }
            if case (let yearEnd, .int(let value))? = read(.year, tokens, yearProbe) {
                year = value
                end = yearEnd
            }
            guard DayReference(year: year, month: month, day: day).isPossible else { return nil }
            return (end, DayReference(year: year, month: month, day: day))
        }
        return nil
    }

    /// A day of the month, 1–31, with an optional ordinal suffix ("5th", "1º", "1o").
    static func dayNumber(_ tokens: [QuestionToken], _ position: Int) -> (end: Int, day: Int)? {
        guard position < tokens.count, tokens[position].kind == .number, tokens[position].folded.count <= 2,
            let day = Int(tokens[position].folded), (1...31).contains(day)
        else { return nil }
        var end = position + 1
        if end < tokens.count, tokens[end].kind == .word, ["st", "nd", "rd", "th", "o", "º"].contains(tokens[end].folded) { end += 1 }
        return (end, day)
    }

    /// A decimal number: `2.5`, `2,5`; one separator before exactly three digits groups thousands (`1.000`,
    /// `1,000`); with both, the last one is the decimal point (`1.000,50`, `1,000.50`).
    static func decimal(_ text: String) -> Double? {
        let lastDot = text.lastIndex(of: ".")
        let lastComma = text.lastIndex(of: ",")
        var normalized = text
        switch (lastDot, lastComma) {
        case (nil, nil): break
        case (let dot?, let comma?):
            let decimalSeparator: Character = dot > comma ? "." : ","
            normalized = String(text.compactMap { $0 == decimalSeparator ? "." : ($0 == "." || $0 == "," ? nil : $0) })
        case (let separator?, nil), (nil, let separator?):
            let character = text[separator]
            let parts = text.split(separator: character, omittingEmptySubsequences: false)
            let grouping = parts.count > 2 || (parts.count == 2 && parts[1].count == 3)
            normalized = grouping ? parts.joined() : parts.joined(separator: ".")
        }
        guard normalized.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Double(normalized)
    }

    /// `MM/YYYY`, `MM-YYYY` or `YYYY-MM`.
    static func monthYear(_ text: String) -> (month: Int, year: Int)? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" })
        guard parts.count == 2, let first = Int(parts[0]), let second = Int(parts[1]) else { return nil }
        if parts[0].count == 4, parts[1].count <= 2, (1...12).contains(second) { return (second, first) }
        if parts[1].count == 4, parts[0].count <= 2, (1...12).contains(first) { return (first, second) }
        return nil
    }

    static let monthNames: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "janeiro": 1, "fevereiro": 2, "marco": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
        "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    ]

    /// Abbreviations read as months only next to a day or a year ("mar 2024"), never alone ("set", "out").
    static let monthAbbreviations: [String: Int] = [
        "jan": 1, "feb": 2, "fev": 2, "mar": 3, "apr": 4, "abr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8,
        "ago": 8, "sep": 9, "sept": 9, "set": 9, "oct": 10, "out": 10, "nov": 11, "dec": 12, "dez": 12,
    ]

    /// Words that scale the number before them in a condition ("20k", "1.5M", "20 mil", "1,5 mi", "2 milhões").
    static let multipliers: [String: Double] = [
        "k": 1e3, "thousand": 1e3, "mil": 1e3, "m": 1e6, "mm": 1e6, "mi": 1e6, "million": 1e6, "millions": 1e6,
        "milhao": 1e6, "milhoes": 1e6, "bn": 1e9, "billion": 1e9, "bilhao": 1e9, "bilhoes": 1e9,
    ]

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
        "ninety": 90, "hundred": 100,
        "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
        "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "quinze": 15, "vinte": 20, "trinta": 30,
        "cinquenta": 50, "noventa": 90, "cem": 100,
    ]
}
