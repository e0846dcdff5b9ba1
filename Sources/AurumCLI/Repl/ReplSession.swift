import AurumCharts
import AurumCore
import AurumPipeline
import AurumQuery
import AurumStorage
import Foundation

/// One REPL run: reads lines, splits them into statements and dot commands, runs them and prints the results.
///
/// A failing statement or command prints its error on standard error and the session goes on; only `.quit`,
/// `.exit` and the end of the input (Ctrl-D) end it. Settings (`.mode`, `.formulaguard`, `.timer`, `.maxrows`, `.chart`, `.output`) last
/// for the session.
final class ReplSession {
    static let primaryPrompt = "aurum> "
    static let continuationPrompt = "   ...> "
    /// How deep `.read` may nest (so a file that reads itself stops).
    static let readDepthMax = 16

    /// Whether to go on after a statement or command.
    enum Control: Equatable { case proceed, quit }

    /// Where a statement or command of a `.read` file starts: the file, the line within it and the column
    /// (from 1).
    struct ScriptLine: Equatable {
        var path: String
        var line: Int
        var column = 1
    }

    let engine: QueryEngine
    let completion: Completion
    private let rowCount: (String) -> Int
    private let output: ReplOutput
    private let standardOutput: ([UInt8]) -> Void
    private let standardError: (String) -> Void
    private var buffer = StatementBuffer()
    private(set) var format = OutputFormat.table
    private(set) var timer = false
    /// `.formulaguard`: off by default, as for `aurum query` (only `aurum export` guards by default).
    private(set) var formulaGuard = CSVWriter.FormulaGuard.none
    /// Rows shown at most in table and markdown results; nil shows all (`.maxrows all`).
    private(set) var maxRows: Int? = 40
    /// `.chart`: whether a chart goes under table results.
    private(set) var chart = DotCommand.ChartSetting.off
    /// The characters and colours of charts on the terminal (see ``ChartTerminal``); plain Unicode in tests.
    var chartGlyphs: () -> ChartGlyphs = { ChartGlyphs(unicode: true, colour: false) }
    /// Statements stopped by Ctrl-C so far (a `.read` file stops at one).
    private(set) var interruptions = 0
    /// Ctrl-Cs in a row at an empty prompt (the second says how to leave, as DuckDB does).
    private var emptyPromptInterrupts = 0
    /// Whether any statement or command failed (a script's exit status).
    private(set) var hadError = false
    /// The assistant, for `ask <question>` and `? <question>` lines (see ``AssistantSetup/replAsker(engine:)``);
    /// nil where there is none.
    var ask: ((String) throws -> Answer)?

    /// What the assistant answers a question with: the validated query, what it computes, and the note for a
    /// result that holds nothing (which days the data covers), as `aurum ask` prints it.
    struct Answer {
        var query: String
        var explanation: String
        var noDataNote: (Batch) -> String? = { _ in nil }
    }
    /// Runs a statement: plainly by default (scripts, tests); on a terminal, with Ctrl-C cancelling it and a
    /// progress line (see ``runOnStandardInput(storeDirectory:today:)``).
    var runStatement: (QueryEngine, String) throws -> QueryEngine.Outcome = { engine, text in try engine.execute(text) }
    /// Columns a table result may take: the terminal's, read afresh for every result (nil: no limit).
    var terminalWidth: () -> Int? = { nil }

