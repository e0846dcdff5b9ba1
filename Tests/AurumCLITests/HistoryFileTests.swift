import Foundation
import XCTest

@testable import AurumCLI

final class HistoryFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "aurum-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testEntriesRoundTripThroughTheFile() {
        let history = HistoryFile(path: directory + "/history")
        XCTAssertEqual(history.load(), [])
        let entries = ["SELECT 1 FROM t;", ".mode csv", "SELECT 'a\nb' FROM t; -- with \\n inside", "SELECT '\\' FROM t;"]
        for entry in entries { XCTAssertTrue(history.append(entry)) }
        XCTAssertEqual(history.load(), entries)
        let text = String(decoding: FileManager.default.contents(atPath: history.path) ?? Data(), as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n").count, entries.count, "one line per entry")
        XCTAssertTrue(text.hasPrefix("SELECT 1 FROM t;\n.mode csv\n"))
    }

    func testLoadKeepsTheNewestEntriesAndCutsTheFile() {
        let history = HistoryFile(path: directory + "/history", capacity: 3)
        for index in 1...5 { history.append("SELECT \(index) FROM t;") }
        XCTAssertEqual(history.load(), ["SELECT 3 FROM t;", "SELECT 4 FROM t;", "SELECT 5 FROM t;"])
        let text = String(decoding: FileManager.default.contents(atPath: history.path) ?? Data(), as: UTF8.self)
        XCTAssertEqual(text, "SELECT 3 FROM t;\nSELECT 4 FROM t;\nSELECT 5 FROM t;\n")
    }

    func testAnUnwritablePathIsReportedNotFatal() {
        XCTAssertFalse(HistoryFile(path: directory + "/missing/dir/history").append("SELECT 1 FROM t;"))
        XCTAssertEqual(HistoryFile(path: directory + "/missing/dir/history").load(), [])
    }

    func testResolve() {
        XCTAssertEqual(HistoryFile.resolve(environment: ["AURUM_HISTORY": "/tmp/h", "HOME": "/home/me"])?.path, "/tmp/h")
        XCTAssertNil(HistoryFile.resolve(environment: ["AURUM_HISTORY": "", "HOME": "/home/me"]))
        XCTAssertEqual(HistoryFile.resolve(environment: ["HOME": "/home/me"])?.path, "/home/me/.aurum_history")
        XCTAssertNil(HistoryFile.resolve(environment: [:]))
    }

    func testEncoding() {
        XCTAssertEqual(HistoryFile.encode("a\nb\\c"), "a\\nb\\\\c")
        XCTAssertEqual(HistoryFile.decode("a\\nb\\\\c"), "a\nb\\c")
        XCTAssertEqual(HistoryFile.decode("trailing\\"), "trailing\\")
    }
}
