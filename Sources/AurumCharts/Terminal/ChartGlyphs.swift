import AurumCore

/// The characters and colours a terminal chart is drawn with: Unicode (braille dots, box-drawing axes,
/// eighth-block bars) on a UTF-8 terminal, plain ASCII otherwise; ANSI colours only when asked.
public struct ChartGlyphs: Sendable, Equatable {
    /// Whether the terminal takes UTF-8 (its locale says so).
    public var unicode: Bool
    /// Whether to colour the series (a terminal, and no `NO_COLOR`).
    public var colour: Bool

    /// Glyphs for a UTF-8 terminal or not, in colour or not.
    public init(unicode: Bool, colour: Bool) {
        self.unicode = unicode
        self.colour = colour
    }

    /// ANSI foreground colours of the series, in order (cyan, yellow, magenta, green: readable on dark and light
    /// backgrounds).
    static let ansiColours = ["36", "33", "35", "32"]
    /// The marks of the series in ASCII, where there are no dots and maybe no colours to tell them apart.
    static let asciiMarks: [Character] = ["*", "+", "o", "x"]

    /// `text` in series `index`'s colour (as is without colour).
    public func coloured(_ text: String, series index: Int) -> String {
        guard colour, !text.isEmpty else { return text }
        return "\u{1B}[" + Self.ansiColours[index % Self.ansiColours.count] + "m" + text + "\u{1B}[0m"
    }

    /// The mark shown before a series' name in a legend.
    func legendMark(series index: Int) -> String {
        unicode ? "⣿" : String(Self.asciiMarks[index % Self.asciiMarks.count])
    }

    var vertical: String { unicode ? "│" : "|" }
    var tickLeft: String { unicode ? "┤" : "+" }
    var horizontal: String { unicode ? "─" : "-" }
    var corner: String { unicode ? "└" : "+" }
    var tickBelow: String { unicode ? "┬" : "+" }
    var ellipsis: String { unicode ? "…" : "..." }

    /// `text` made safe and single-line for a terminal: control characters (an escape sequence would drive the
    /// terminal) become `?`, line breaks a space.
    public func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                result.unicodeScalars.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : "?")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` cut to `width` terminal columns, ending in the ellipsis when cut.
    public func cut(_ text: String, to width: Int) -> String {
        guard TableRenderer.displayWidth(text) > width else { return text }
        let room = width - TableRenderer.displayWidth(ellipsis)
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = TableRenderer.displayWidth(String(character))
            if used + characterWidth > room { break }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }

    /// `text` padded with spaces to `width` terminal columns, on the left when `right`.
    public func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - TableRenderer.displayWidth(text)))
        return right ? padding + text : text + padding
    }
}