    /// - Parameters:
    ///   - rowCount: a table's live row count, for `.tables`.
    ///   - standardOutput, standardError: where results and messages go (replaced in tests).
    init(
        engine: QueryEngine, rowCount: @escaping (String) -> Int,
        standardOutput: @escaping ([UInt8]) -> Void = Console.write,
        standardError: @escaping (String) -> Void = Console.printError
    ) {
        self.engine = engine
        self.completion = Completion(catalog: engine.catalog)
        self.rowCount = rowCount
        self.output = ReplOutput(standardOutput: standardOutput)
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Runs until `.quit`, `.exit` or the end of `input`.
    func run(_ input: LineSource) {
        while true {
            let line: String
            switch input.readLine(prompt: buffer.isEmpty ? Self.primaryPrompt : Self.continuationPrompt) {
            case .line(let text):
                line = text
                emptyPromptInterrupts = 0
            case .interrupted:
                // Ctrl-C drops the line and the unfinished statement; twice in a row at an empty prompt it says
                // how to leave (DuckDB's shell does the same; it never leaves on Ctrl-C).
                emptyPromptInterrupts = buffer.isEmpty ? emptyPromptInterrupts + 1 : 0
                buffer.reset()
                if emptyPromptInterrupts >= 2 { standardError("Interrupted, use Ctrl-D or .quit to exit") }
                continue
            case .end:
                if input.isInteractive {
                    // Ctrl-D leaves an unfinished statement unrun; end the prompt's line.
                    say("")
                } else if let statement = buffer.finish() {
                    // A script's last statement may lack its `;`.
                    execute(statement, origin: nil)
                }
                return
            }
            if buffer.isEmpty, let question = AssistantSetup.question(inReplLine: line) {
                answer(question, line: line, input: input)
                continue
            }
            if buffer.isEmpty, input.isInteractive, let word = WordsLine.firstWord(ofWords: line) {
                // Words, not SQL: a question (ending in ?) is asked; anything else is told how to ask.
                let words = line.trimmingCharacters(in: .whitespaces)
                if words.hasSuffix("?") {
                    answer(words, line: line, input: input)
                } else {
                    standardError(
                        "'\(word)' does not start a statement (SELECT, WITH or EXPLAIN). To ask in words, begin the line with ? or ask:\n  ? \(words)")
                }
                continue
            }
            for item in buffer.append(line) {
                if input.isInteractive { remember(item, in: input) }
                if perform(item, origin: nil, depth: 0) == .quit { return }
            }
        }
    }

    /// The completion callback for a ``LineEditor``: the current line around the cursor, with the earlier
    /// lines of an unfinished statement for context.
    func complete(before: String, after: String) -> Completion.Outcome {
        completion.complete(pending: buffer.pendingText, before: before, after: after)
    }

    /// Runs one statement or dot command. `origin` is where in a `.read` file it starts.
    func perform(_ item: StatementBuffer.Item, origin: ScriptLine?, depth: Int) -> Control {
        switch item {
        case .statement(let text):
            execute(text, origin: origin)
            return .proceed
        case .dotCommand(let line):
            do {
                return try perform(try DotCommand.parse(line), depth: depth)
            } catch {
                fail(String(describing: error), origin: origin)
                return .proceed
            }
        }
    }

    private func remember(_ item: StatementBuffer.Item, in input: LineSource) {
        switch item {
        case .statement(let text): input.remember(StatementBuffer.historyEntry(text))
        case .dotCommand(let line):
            // Up-arrow in the next session should not offer `.quit` first.
            if (try? DotCommand.parse(line)) != .quit { input.remember(line) }
        }
    }

    // MARK: - Statements

    /// Runs `text` and shows its result; `chartAsked`: a question asked for a chart (drawn, or the reason why
    /// not, whatever `.chart` says). Returns the rows shown, if any.
    @discardableResult
    private func execute(_ text: String, origin: ScriptLine?, chartAsked: Bool = false) -> Batch? {
        let started = ContinuousClock.now
        var shown: Batch?
        do {
            switch try runStatement(engine, text) {
            case .rows(let result):
                shown = result.batch
                let redirected = output.isRedirected
                let width = redirected ? nil : terminalWidth()
                try output.writeResult(format.render(result.batch, maxRows: maxRows, width: width, formulaGuard: formulaGuard))
                // A chart is for the eyes: under a table on the terminal, never into a `.output` file.
                if format == .table && !redirected && (chart != .off || chartAsked),
                    let picture = ChartPrinter.terminalText(
                        result.batch, request: .auto, explain: chart == .on || chartAsked, glyphs: chartGlyphs(), width: width ?? 80,
                        note: { standardError("note: " + $0) })
                {
                    say("\n" + picture)
                }
            case .plan(let plan): try output.writeResult(Array((plan + "\n").utf8))
            }
        } catch QueryError.cancelled {
            output.endOnce()
            interruptions += 1
            standardError("Interrupted")
            return nil
        } catch let error as QueryError {
            output.endOnce()
            let rendered = VisibleText.queryError(error.render(in: text, firstLine: origin?.line ?? 1, firstColumn: origin?.column ?? 1))
            fail(rendered, origin: origin.map { ScriptLine(path: $0.path, line: 0) })
            return nil
        } catch {
            output.endOnce()
            fail(String(describing: error), origin: origin)
            return nil
        }
        if timer {
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            say(String(format: "Run Time: %.3f s", seconds))
        }
        return shown
    }

    /// `ask <question>` / `? <question>`: shows the assistant's query, puts it in the history after the line
    /// (Up-arrow edits and reruns it), and runs it like a typed statement.
    private func answer(_ question: String, line: String, input: LineSource) {
        if input.isInteractive { input.remember(line) }
        do {
            guard let ask else { throw CLIError.invalidOption("the assistant is not available in this session") }
            let answer = try ask(ChartWords.withoutPictureWords(question))
            let statement = answer.query.hasSuffix(";") ? answer.query : answer.query + ";"
            // What it computes (measures, breakdowns, the window's dates), so a misreading can be caught.
            if !answer.explanation.isEmpty { say("-- " + answer.explanation.split(whereSeparator: \.isNewline).joined(separator: " ")) }
            say(statement)
            if input.isInteractive { input.remember(StatementBuffer.historyEntry(statement)) }
            // "Last week" over data that ended months ago: no data then, not a zero.
            if let rows = execute(answer.query, origin: nil, chartAsked: ChartWords.asksForChart(question)), let note = answer.noDataNote(rows) {
                standardError("note: " + note)
            }
        } catch QueryError.cancelled {
            interruptions += 1
            standardError("Interrupted")
        } catch {
            fail(String(describing: error), origin: nil)
        }
    }

    // MARK: - Dot commands

    private func perform(_ command: DotCommand, depth: Int) throws -> Control {
        switch command {
        case .help: say(Self.helpText)
        case .tables: listTables()
        case .schema(let name): say(try TableListing.schemas(of: name, in: engine.catalog, listCommand: ".tables"))
        case .mode(let format):
            if let format { self.format = format } else { say("mode: \(self.format.rawValue)") }
        case .formulaGuard(let value):
            if let value { formulaGuard = value } else { say("formulaguard: \(formulaGuard.rawValue)") }
        case .timer(let on):
            if let on { timer = on } else { say("timer: \(timer ? "on" : "off")") }
        case .maxRows(let count):
            switch count {
            case .some(.limit(let rows)): maxRows = rows
            case .some(.all): maxRows = nil
            case nil: say("maxrows: \(maxRows.map(String.init) ?? "all")")
            }
        case .chart(let setting):
            if let setting { chart = setting } else { say("chart: \(chart.rawValue)") }
        case .output(let path): try output.redirect(to: path)
        case .once(let path): try output.redirectNextResult(to: path)
        case .read(let path): return try read(path, depth: depth)
        case .quit: return .quit
        }
        return .proceed
    }

    private func listTables() {
        for name in TableListing.orderedNames(engine.catalog) {
            say(TableListing.line(name: name, rowCount: rowCount(name), summary: ContractTable(rawValue: name)?.summary ?? ""))
        }
    }

    /// `.read FILE`: every statement and dot command in FILE, in order; an error does not stop the rest.
    private func read(_ path: String, depth: Int) throws -> Control {
        guard depth < Self.readDepthMax else {
            throw CLIError.invalidOption(".read nests more than \(Self.readDepthMax) files deep; does \(path) read itself?")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or a directory" : "no such file")
        }
        // Line by line, to know where each statement starts: errors name the file's line, not the statement's.
        var script = StatementBuffer()
        var startLine = 1
        let interruptionsBefore = interruptions
        let lines = String(decoding: data, as: UTF8.self).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var startText = ""
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let text = String(String.UnicodeScalarView(line))
            if script.isEmpty { (startLine, startText) = (number, text) }
            let items = script.append(text)
            // Where on its line each item starts: found in order, after the one before it on the same line.
            var searchFrom = startText.startIndex
            for (position, item) in items.enumerated() {
                // The second item starts on this line; the first may have started on an earlier one.
                if position == 1, startLine != number { (startText, searchFrom) = (text, text.startIndex) }
                var origin = ScriptLine(path: path, line: position == 0 ? startLine : number)
                if let head = item.text.split(separator: "\n", maxSplits: 1).first,
                   let found = startText.range(of: head, range: searchFrom..<startText.endIndex) {
                    origin.column = startText.distance(from: startText.startIndex, to: found.lowerBound) + 1
                    searchFrom = found.upperBound
                }
                if perform(item, origin: origin, depth: depth + 1) == .quit { return .quit }
                // Ctrl-C stops the file, not just the statement.
                if interruptions != interruptionsBefore { return .proceed }
            }
            if !items.isEmpty { (startLine, startText) = (number, text) }
        }
        if let last = script.finish() { execute(last, origin: ScriptLine(path: path, line: startLine)) }
        return .proceed
    }

