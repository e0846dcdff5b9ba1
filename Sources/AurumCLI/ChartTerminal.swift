import AurumCharts
import Foundation

/// What a terminal chart may use where it is going: Unicode when the locale is UTF-8, ANSI colour only on a
/// terminal and never with `NO_COLOR` (https://no-color.org) or `TERM=dumb`.
enum ChartTerminal {
    /// The glyphs for a chart written to standard output now.
    static func standardOutputGlyphs(environment: [String: String] = ProcessInfo.processInfo.environment) -> ChartGlyphs {
        glyphs(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    /// The glyphs for a chart going to a terminal (`isTerminal`) or elsewhere, under `environment`.
    static func glyphs(isTerminal: Bool, environment: [String: String]) -> ChartGlyphs {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        return ChartGlyphs(unicode: localeIsUTF8(environment), colour: isTerminal && !noColour)
    }

    /// Whether the character-type locale is UTF-8, read as `setlocale` reads it: the first set of `LC_ALL`,
    /// `LC_CTYPE`, `LANG`; none set is the C locale (ASCII). (The REPL's line editor reads input as UTF-8 in
    /// any locale; what it shows back is the terminal's business. A chart is drawn, so it follows the locale.)
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let folded = name.lowercased()
        return folded.contains("utf-8") || folded.contains("utf8")
    }

    /// Columns a chart on standard output takes: `maxWidth` when given, else the terminal's, else 80.
    static func width(maxWidth: Int?) -> Int {
        maxWidth ?? TerminalSize.standardOutputColumns ?? 80
    }
}
