import AurumCore
import AurumQuery
import Foundation
import XCTest

@testable import AurumCLI

/// Lines typed or piped, one by one; what was kept in the history.
private final class ScriptedLines: LineSource {
    var lines: [String?]
    let isInteractive: Bool
    var prompts: [String] = []
    var remembered: [String] = []
    /// Called with each prompt before the line is read (to look at the session mid-statement).
    var onPrompt: ((String) -> Void)?

    init(_ lines: [String?], interactive: Bool = false) {
        self.lines = lines
        self.isInteractive = interactive
    }

    /// `nil` in `lines` stands for Ctrl-C.
    func readLine(prompt: String) -> LineRead {
        prompts.append(prompt)
        onPrompt?(prompt)
        guard !lines.isEmpty else { return .end }
        return lines.removeFirst().map(LineRead.line) ?? .interrupted
    }

    func remember(_ entry: String) { remembered.append(entry) }
}

final class ReplSessionTests: XCTestCase {
    private var out = ""
    private var err = ""
    private var directory = ""

    override func setUpWithError() throws {
        out = ""
        err = ""
        directory = NSTemporaryDirectory() + "aurum-repl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func session() -> ReplSession {
        let schema = Schema([Field("campaign", .string), Field("spend", .int64)])
        let batch = Batch(schema: schema, columns: [.string(StringColumn(["a", "b", "c"])), .int64(PrimitiveColumn(values: [10, 20, 30]))])
        let catalog = DictionaryCatalog(["t": LazyTable(schema: schema) { batch }])
        let engine = QueryEngine(catalog: catalog, today: Date32(days: 0))
        return ReplSession(
            engine: engine, rowCount: { _ in batch.rowCount },
            standardOutput: { [unowned self] bytes in out += String(decoding: bytes, as: UTF8.self) },
            standardError: { [unowned self] text in err += text + "\n" })
    }

    private func run(_ lines: [String?], interactive: Bool = false) -> (ReplSession, ScriptedLines) {
        let session = session()
        let input = ScriptedLines(lines, interactive: interactive)
        session.run(input)
        return (session, input)
    }

    func testAMultiLineStatementRunsAndPromptsContinue() {
        let (_, input) = run([".mode csv", "SELECT sum(spend) AS total", "FROM t;"], interactive: true)
        XCTAssertEqual(out, "total\n60\n\n")
        XCTAssertEqual(input.prompts, ["aurum> ", "aurum> ", "   ...> ", "aurum> "])
        XCTAssertEqual(input.remembered, [".mode csv", "SELECT sum(spend) AS total FROM t;"])
    }

    func testAnErrorIsPrintedWithItsCaretAndTheSessionGoesOn() {
        let (session, _) = run([".mode csv", "SELECT spnd FROM t;", "SELECT count(*) AS n FROM t;"])
        XCTAssertEqual(err, "Error: line 1, column 8: unknown column 'spnd'; did you mean 'spend'?\n  SELECT spnd FROM t;\n         ^\n")
        XCTAssertEqual(out, "n\n3\n")
        XCTAssertTrue(session.hadError)
    }

    /// A byte-order mark pasted before SELECT prints as nothing: the error shows it escaped, caret under it.
    func testAnInvisibleCharacterInAnErrorIsShownEscaped() {
        let (_, _) = run(["\u{FEFF}SELECT 1 FROM t;"])
        XCTAssertTrue(err.contains("<U+FEFF>SELECT 1 FROM t;"), err)
        XCTAssertFalse(err.contains("\u{FEFF}"), err)
    }

    func testAnUnknownDotCommandIsAnErrorNotAnExit() {
        let (_, _) = run([".tabels", ".mode csv", "SELECT 1 AS one FROM t LIMIT 1;"])
        XCTAssertEqual(err, "Error: unknown command '.tabels'; did you mean '.tables'? (.help lists the commands)\n")
        XCTAssertEqual(out, "one\n1\n")
    }

