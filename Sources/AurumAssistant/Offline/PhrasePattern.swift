/// A phrase the offline translator recognises, written as a small pattern over folded words.
///
/// Syntax, element by element (separated by spaces):
/// - `last|past|previous`: one word among the alternatives; a trailing `?` makes it optional;
/// - `[of <year>]`: an optional group of elements;
/// - placeholders that capture a value: `<n>` (a whole number, digits or a number word), `<x>` (a decimal
///   number, `2,5` or `2.5`), `<pct>` (a `%` or "percent"/"por cento", captured as present or absent),
///   `<year>` (1900–2100), `<month>` (a month's full name), `<mon>` (full or abbreviated), `<day>` (1–31,
///   with an ordinal suffix), `<date>` (a whole day: `2024-03-01`, `01/03/2024`, "March 5, 2024",
///   "5 de março de 2024"), `<monthyear>` (`03/2024`, `2024-03`), `<id>` (a run of at least 5 digits).
/// A placeholder inside an optional element or group that is skipped captures ``Capture/absent``, so that
/// captures keep their positions.
struct PhrasePattern: Sendable {
    indirect enum Element: Sendable {
        case word(Set<String>)
        case placeholder(Placeholder)
        case optional(Element)
        case group([Element])
    }

    enum Placeholder: String, Sendable {
        case n, x, pct, year, month, mon, day, date, monthyear, id
    }

    /// A value a placeholder captured.
    enum Capture: Equatable, Sendable {
        case int(Int)
        case number(Double)
        case day(DayReference)
        case monthYear(month: Int, year: Int)
        case text(String)
        case present
        case absent

        var int: Int? { if case .int(let value) = self { value } else { nil } }
    }

    let elements: [Element]

    init(_ text: String) {
        var elements: [Element] = []
        var groupStack: [[Element]] = []
        for raw in text.split(separator: " ") {
            var word = Substring(raw)
            var opensGroup = false
            if word.hasPrefix("[") {
                opensGroup = true
                word = word.dropFirst()
            }
            var closesGroups = 0
            while word.hasSuffix("]") {
                closesGroups += 1
                word = word.dropLast()
            }
            if opensGroup { groupStack.append([]) }
            let optional = word.hasSuffix("?") && word.count > 1
            if optional { word = word.dropLast() }
            var element: Element
            if word.hasPrefix("<"), word.hasSuffix(">") {
                guard let placeholder = Placeholder(rawValue: String(word.dropFirst().dropLast())) else {
                    preconditionFailure("unknown placeholder in pattern '\(text)'")
                }
                element = .placeholder(placeholder)
            } else {
                element = .word(Set(word.split(separator: "|").map(String.init)))
            }
            if optional { element = .optional(element) }
            if groupStack.isEmpty { elements.append(element) } else { groupStack[groupStack.count - 1].append(element) }
            for _ in 0..<closesGroups {
                precondition(!groupStack.isEmpty, "unbalanced ] in pattern '\(text)'")
                let group = Element.optional(.group(groupStack.removeLast()))
                if groupStack.isEmpty { elements.append(group) } else { groupStack[groupStack.count - 1].append(group) }
            }
        }
        precondition(groupStack.isEmpty, "unbalanced [ in pattern '\(text)'")
        self.elements = elements
    }

    /// The longest match starting at `start`: the index after it and the captures; nil when none.
    func longestMatch(_ tokens: [QuestionToken], at start: Int) -> (end: Int, captures: [Capture])? {
        var best: (end: Int, captures: [Capture])?
        for candidate in Self.matches(elements[...], tokens, start, []) where candidate.end > (best?.end ?? start) {
            best = candidate
        }
        return best
    }

    private static func matches(
        _ elements: ArraySlice<Element>, _ tokens: [QuestionToken], _ position: Int, _ captures: [Capture]
    ) -> [(end: Int, captures: [Capture])] {
        guard let element = elements.first else { return [(position, captures)] }
        let rest = elements.dropFirst()
        var results: [(end: Int, captures: [Capture])] = []
        for (end, captured) in matchElement(element, tokens, position) {
            results += matches(rest, tokens, end, captures + captured)
        }
        return results
    }

    /// Every way `element` can match at `position`: the index after it and what it captured.
    private static func matchElement(_ element: Element, _ tokens: [QuestionToken], _ position: Int) -> [(Int, [Capture])] {
        switch element {
        case .word(let words):
            guard position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .symbol,
                words.contains(tokens[position].folded)
            else { return [] }
            return [(position + 1, [])]
        case .placeholder(let placeholder):
            return PlaceholderReader.read(placeholder, tokens, position).map { [($0.end, [$0.capture])] } ?? []
        case .optional(let inner):
            let skipped = [Capture](repeating: .absent, count: captureCount(inner))
            return matchElement(inner, tokens, position) + [(position, skipped)]
        case .group(let inner):
            return matches(inner[...], tokens, position, []).map { ($0.end, $0.captures) }
        }
    }

    private static func captureCount(_ element: Element) -> Int {
        switch element {
        case .word: 0
        case .placeholder: 1
        case .optional(let inner): captureCount(inner)
        case .group(let inner): inner.reduce(0) { $0 + captureCount($1) }
        }
    }
}
