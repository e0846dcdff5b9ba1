import XCTest

@testable import AurumCLI

final class StatementBufferTests: XCTestCase {
    func testAStatementEndsAtItsSemicolon() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 1 FROM t;"), [.statement("SELECT 1 FROM t;")])
        XCTAssertTrue(buffer.isEmpty)
    }

    func testAStatementSpansLines() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT count(*)"), [])
        XCTAssertFalse(buffer.isEmpty)
        XCTAssertEqual(buffer.pendingText, "SELECT count(*)\n")
        XCTAssertEqual(buffer.append("  FROM ad_insights"), [])
        XCTAssertEqual(buffer.append("  ;  "), [.statement("SELECT count(*)\n  FROM ad_insights\n  ;")])
        XCTAssertTrue(buffer.isEmpty)
    }

    func testSeveralStatementsOnOneLine() {
        var buffer = StatementBuffer()
        XCTAssertEqual(
            buffer.append("select 1 from t; select 2 from t;select 3"),
            [.statement("select 1 from t;"), .statement("select 2 from t;")])
        XCTAssertFalse(buffer.isEmpty)
        XCTAssertEqual(buffer.append("from t;"), [.statement("select 3\nfrom t;")])
    }

    func testASemicolonInAStringDoesNotEndTheStatement() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 'a;b' AS x, 'it''s;' FROM t"), [])
        XCTAssertEqual(buffer.append(";"), [.statement("SELECT 'a;b' AS x, 'it''s;' FROM t\n;")])
    }

    func testAStringSpansLines() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 'first;"), [])
        // Still inside the string: a `.` line is text, not a dot command.
        XCTAssertEqual(buffer.append(".tables;"), [])
        XCTAssertEqual(buffer.append("' FROM t;"), [.statement("SELECT 'first;\n.tables;\n' FROM t;")])
    }

    func testASemicolonInAQuotedNameDoesNotEndTheStatement() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 1 AS \"a;b\" FROM t;"), [.statement("SELECT 1 AS \"a;b\" FROM t;")])
    }

    func testASemicolonInALineCommentDoesNotEndTheStatement() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 1 -- the end; really"), [])
        XCTAssertEqual(buffer.append("FROM t; -- done;"), [.statement("SELECT 1 -- the end; really\nFROM t;")])
        XCTAssertTrue(buffer.isEmpty, "a comment after the last statement starts nothing")
    }

    func testASemicolonInABlockCommentDoesNotEndTheStatement() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 1 /* one; two"), [])
        XCTAssertEqual(buffer.append("three; */ FROM t;"), [.statement("SELECT 1 /* one; two\nthree; */ FROM t;")])
    }

    func testAnOpenBlockCommentKeepsTheContinuationPrompt() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("/* a comment"), [])
        XCTAssertFalse(buffer.isEmpty)
        XCTAssertEqual(buffer.append("*/"), [])
        XCTAssertTrue(buffer.isEmpty)
    }

    func testEmptyStatementsAreSkipped() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append(";;  ; -- nothing;"), [])
        XCTAssertTrue(buffer.isEmpty)
    }

    func testDotCommandsOnlyBetweenStatements() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("  .mode csv  "), [.dotCommand(".mode csv")])
        XCTAssertEqual(buffer.append("SELECT a"), [])
        XCTAssertEqual(buffer.append(".5 AS b FROM t;"), [.statement("SELECT a\n.5 AS b FROM t;")])
        XCTAssertEqual(buffer.append(".tables"), [.dotCommand(".tables")])
    }

    func testADotCommandAfterACommentLine() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("-- list them"), [])
        XCTAssertEqual(buffer.append(".tables"), [.dotCommand(".tables")])
    }

    func testTextWithLineBreaksIsSplitIntoLines() {
        var buffer = StatementBuffer()
        let script = ".mode csv\nSELECT 1\nFROM t;\n.timer on\r\nSELECT 2 FROM t;\n"
        XCTAssertEqual(
            buffer.append(script),
            [.dotCommand(".mode csv"), .statement("SELECT 1\nFROM t;"), .dotCommand(".timer on"), .statement("SELECT 2 FROM t;")])
    }

    func testFinishReturnsAnUnterminatedStatement() {
        var buffer = StatementBuffer()
        _ = buffer.append("SELECT 1 FROM t")
        XCTAssertEqual(buffer.finish(), "SELECT 1 FROM t")
        XCTAssertTrue(buffer.isEmpty)
        XCTAssertNil(buffer.finish())
        _ = buffer.append("-- only a comment")
        XCTAssertNil(buffer.finish())
        _ = buffer.append("SELECT 'open")
        XCTAssertEqual(buffer.finish(), "SELECT 'open")
    }

    func testMultibyteTextSurvives() {
        var buffer = StatementBuffer()
        XCTAssertEqual(buffer.append("SELECT 'café; ☕' FROM t;"), [.statement("SELECT 'café; ☕' FROM t;")])
    }

    func testHistoryEntryJoinsLinesWhenThatKeepsTheMeaning() {
        XCTAssertEqual(StatementBuffer.historyEntry("SELECT count(*)\n   FROM ad_insights;"), "SELECT count(*) FROM ad_insights;")
        XCTAssertEqual(StatementBuffer.historyEntry("SELECT 1 /* a\n b */\nFROM t;"), "SELECT 1 /* a b */ FROM t;")
        XCTAssertEqual(StatementBuffer.historyEntry("SELECT 1 FROM t;"), "SELECT 1 FROM t;")
        // A `--` comment would swallow the rest, and a line break inside a string is part of the value.
        XCTAssertEqual(StatementBuffer.historyEntry("SELECT 1 -- one\nFROM t;"), "SELECT 1 -- one\nFROM t;")
        XCTAssertEqual(StatementBuffer.historyEntry("SELECT 'a\nb' FROM t;"), "SELECT 'a\nb' FROM t;")
    }
}