    // MARK: - Messages

    /// A message for the terminal (never redirected by `.output`).
    private func say(_ text: String) {
        standardOutput(Array((text + "\n").utf8))
    }

    /// `Error: message`; from a `.read` file `Error in FILE: line N: message` (line 0: the message names it).
    private func fail(_ message: String, origin: ScriptLine?) {
        hadError = true
        let place = origin.map { " in \($0.path)" + ($0.line > 0 ? ": line \($0.line)" : "") } ?? ""
        standardError("Error" + place + ": " + message)
    }

    static var helpText: String {
        let width = (DotCommand.catalog.map(\.usage.count).max() ?? 0) + 2
        var lines = DotCommand.catalog.filter { $0.name != ".exit" }.map { Console.pad($0.usage, width) + $0.summary }
        lines.append("")
        lines.append("Queries: one read-only SELECT per statement (WITH, JOIN, subqueries, UNION ALL, GROUP BY, window")
        lines.append("functions, QUALIFY, ORDER BY, LIMIT; docs/query-language.md), ending with ';'; a statement may span lines.")
        lines.append("EXPLAIN SELECT … shows the plan (EXPLAIN ANALYZE also runs it and times each operator).")
        lines.append("Tab completes keywords, tables, columns and dot commands.")
        lines.append("ask <question> (or ? <question>, or words ending in ?): a question in plain words; its query runs and")
        lines.append("lands in the history.")
        lines.append("Ctrl-C stops a running statement (or ask) and keeps the settings; Ctrl-D or .quit leaves.")
        lines.append("Functions:")
        for signature in ScalarFunction.allCases.map(\.signature) + AggregateKind.allCases.map(\.signature) {
            lines.append("  " + signature)
        }
        lines.append("Window functions: f(…) OVER ([PARTITION BY …] [ORDER BY …] [ROWS|RANGE BETWEEN … AND …]); QUALIFY filters on them:")
        for signature in WindowFunction.allCases.filter({ !$0.isAggregate }).map(\.signature) {
            lines.append("  " + signature)
        }
        return lines.joined(separator: "\n")
    }
}

