import Foundation

/// Checks that every number a model wrote is one Aurum computed (docs/insights.md, "Validation").
///
/// A number is a run of digits with the reply's separators (``InsightSheet/NumberStyle``: `1,234.5` in English,
/// `1.234,5` in Portuguese; a number that does not read in that style is refused, never guessed), then an optional
/// scale word (`k`/`mil` thousand, `M`/`mi` million, `B`/`bi` billion) and an optional `%` or `x`. It is grounded when
/// some figure of the sheet, rounded to the digits shown, gives it: `BRL 1,820` and `1.8k` for 1,820.00; `50%`
/// and `50.0%` for a change of -0.5 (percentages are read against ``InsightSheet/fractions`` times 100, everything
/// else against ``InsightSheet/amounts``). Signs are not compared (the words say "fell" or "rose"; "−50%" and "50%"
/// both quote a change of -0.5). Digits inside a campaign name of the sheet (one with a letter: a bare "5" would
/// hide every 5 of the text) and in a `YYYY-MM-DD` day of the sheet are not numbers; any other day is refused. A
/// number inside a word (`Q3`, `BRL9,999`) is checked like any other: the reader still sees it. When the sheet
/// says which figures are whose money (``InsightSheet/money``), a number written with a currency (`BRL 420`,
/// `R$ 420`, `420 BRL`) must be one of that currency's: a BRL figure is not USD.
public enum NumberGrounding {
    /// Why `text` quotes a number the sheet does not hold, or nil when every number is grounded.
    public static func rejection(_ text: String, sheet: InsightSheet) -> String? {
        var rest = text
        for name in sheet.campaigns.sorted(by: { $0.count > $1.count }) where name.contains(where: \.isLetter) {
            rest = rest.replacingOccurrences(of: name, with: " ")
        }
        while let day = rest.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) {
            let iso = String(rest[day])
            guard sheet.dates.contains(iso) else { return "the day \(iso) in \"\(text)\" is not one of the facts' days" }
            rest.replaceSubrange(day, with: " ")
        }
        let characters = Array(rest)
        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]) else {
                index += 1
                continue
            }
            let start = index
            var end = index
            while end < characters.count, isDigit(characters[end]) || characters[end] == "," || characters[end] == "." { end += 1 }
            var tokenEnd = end
            // A sentence's full stop or a list's comma after the number is not part of it.
            while tokenEnd > index, !isDigit(characters[tokenEnd - 1]) { tokenEnd -= 1 }
            let token = String(characters[index..<tokenEnd])
            index = end
            guard let (value, decimals) = read(token, style: sheet.style) else {
                let example = sheet.style == .english ? "1,234.5" : "1.234,5"
                return "cannot read the number '\(token)' in \"\(text)\": write numbers the \(sheet.style.rawValue) way (\(example))"
            }
            let (multiplier, percent, after) = unit(characters, from: end)
            index = after
            var targets = percent ? sheet.fractions.map { abs($0) * 100 } : sheet.amounts.map(abs)
            if !percent, !sheet.money.isEmpty, let currency = currency(characters, before: start, after: after, known: sheet.money) {
                guard let figures = sheet.money[currency] else {
                    return "\(currency) in \"\(text)\" is not a currency of the facts (\(sheet.money.keys.sorted().joined(separator: ", ")))"
                }
                targets = figures.map(abs)
            }
            let tolerance = 0.5 * pow(10, -Double(decimals)) * multiplier
            let written = value * multiplier
            let grounded = targets.contains { target in abs(written - target) <= tolerance + 1e-9 * max(1, target) }
            if !grounded {
                let shown = String(characters[start..<(after == end ? tokenEnd : after)])
                return "the number '\(shown)' in \"\(text)\" is not one of the facts' figures (nor one rounded to the digits shown)"
            }
        }
        return nil
    }

    /// `token`'s value and how many decimal digits it shows, read in `style`; nil when it does not read so
    /// (`1,5` in English, `3.46` in Portuguese, separators out of place).
    static func read(_ token: String, style: InsightSheet.NumberStyle) -> (value: Double, decimals: Int)? {
        let group: Character = style == .english ? "," : "."
        let mark: Character = style == .english ? "." : ","
        let halves = token.split(separator: mark, omittingEmptySubsequences: false)
        guard halves.count <= 2, let whole = halves.first, !whole.isEmpty else { return nil }
        let fraction = halves.count == 2 ? halves[1] : ""
        guard fraction.allSatisfy(isDigit), halves.count == 1 || !fraction.isEmpty else { return nil }
        let groups = whole.split(separator: group, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...(groups.count > 1 ? 3 : Int.max)).contains(first.count),
            groups.allSatisfy({ $0.allSatisfy(isDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        guard let value = Double(groups.joined() + (fraction.isEmpty ? "" : "." + fraction)) else { return nil }
        return (value, fraction.count)
    }

    /// The scale word and `%` after a number ending at `start`: the multiplier, whether it is a percentage, and
    /// where the text goes on.
    private static func unit(_ characters: [Character], from start: Int) -> (multiplier: Double, percent: Bool, end: Int) {
        var index = start
        var multiplier = 1.0
        var probe = index
        if probe < characters.count, characters[probe] == " " || characters[probe] == "\u{00A0}" { probe += 1 }
        var wordEnd = probe
        while wordEnd < characters.count, characters[wordEnd].isLetter { wordEnd += 1 }
        if let scale = scales[String(characters[probe..<wordEnd])] {
            multiplier = scale
            index = wordEnd
        }
        probe = index
        if probe < characters.count, characters[probe] == " " || characters[probe] == "\u{00A0}" { probe += 1 }
        if probe < characters.count, characters[probe] == "%" { return (multiplier, true, probe + 1) }
        return (multiplier, false, index)
    }

    /// The currency written right before the number (`BRL 420`, `R$ 420`) or right after it (`420 BRL`), if any.
    private static func currency(_ characters: [Character], before start: Int, after end: Int, known: [String: [Double]]) -> String? {
        var index = start
        if index > 0, characters[index - 1] == " " || characters[index - 1] == "\u{00A0}" { index -= 1 }
        var word = index
        while word > 0, characters[word - 1].isLetter || characters[word - 1] == "$" || characters[word - 1] == "€" { word -= 1 }
        if let currency = currencyName(String(characters[word..<index]), known: known) { return currency }
        index = end
        if index < characters.count, characters[index] == " " || characters[index] == "\u{00A0}" { index += 1 }
        word = index
        while word < characters.count, characters[word].isLetter { word += 1 }
        return currencyName(String(characters[index..<word]), known: known)
    }

    /// A currency code of the facts or of ISO 4217 (so `CPA` or `CTR` before a number is no currency), or a symbol
    /// that names one currency (`R$`, `US$`, `€`, `£`); a bare `$` names none.
    private static func currencyName(_ word: String, known: [String: [Double]]) -> String? {
        if known[word] != nil || isoCurrencies.contains(word) { return word }
        return ["R$": "BRL", "US$": "USD", "€": "EUR", "£": "GBP"][word]
    }

    private static let isoCurrencies = Set(Locale.commonISOCurrencyCodes)

    private static let scales: [String: Double] = ["k": 1e3, "K": 1e3, "mil": 1e3, "M": 1e6, "mi": 1e6, "MM": 1e6, "B": 1e9, "bi": 1e9, "bn": 1e9]

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
