import Foundation
import XCTest
import AurumCore

@testable import AurumCLI

final class ConfigReportTests: XCTestCase {
    private let noFile = ["AURUM_CONFIG": "/nonexistent/aurum/config.json"]

    func testNothingConfigured() throws {
        let lines = try ConfigReport.lines(environment: noFile)
        XCTAssertEqual(lines[0], "config file:    /nonexistent/aurum/config.json (not found)")
        XCTAssertEqual(lines[1], "model endpoint: not configured (aurum ask uses the offline translator)")
        let source = Parallel.threadsSetting == nil ? "the processors this process may run on" : "AURUM_THREADS"
        XCTAssertEqual(lines[2], "threads:        \(Parallel.threadCount) (\(source))")
        // AURUM_CONFIG itself is one of Aurum's variables, and is shown.
        XCTAssertEqual(Array(lines[3...]), ["environment:", "  AURUM_CONFIG=/nonexistent/aurum/config.json"])
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
            XCTAssertTrue(help.contains(variable), variable)
        }
    }

    func testTheFilesSettingsSecretsHiddenAndStrayKeys() throws {
        let path = NSTemporaryDirectory() + "aurum-config-" + UUID().uuidString + ".json"
        try Data(#"{"aurum_llm_model": "m", "AURUM_META_ACCESS_TOKEN": "sekrit", "aurum_store": "/s", "aurum_meta_page_limt": 5}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let lines = try ConfigReport.lines(environment: ["AURUM_CONFIG": path, "AURUM_LLM_MODEL": "e"])
        XCTAssertEqual(Array(lines[0...4]), [
            "config file:    \(path) (mode 600)",
            "  aurum_llm_model=m (the environment's value wins)",
            "  AURUM_META_ACCESS_TOKEN=(set, hidden)",
            "  aurum_meta_page_limt: ignored, it is not one of Aurum's variables (did you mean AURUM_META_PAGE_LIMIT?)",
            "  aurum_store: ignored, it is read from the environment only",
        ])
        XCTAssertFalse(lines.joined().contains("sekrit"))
    }
}