    func testQuitStopsReadingAndIsNotRemembered() {
        let (_, input) = run([".quit", "SELECT 1 AS one FROM t;"], interactive: true)
        XCTAssertEqual(out, "")
        XCTAssertEqual(input.lines, ["SELECT 1 AS one FROM t;"])
        XCTAssertEqual(input.remembered, [])
    }

    func testCtrlCDropsTheUnfinishedStatement() {
        let (_, input) = run([".mode csv", "SELECT nope", nil, "SELECT count(*) AS n FROM t;"], interactive: true)
        XCTAssertEqual(out, "n\n3\n\n")
        XCTAssertEqual(err, "")
        XCTAssertEqual(input.prompts, ["aurum> ", "aurum> ", "   ...> ", "aurum> ", "aurum> "])
    }

    func testChartSetting() {
        // `t` is a ranking (campaign, spend): `.chart auto` draws bars under the table; `.chart off` none.
        let (session, _) = run([".chart", ".chart auto", "SELECT campaign, spend FROM t;", ".chart off", "SELECT campaign, spend FROM t;"])
        XCTAssertEqual(session.chart, .off)
        XCTAssertTrue(out.hasPrefix("chart: off\n"), out)
        XCTAssertEqual(out.components(separatedBy: "spend by campaign\n").count - 1, 1, out)
        XCTAssertTrue(out.contains("\nc ████████"), out)
        XCTAssertEqual(err, "")
    }

    func testChartOnSaysWhyNotAndNothingGoesToAnOutputFile() throws {
        let file = directory + "/result.txt"
        let (_, _) = run([".chart on", "SELECT count(*) AS n FROM t;", ".output \(file)", "SELECT campaign, spend FROM t;"])
        XCTAssertTrue(err.hasPrefix("note: no chart: no chart fits this result (1 column: n BIGINT)"), err)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertFalse(written.contains("█"), "a chart is for the terminal, not a .output file")
        XCTAssertFalse(out.contains("█"))
    }

    func testTheLastStatementOfAScriptMayLackItsSemicolon() {
        let (_, _) = run([".mode csv", "SELECT count(*) AS n FROM t"])
        XCTAssertEqual(out, "n\n3\n")
    }

    func testCtrlDLeavesAnUnfinishedStatementUnrun() {
        let (_, _) = run(["SELECT count(*) AS n FROM t"], interactive: true)
        XCTAssertEqual(out, "\n")
        XCTAssertEqual(err, "")
    }

    func testModesTimerAndMaxRows() {
        let (session, _) = run([".mode json", ".timer on", ".maxrows 1", "SELECT campaign FROM t ORDER BY campaign LIMIT 1;", ".mode", ".timer", ".maxrows"])
        XCTAssertEqual(session.format, .json)
        XCTAssertTrue(out.hasPrefix("[\n  {\"campaign\": \"a\"}\n]\nRun Time: 0."), out)
        XCTAssertTrue(out.hasSuffix(" s\nmode: json\ntimer: on\nmaxrows: 1\n"), out)
        XCTAssertEqual(session.maxRows, 1)
    }

    func testMaxRowsLimitsTheTable() {
        let (_, _) = run([".maxrows 2", "SELECT campaign FROM t;"])
        XCTAssertTrue(out.contains("3 rows (2 shown)"), out)
        XCTAssertTrue(out.contains(" a "), out)
        XCTAssertFalse(out.contains(" b "), "the first and the last rows, the middle one left out: \(out)")
        XCTAssertTrue(out.contains(" c "), out)
    }

    func testOutputAndOnceRedirectResults() throws {
        let all = directory + "/all.csv"
        let once = directory + "/once.csv"
        let (_, _) = run([
            ".mode csv", ".output \(all)", "SELECT 1 AS a FROM t LIMIT 1;", "SELECT 2 AS b FROM t LIMIT 1;", ".output",
            ".once \(once)", "SELECT 3 AS c FROM t LIMIT 1;", "SELECT 4 AS d FROM t LIMIT 1;",
        ])
        XCTAssertEqual(try String(contentsOfFile: all, encoding: .utf8), "a\n1\nb\n2\n")
        XCTAssertEqual(try String(contentsOfFile: once, encoding: .utf8), "c\n3\n")
        XCTAssertEqual(out, "d\n4\n")
    }

