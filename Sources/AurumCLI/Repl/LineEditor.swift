import CEditLine
import Foundation

/// Line editing on a terminal through libedit's readline interface: arrow keys, Ctrl-A/E, Ctrl-R reverse search,
/// history (loaded from and appended to a ``HistoryFile``) and tab completion from ``Completion``.
///
/// The only file that touches libedit. libedit keeps one editor per process, so there is at most one
/// `LineEditor` at a time; its completion callback is a C function that finds the Swift closure in a global.
final class LineEditor: LineSource {
    typealias Completer = (_ lineBeforeCursor: String, _ lineAfterCursor: String) -> Completion.Outcome

    private let history: HistoryFile?
    private var lastEntry: String?
    /// Whether writing the history file failed (said once, then the session goes on without it).
    private var historyUnwritable = false

    var isInteractive: Bool { true }

    /// Whether standard input is a terminal; when it is not, read it with ``PlainLineSource``.
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    init(history: HistoryFile?, completer: @escaping Completer) {
        self.history = history
        // libedit reads ~/.editrc; `aurum:` lines there apply to the REPL only. Every character that cannot be in
        // a name, a number or `table.column` ends the word to complete; not `/`, `-` or `~`, so that a file name
        // after `.read` stays one word. Both strings live as long as the process.
        aurum_editline_configure(UnsafePointer(strdup("aurum")), UnsafePointer(strdup(" \t\n\"'`@$><=;|&{}(),+*%!")), completeWord)
        Self.adoptCharacterLocale()
        rl_initialize()
        activeCompleter = completer
        let capacity = history?.capacity ?? HistoryFile.defaultCapacity
        stifle_history(Int32(capacity))
        for entry in history?.load() ?? [] {
            add_history(entry)
            lastEntry = entry
        }
    }

    deinit {
        activeCompleter = nil
    }

    /// libedit reads keys as wide characters, decoding the typed bytes with the C library's `LC_CTYPE`. A process
    /// starts in the "C" locale, where every byte above 127 fails to decode and libedit drops it (`março` came
    /// through as `maro`). So take the user's locale, as every terminal program does; when that is not UTF-8
    /// (`LANG` unset, or POSIX), take C.UTF-8 instead: Aurum's text is UTF-8 whatever the locale says. Only
    /// `LC_CTYPE` changes; number formatting (`LC_NUMERIC`) stays "C".
    private static func adoptCharacterLocale() {
        setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" else {
            setlocale(LC_CTYPE, "C.UTF-8")
            return
        }
    }

    /// A line from libedit. Ctrl-C at the prompt gives `.interrupted` (like duckdb and sqlite3) instead of ending
    /// the process: SIGINT is caught only while waiting here, so it still stops a running query.
    func readLine(prompt: String) -> LineRead {
        interruptReceived = 0
        let previous = signal(SIGINT, noteInterrupt)
        let line = readline(prompt)
        signal(SIGINT, previous)
        defer { free(line) }
        if interruptReceived != 0 {
            // Usually readline returns nil at once. If Ctrl-C came while libedit was between reads, it returns
            // only at the next Enter: that line was typed after Ctrl-C in cooked mode, and is dropped too.
            Console.write(Array("^C\n".utf8))
            return .interrupted
        }
        guard let line else { return .end }
        return .line(String(cString: line))
    }

    func remember(_ entry: String) {
        guard entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        guard let history, !historyUnwritable, !history.append(entry) else { return }
        historyUnwritable = true
        Console.printError("Warning: cannot write the history file \(history.path); this session's history is not kept (set AURUM_HISTORY)")
    }
}

/// Set by the SIGINT handler while ``LineEditor/readLine(prompt:)`` waits.
nonisolated(unsafe) private var interruptReceived: sig_atomic_t = 0

private func noteInterrupt(_ signal: Int32) {
    interruptReceived = 1
}

/// The completer of the current ``LineEditor``. Only touched on the thread that runs the REPL.
nonisolated(unsafe) private var activeCompleter: LineEditor.Completer?

/// libedit's `rl_attempted_completion_function`: the candidates for `text`, the word before the cursor, as a
/// malloc'ed, NULL-terminated array whose first entry is what the word becomes (libedit frees it all).
private func completeWord(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Unless the word is a file name, offer only our candidates (never libedit's file names).
    aurum_editline_set_completion_over(1)
    guard let completer = activeCompleter, let text else { return nil }
    let word = String(cString: text)
    // libedit counts `start` and `end` in characters (wide chars), not bytes.
    let line = Array((aurum_editline_line_buffer().map { String(cString: $0) } ?? word).unicodeScalars)
    let cursor = min(max(Int(end), 0), line.count)
    var before = String.UnicodeScalarView()
    before.append(contentsOf: line[..<cursor])
    var after = String.UnicodeScalarView()
    after.append(contentsOf: line[cursor...])
    // A space after a completed word only at the end of the line or before a space: inside `sum(spe|)` it would
    // land in the name (`sum(spend )`).
    let followedBySpace = after.first.map { $0.properties.isWhitespace } ?? true
    aurum_editline_set_append_character(followedBySpace ? 32 : 0)
    switch completer(String(before), String(after)) {
    case .fileNames:
        aurum_editline_set_completion_over(0)
        return nil
    case .words(let completedWord, let candidates):
        // libedit's word may start earlier than ours (it breaks at fewer characters): keep its lead.
        guard !candidates.isEmpty, word.hasSuffix(completedWord) else { return nil }
        let lead = String(word.dropLast(completedWord.count))
        return matchList(candidates.map { lead + $0 }, typed: word)
    }
}

/// `replacements` in readline's layout: [common prefix, match…, NULL]. One match is written [match, match, NULL]:
/// libedit reads the third slot even when the second is NULL.
private func matchList(_ replacements: [String], typed: String) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    var common = replacements[0]
    for replacement in replacements.dropFirst() {
        common = String(zip(common.unicodeScalars, replacement.unicodeScalars).prefix { $0 == $1 }.map { Character($0.0) })
    }
    // Never shorten what was typed (candidates match it ignoring case, so their common prefix may be shorter).
    if common.count < typed.count { common = typed }
    let entries = [common] + replacements
    guard let memory = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let list = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (index, entry) in entries.enumerated() { list[index] = strdup(entry) }
    list[entries.count] = nil
    return list
}
