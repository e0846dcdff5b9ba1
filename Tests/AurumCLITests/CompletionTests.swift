import XCTest

@testable import AurumCLI

final class CompletionTests: XCTestCase {
    private let completion = Completion(columnsByTable: [
        "ad_insights": ["source", "campaign_id", "campaign_name", "spend", "date"],
        "kpi_campaign_total": ["source", "campaign_id", "spend", "ctr"],
        "quarantine": ["file_id", "reason"],
    ])

    private func candidates(_ before: String, after: String = "", pending: String = "") -> [String] {
        guard case .words(_, let candidates) = completion.complete(pending: pending, before: before, after: after) else {
            XCTFail("expected words for '\(before)'")
            return []
        }
        return candidates
    }

    func testKeywordsFollowTheCaseTyped() {
        XCTAssertEqual(candidates("SEL"), ["SELECT"])
        XCTAssertEqual(candidates("sel"), ["select"])
        XCTAssertEqual(candidates("select spend fr"), ["from"])
        XCTAssertEqual(completion.complete(before: "select spend fr"), .words(word: "fr", candidates: ["from"]))
    }

    func testAfterFromOnlyTables() {
        XCTAssertEqual(candidates("SELECT spend FROM "), ["ad_insights", "kpi_campaign_total", "quarantine"])
        XCTAssertEqual(candidates("SELECT spend FROM kpi"), ["kpi_campaign_total"])
        XCTAssertEqual(candidates("select spend from Q"), ["quarantine"])
        // FROM on an earlier line of the statement counts too.
        XCTAssertEqual(candidates("ad", pending: "SELECT spend\nFROM\n"), ["ad_insights"])
    }

    func testAfterFromWithNoMatchingTableFallsBackToEverything() {
        XCTAssertEqual(candidates("SELECT spend FROM sou"), ["source"])
    }

    func testColumnsOfEveryTableWithoutAFrom() {
        XCTAssertEqual(candidates("SELECT campaign_"), ["campaign_id", "campaign_name"])
        XCTAssertEqual(candidates("SELECT fi"), ["file_id", "first"])
        XCTAssertEqual(candidates("SELECT FI"), ["file_id", "FIRST"])
        XCTAssertEqual(candidates("SELECT sp"), ["spend"])
    }

    func testColumnsOfTheTableNamedAfterTheCursor() {
        XCTAssertEqual(candidates("SELECT c", after: " FROM kpi_campaign_total"), ["campaign_id", "ctr", "current_date", "coalesce", "count", "case", "cast"])
        XCTAssertEqual(candidates("SELECT campaign_", after: " FROM kpi_campaign_total"), ["campaign_id"])
    }

    func testFunctionsAndTablesAreCandidatesToo() {
        XCTAssertEqual(candidates("SELECT su"), ["sum"])
        XCTAssertEqual(candidates("SELECT SU"), ["SUM"])
        XCTAssertEqual(candidates("SELECT date_"), ["date_trunc", "date_part", "date_diff", "date_add"])
        // The keyword DATE typed in lower case is the column `date`: offered once.
        XCTAssertEqual(candidates("SELECT dat"), ["date", "date_trunc", "date_part", "date_diff", "date_add"])
        XCTAssertEqual(candidates("SELECT qua"), ["quarter", "quarantine"])
    }

    func testQualifiedColumns() {
        XCTAssertEqual(completion.complete(before: "SELECT quarantine.re"), .words(word: "quarantine.re", candidates: ["quarantine.reason"]))
        XCTAssertEqual(candidates("SELECT x.camp"), ["x.campaign_id", "x.campaign_name"])
    }

    func testTheWordStartsAfterASymbol() {
        XCTAssertEqual(completion.complete(before: "SELECT sum(spe"), .words(word: "spe", candidates: ["spend"]))
        XCTAssertEqual(completion.complete(before: "SELECT 1+sp"), .words(word: "sp", candidates: ["spend"]))
    }

    func testDotCommands() {
        XCTAssertEqual(candidates(".t"), [".tables", ".timer"])
        XCTAssertEqual(candidates("  .sch"), [".schema"])
        XCTAssertEqual(candidates(".schema k"), ["kpi_campaign_total"])
        XCTAssertEqual(candidates(".schema "), ["ad_insights", "kpi_campaign_total", "quarantine"])
        XCTAssertEqual(candidates(".mode c"), ["csv"])
        XCTAssertEqual(candidates(".timer o"), ["on", "off"])
        XCTAssertEqual(candidates(".schema ad_insights x"), [])
        XCTAssertEqual(completion.complete(before: ".read que"), .fileNames)
        XCTAssertEqual(completion.complete(before: ".output "), .fileNames)
    }

    func testADotInsideAStatementIsNotADotCommand() {
        XCTAssertEqual(completion.complete(pending: "SELECT a\n", before: ".sp"), .words(word: ".sp", candidates: []))
        XCTAssertEqual(completion.complete(before: "SELECT a.b.c"), .words(word: "a.b.c", candidates: []))
    }

    func testNothingMatches() {
        XCTAssertEqual(candidates("SELECT zz"), [])
    }

    func testFromTable() {
        XCTAssertEqual(Completion.fromTable(in: "select a from \"ad_insights\" where"), "ad_insights")
        XCTAssertEqual(Completion.fromTable(in: "SELECT a\nFROM quarantine;"), "quarantine")
        XCTAssertNil(Completion.fromTable(in: "SELECT a FROM"))
    }
}
