import AurumCore

/// `LIKE` / `ILIKE`: `%` matches any run of characters, `_` exactly one; everything else matches itself (no
/// escape character, as DuckDB without ESCAPE). ILIKE lower-cases both sides. The pattern is matched once per
/// distinct (dictionary) value, not once per row.
enum Like {
    static func evaluate(_ value: Column, pattern: Column, caseInsensitive: Bool, negated: Bool) throws(QueryError) -> Column {
        let text = value.stringValues
        let patterns = pattern.stringValues
        let count = text.count
        let validity = mergeValidity(text.validity, patterns.validity)
        var result = [UInt8](repeating: 0, count: count)
        if patterns.dictionary.count == 1 {
            let compiled = compile(caseInsensitive ? patterns.dictionary[0].lowercased() : patterns.dictionary[0])
            let perEntry = text.dictionary.map { entry -> UInt8 in
                let subject = Array((caseInsensitive ? entry.lowercased() : entry).unicodeScalars)
                return matches(subject, compiled) != negated ? 1 : 0
            }
            for row in 0..<count where !text.isNull(row) { result[row] = perEntry[Int(text.codes[row])] }
        } else {
            for row in 0..<count {
                guard let subject = text[row], let pattern = patterns[row] else { continue }
                let a = Array((caseInsensitive ? subject.lowercased() : subject).unicodeScalars)
                let b = compile(caseInsensitive ? pattern.lowercased() : pattern)
                result[row] = matches(a, b) != negated ? 1 : 0
            }
        }
        return booleanColumn(result, validity)
    }

    /// The pattern's code points with each run of `%` made one `%` (`%%%` matches what `%` does): the matcher
    /// below backtracks to the last `%`, and a long run would cost its length at every backtrack.
    static func compile(_ pattern: String) -> [Unicode.Scalar] {
        var compiled: [Unicode.Scalar] = []
        for scalar in pattern.unicodeScalars where !(scalar == "%" && compiled.last == "%") { compiled.append(scalar) }
        return compiled
    }

    /// Iterative wildcard matching with backtracking to the last `%`: O(text × pattern) at worst, linear in
    /// practice; `pattern` comes from ``compile(_:)``.
    static func matches(_ text: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
        var textIndex = 0
        var patternIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count && (pattern[patternIndex] == "_" || (pattern[patternIndex] != "%" && pattern[patternIndex] == text[textIndex])) {
                textIndex += 1
                patternIndex += 1
            } else if patternIndex < pattern.count && pattern[patternIndex] == "%" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count && pattern[patternIndex] == "%" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