    func testOutputToAnUnwritablePathIsAnError() {
        let (_, _) = run([".output \(directory)/no/such/dir/x.csv", ".mode csv", "SELECT 1 AS a FROM t LIMIT 1;"])
        XCTAssertTrue(err.hasPrefix("Error: cannot write \(directory)/no/such/dir/x.csv: "), err)
        XCTAssertEqual(out, "a\n1\n")
    }

    func testReadRunsAFile() throws {
        let script = directory + "/script.sql"
        try ".mode csv\nSELECT count(*) AS n\n  FROM t; SELECT nope FROM t;\nSELECT max(spend) AS top FROM t".write(toFile: script, atomically: true, encoding: .utf8)
        let (_, _) = run([".read \(script)", ".read \(directory)/missing.sql"])
        XCTAssertEqual(out, "n\n3\ntop\n30\n")
        // The file's line and column, not the statement's.
        XCTAssertTrue(err.hasPrefix("Error in \(script): line 3, column 18: unknown column 'nope'\n  SELECT nope FROM t;\n         ^\n"), err)
        XCTAssertTrue(err.hasSuffix("Error: cannot read \(directory)/missing.sql: no such file\n"), err)
    }

    func testReadErrorsNameTheLineOfTheFile() throws {
        let script = directory + "/lines.sql"
        try "-- counts\n\n.mode csv\n.nonsense\nSELECT\n  nope\nFROM t;\nSELECT 1 FROM t; SELECT 1 FROM u;\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        let (_, _) = run([".read \(script)"])
        XCTAssertEqual(err, """
            Error in \(script): line 4: unknown command '.nonsense' (.help lists the commands)
            Error in \(script): line 6, column 3: unknown column 'nope'
                nope
                ^
            Error in \(script): line 8, column 32: unknown table 'u'; did you mean 't'?
              SELECT 1 FROM u;
                            ^

            """)
    }

    func testMaxRowsAllShowsEveryRow() {
        let (session, _) = run([".maxrows 1", ".maxrows all", "SELECT campaign FROM t;", ".maxrows"])
        XCTAssertNil(session.maxRows)
        XCTAssertTrue(out.contains(" b ") && out.contains("3 rows\n"), out)
        XCTAssertTrue(out.hasSuffix("maxrows: all\n"), out)
    }

    func testAnInterruptedStatementReturnsToThePromptWithTheSettingsKept() {
        let session = session()
        var calls = 0
        session.runStatement = { engine, text in
            calls += 1
            // The second statement is "interrupted": its cancellation says so at the first check.
            let cancelled = calls == 2
            return try engine.execute(text, cancellation: QueryCancellation { cancelled })
        }
        let input = ScriptedLines([".mode csv", ".timer on", "SELECT 1 AS a FROM t LIMIT 1;", "SELECT count(*) FROM t;", "SELECT 2 AS b FROM t LIMIT 1;"], interactive: true)
        session.run(input)
        XCTAssertEqual(err, "Interrupted\n")
        XCTAssertTrue(out.hasPrefix("a\n1\nRun Time: "), out)
        XCTAssertTrue(out.contains("b\n2\nRun Time: "), out)
        XCTAssertEqual(session.format, .csv)
        XCTAssertTrue(session.timer)
        XCTAssertEqual(session.interruptions, 1)
    }

    func testAnInterruptStopsTheRestOfAReadFile() throws {
        let script = directory + "/long.sql"
        try ".mode csv\nSELECT 1 AS a FROM t LIMIT 1;\nSELECT 2 AS b FROM t LIMIT 1;\n".write(toFile: script, atomically: true, encoding: .utf8)
        let session = session()
        session.runStatement = { engine, text in try engine.execute(text, cancellation: QueryCancellation { true }) }
        session.run(ScriptedLines([".read \(script)"], interactive: true))
        XCTAssertEqual(err, "Interrupted\n")  // one statement interrupted, the next not run
    }

