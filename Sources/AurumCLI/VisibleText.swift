/// Text shown to people with its invisible characters made visible: a NUL, a byte-order mark or a zero-width
/// space in a query would otherwise print as nothing, and an error pointing at it would point at nothing.
enum VisibleText {
    /// Whether `scalar` prints as nothing (or moves the cursor): controls other than tab and newline, format
    /// characters (U+FEFF, U+200B, …) and the line and paragraph separators.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `scalar` as `<U+FEFF>`.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// `text` with each invisible character written as `<U+XXXX>`.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { result += escape(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// A rendered query error (message; then the query's line and a caret line under it, each indented two
    /// spaces) with invisible characters escaped, the caret moved right by what the escapes before it added.
    static func queryError(_ rendered: String) -> String {
        var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 3, lines[1].hasPrefix("  "), lines[2].hasPrefix("  "), lines[2].hasSuffix("^") else {
            return escaped(rendered)
        }
        let caretColumn = lines[2].count - 3
        var shift = 0
        for (index, character) in lines[1].dropFirst(2).enumerated() where index < caretColumn {
            for scalar in character.unicodeScalars where isInvisible(scalar) { shift += escape(scalar).count - 1 }
        }
        lines[0] = escaped(lines[0])
        lines[1] = escaped(lines[1])
        lines[2] = String(repeating: " ", count: lines[2].count - 1 + shift) + "^"
        return lines.joined(separator: "\n")
    }
}