extension ReplSession {
    /// `aurum repl`: a session over the store at `directory`, reading the terminal through a ``LineEditor`` or,
    /// when standard input is not a terminal, reading it plainly. Returns whether a script's statement failed
    /// (an interactive session's errors were seen and answered: they do not make the exit status).
    static func runOnStandardInput(storeDirectory directory: String, today: String?) throws -> Bool {
        let store = try Store(directory: directory, mode: .read)
        let engine = try QueryCatalog.engine(store: store, today: today)
        let session = ReplSession(engine: engine) { name in
            ContractTable(rawValue: name).map { TableReader.rowCount($0, store: store) } ?? 0
        }
        session.ask = AssistantSetup.replAsker(engine: engine)
        session.terminalWidth = { TerminalSize.standardOutputColumns }
        session.chartGlyphs = { ChartTerminal.standardOutputGlyphs() }
        let interactive = LineEditor.standardInputIsTerminal
        if interactive {
            // Ctrl-C stops the running statement (or `ask`) and returns to the prompt, as in DuckDB's shell; a
            // script keeps SIGINT's default (it ends, status 130).
            Interrupt.install()
        }
        session.runStatement = { engine, text in
            let progress = TerminalProgress.onStandardError()
            defer { progress?.finish() }
            guard interactive else { return try engine.execute(text, progress: progress) }
            return try Interrupt.whileWorking { cancellation in try engine.execute(text, cancellation: cancellation, progress: progress) }
        }
        let input: LineSource
        if interactive {
            input = LineEditor(history: HistoryFile.resolve()) { [unowned session] before, after in
                session.complete(before: before, after: after)
            }
            session.say(
                "Aurum REPL on \(directory) (\(engine.catalog.tableNames.count) tables). End statements with ';'.\n"
                    + "Enter .help for the dot commands, .quit or Ctrl-D to leave.")
        } else {
            input = PlainLineSource()
        }
        session.run(input)
        return session.hadError && !input.isInteractive
    }
}
