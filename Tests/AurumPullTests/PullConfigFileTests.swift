import XCTest

@testable import AurumPull

final class PullConfigFileTests: XCTestCase {
    func testLinesCommentsQuotesAndExport() throws {
        let text = "# secrets\n\nexport AURUM_META_ACCESS_TOKEN='a=b'\nAURUM_PULL_RETRIES = 3\r\nAURUM_GOOGLE_ADS_URL=\"http://x\"\n"
        XCTAssertEqual(
            try PullConfigFile.parse(text, path: "f"),
            ["AURUM_META_ACCESS_TOKEN": "a=b", "AURUM_PULL_RETRIES": "3", "AURUM_GOOGLE_ADS_URL": "http://x"])
    }

    func testABadLineIsNamedWithoutItsValue() {
        XCTAssertThrowsError(try PullConfigFile.parse("AURUM_X=1\nsecret-value-here\n", path: "f")) { error in
            XCTAssertEqual(String(describing: error), "config file=f line 2: expected AURUM_NAME=value")
        }
    }
}
