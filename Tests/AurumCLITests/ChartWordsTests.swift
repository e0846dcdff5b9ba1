import XCTest

@testable import AurumCLI

final class ChartWordsTests: XCTestCase {
    func testQuestionsThatAskForAPicture() {
        for question in [
            "chart of spend by week", "Spend by week CHART", "plot daily spend", "graph clicks", "spend over time",
            "gráfico do gasto por semana", "GRAFICO de cliques", "evolução do ROAS", "tendência do CPA", "gasto ao longo do tempo",
            "weekly spend trend",
        ] {
            XCTAssertTrue(ChartWords.asksForChart(question), question)
        }
        for question in ["spend by week", "top 5 campaigns by CPA", "charter campaign spend", "timeover", "gasto por dia", "overtime spend"] {
            XCTAssertFalse(ChartWords.asksForChart(question), question)
        }
    }

    func testThePictureWordsAreTakenOutForTheTranslator() {
        XCTAssertEqual(ChartWords.withoutPictureWords("chart of spend by week"), "spend by week")
        XCTAssertEqual(ChartWords.withoutPictureWords("top 5 campaigns by spend as a bar chart"), "top 5 campaigns by spend")
        XCTAssertEqual(ChartWords.withoutPictureWords("gráfico do gasto por semana"), "gasto por semana")
        XCTAssertEqual(ChartWords.withoutPictureWords("um gráfico de barras do gasto por campanha"), "gasto por campanha")
        XCTAssertEqual(ChartWords.withoutPictureWords("plot daily spend over time"), "daily spend over time")
        // Trend words say what to compute: they stay. A question of picture words alone stays as typed.
        XCTAssertEqual(ChartWords.withoutPictureWords("evolução do gasto semanal"), "evolução do gasto semanal")
        XCTAssertEqual(ChartWords.withoutPictureWords("a chart"), "a chart")
    }

    func testTheLocaleDecidesUnicodeAndATerminalColour() {
        XCTAssertTrue(ChartTerminal.localeIsUTF8(["LANG": "pt_BR.UTF-8"]))
        XCTAssertTrue(ChartTerminal.localeIsUTF8(["LC_ALL": "C.utf8", "LANG": "C"]))
        XCTAssertFalse(ChartTerminal.localeIsUTF8(["LC_ALL": "C", "LANG": "C.UTF-8"]), "LC_ALL wins")
        XCTAssertTrue(ChartTerminal.localeIsUTF8(["LC_ALL": "", "LC_CTYPE": "en_US.UTF-8"]), "an empty variable is unset")
        XCTAssertFalse(ChartTerminal.localeIsUTF8([:]), "nothing set is the C locale")
        XCTAssertFalse(ChartTerminal.localeIsUTF8(["LANG": "en_US.ISO-8859-1"]))
        XCTAssertTrue(ChartTerminal.glyphs(isTerminal: true, environment: ["LANG": "C.UTF-8"]).colour)
        XCTAssertFalse(ChartTerminal.glyphs(isTerminal: false, environment: ["LANG": "C.UTF-8"]).colour)
        XCTAssertFalse(ChartTerminal.glyphs(isTerminal: true, environment: ["NO_COLOR": "1"]).colour)
        XCTAssertTrue(ChartTerminal.glyphs(isTerminal: true, environment: ["NO_COLOR": ""]).colour, "NO_COLOR counts when not empty")
        XCTAssertFalse(ChartTerminal.glyphs(isTerminal: true, environment: ["TERM": "dumb"]).colour)
    }
}
