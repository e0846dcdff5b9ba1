import XCTest

@testable import AurumPull

final class JSONBodyTests: XCTestCase {
    func testSecretSearchFindsEveryPlacement() {
        let body = Array("{\"next\":\"https://x/?t=ab\",\"tail\":\"abc\"}".utf8)
        XCTAssertTrue(JSONBody.contains(body, "abc"))
        XCTAssertTrue(JSONBody.contains(body, "{\"next"))
        XCTAssertTrue(JSONBody.contains(body, "\"}"))
        XCTAssertFalse(JSONBody.contains(body, "abd"))
        XCTAssertFalse(JSONBody.contains(Array("ab".utf8), "abc"))
        XCTAssertFalse(JSONBody.contains([], "a"))
    }
}