    func testCtrlCTwiceAtAnEmptyPromptSaysHowToLeave() {
        let (_, input) = run([nil, nil, "SELECT nope", nil], interactive: true)
        XCTAssertEqual(err, "Interrupted, use Ctrl-D or .quit to exit\n")  // said once: the third Ctrl-C dropped a statement
        XCTAssertEqual(input.prompts.count, 5)
    }

    func testAFileThatReadsItselfStops() throws {
        let script = directory + "/loop.sql"
        try ".read \(script)\n".write(toFile: script, atomically: true, encoding: .utf8)
        let (session, _) = run([".read \(script)"])
        XCTAssertTrue(err.contains("nests more than 16 files deep"), err)
        XCTAssertTrue(session.hadError)
    }

    func testTablesAndSchema() {
        let (_, _) = run([".tables", ".schema t", ".schema x"])
        XCTAssertTrue(out.hasPrefix("t                                3 rows   \nt\n  campaign            VARCHAR  NOT NULL\n  spend "), out)
        XCTAssertEqual(err, "Error: unknown table 'x'; did you mean 't'? (.tables lists them)\n")
    }

    func testCsvModeWritesTextAsStoredUnlessTheFormulaGuardIsOn() {
        let (session, _) = run([
            ".mode csv", "SELECT '=1+2' AS f, '-3' AS m, '@x' AS a;", ".formulaguard", ".formulaguard quote",
            "SELECT '=1+2' AS f, '-3' AS m, '@x' AS a;", ".formulaguard", ".formulaguard none", "SELECT '+1' AS p;",
        ])
        XCTAssertEqual(out, "f,m,a\n=1+2,-3,@x\nformulaguard: none\nf,m,a\n'=1+2,'-3,'@x\nformulaguard: quote\np\n+1\n")
        XCTAssertEqual(session.formulaGuard, .none)
        XCTAssertEqual(err, "")
    }

    func testExplainPrintsThePlanAndSelectNeedsNoFrom() {
        let (_, _) = run([".mode csv", "EXPLAIN SELECT campaign FROM t WHERE spend > 15;", "SELECT 1 + 1 AS two;", "EXPLAIN ANALYZE SELECT 1 AS one;"])
        // (EXPLAIN ANALYZE's times change from run to run.)
        XCTAssertEqual(out.replacing(#/ \(\d+\.\d\d ms\)/#, with: " (T ms)"), """
            SCAN t columns [campaign, spend]
              zone-map pruning on: spend > 15
            FILTER (WHERE) → selection
            PROJECT [campaign]
            two
            2
            ONE ROW (no FROM)
            PROJECT [one] (T ms)

            segments: 0 in table, 0 pruned by zone maps, 0 read
            row groups: 0 in table, 0 pruned by zone maps, 0 decoded
            rows: 1 scanned, 1 after WHERE, 1 produced

            """)
        XCTAssertEqual(err, "")
    }

    func testCompletionSeesTheEarlierLinesOfAStatement() {
        let session = session()
        let input = ScriptedLines(["SELECT spend", "FROM", "t;"])
        var outcomes: [Completion.Outcome] = []
        input.onPrompt = { prompt in
            outcomes.append(session.complete(before: prompt == ReplSession.primaryPrompt ? (outcomes.isEmpty ? ".ti" : ".") : "", after: ""))
        }
        session.run(input)
        XCTAssertEqual(outcomes.count, 4)
        XCTAssertEqual(outcomes[0], .words(word: ".ti", candidates: [".timer"]))
        // Second prompt: after "SELECT spend", anything: columns, functions, keywords, tables.
        guard case .words(_, let anything) = outcomes[1] else { return XCTFail("\(outcomes[1])") }
        XCTAssertEqual(Array(anything.prefix(3)), ["campaign", "spend", "date_trunc"])
        XCTAssertEqual(anything.last, "t")
        // Third prompt: the previous line ended with FROM, so only tables.
        XCTAssertEqual(outcomes[2], .words(word: "", candidates: ["t"]))
        XCTAssertEqual(outcomes[3], .words(word: ".", candidates: [".help", ".tables", ".schema", ".mode", ".formulaguard", ".timer", ".maxrows", ".chart", ".output", ".once", ".read", ".quit", ".exit"]))
    }
}
