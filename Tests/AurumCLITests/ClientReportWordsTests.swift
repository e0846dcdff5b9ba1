import XCTest

@testable import AurumCLI

final class ClientReportWordsTests: XCTestCase {
    func testTheLanguageComesFromTheOptionThenTheClientThenEveryClient() throws {
        XCTAssertEqual(try ClientReportWords.choose(nil, client: nil, settings: [:]), .en)
        XCTAssertEqual(try ClientReportWords.choose("PT", client: nil, settings: ["AURUM_REPORT_LANG": "en"]), .pt)
        XCTAssertEqual(try ClientReportWords.choose(nil, client: "Loja Mãe-1", settings: ["AURUM_REPORT_LANG_LOJA_M_E_1": "pt_BR.UTF-8"]), .pt)
        XCTAssertEqual(try ClientReportWords.choose(nil, client: "acme", settings: ["AURUM_REPORT_LANG_ACME": "en", "AURUM_REPORT_LANG": "pt"]), .en)
        XCTAssertEqual(try ClientReportWords.choose(nil, client: "other", settings: ["AURUM_REPORT_LANG_ACME": "en", "AURUM_REPORT_LANG": "pt-BR"]), .pt)
        XCTAssertThrowsError(try ClientReportWords.choose(nil, client: "acme", settings: ["AURUM_REPORT_LANG_ACME": "fr"])) { error in
            XCTAssertEqual(String(describing: error), "AURUM_REPORT_LANG_ACME 'fr' is not a report language; use pt or en")
        }
        XCTAssertTrue(ConfigReport.isFileVariable("AURUM_REPORT_LANG_ACME"))
        XCTAssertTrue(ConfigReport.isFileVariable("AURUM_REPORT_LANG"))
        XCTAssertFalse(ConfigReport.isFileVariable("AURUM_REPORT_LANG_"))
    }

    func testNumbersInEachLanguage() {
        XCTAssertEqual(ClientReportWords.en.number(31027.7214), "31,027.72")
        XCTAssertEqual(ClientReportWords.pt.number(31027.7214), "31.027,72")
        XCTAssertEqual(ClientReportWords.pt.percent(0.1234), "+12,3%")
        XCTAssertEqual(ClientReportWords.en.percent(-0.5), "-50.0%")
    }
}
