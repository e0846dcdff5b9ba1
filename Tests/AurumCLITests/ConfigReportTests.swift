import XCTest

@testable import AurumCLI

final class ConfigReportTests: XCTestCase {
    private let noFile = ["AURUM_CONFIG": "/nonexistent/aurum/config.json"]

    func testNothingConfigured() throws {
        let lines = try ConfigReport.lines(environment: noFile)
        XCTAssertEqual(lines[0], "config file:    /nonexistent/aurum/config.json (not found)")
        XCTAssertEqual(lines[1], "model endpoint: not configured (aurum ask uses the offline translator)")
        // AURUM_CONFIG itself is one of Aurum's variables, and is shown.
        XCTAssertEqual(Array(lines[2...]), ["environment:", "  AURUM_CONFIG=/nonexistent/aurum/config.json"])
    }

    func testSecretsAreHidden() throws {
        let environment = noFile.merging(["TOGETHER_API_KEY": "sekrit", "AURUM_THREADS": "2", "UNRELATED": "x"]) { $1 }
        let text = try ConfigReport.lines(environment: environment).joined(separator: "\n")
        XCTAssertFalse(text.contains("sekrit"), text)
        XCTAssertTrue(text.contains("API key set"), text)
        XCTAssertTrue(text.contains("  TOGETHER_API_KEY=(set, hidden)"), text)
        XCTAssertTrue(text.contains("  AURUM_THREADS=2"), text)
        XCTAssertFalse(text.contains("UNRELATED"), text)
    }

    func testEveryVariableIsInTheHelp() {
        let help = ConfigCommand.helpMessage()
        for variable in ConfigReport.variables {
            XCTAssertTrue(help.contains(variable.name), variable.name)
        }
    }
}
