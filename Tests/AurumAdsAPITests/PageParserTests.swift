import XCTest

@testable import AurumAdsAPI

final class PageParserTests: XCTestCase {
    private func assertNotADataPage(
        _ text: String, reasonContains: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        assertNotADataPage(Array(text.utf8), reasonContains: reasonContains, file: file, line: line)
    }

    private func assertNotADataPage(
        _ bytes: [UInt8], reasonContains: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let error = pageError(bytes, file: file, line: line) else { return }
        guard case .notADataPage(let reason) = error else {
            return XCTFail("expected notADataPage, got \(error)", file: file, line: line)
        }
        XCTAssertTrue(reason.contains(reasonContains), "reason \(reason.debugDescription)", file: file, line: line)
    }

    func testRecognisesByFirstNonBlankByte() {
        XCTAssertEqual(parsePage(" \t\r\n{\"data\": []}")?.source, .meta)
        XCTAssertEqual(parsePage("\n [ ]\n")?.source, .google)
        XCTAssertEqual(parsePage("[]")?.rows.count, 0)
        XCTAssertEqual(parsePage(#"{"data":[],"paging":{"next":"https:\/\/graph.facebook.com"}}"#)?.rows.count, 0)
    }

    func testWhatIsNotADataPage() {
        assertNotADataPage("", reasonContains: "empty")
        assertNotADataPage(" \n\t", reasonContains: "only blanks")
        assertNotADataPage(
            "x", reasonContains: "first non-blank byte is 'x', expected '{' (Meta page) or '[' (Google stream)")
        assertNotADataPage(#""data""#, reasonContains: #"first non-blank byte is '"'"#)
        assertNotADataPage([0xEF, 0xBB, 0xBF] + Array("{\"data\":[]}".utf8), reasonContains: "byte-order mark")
        assertNotADataPage(
            #"{"error": {"message": "Invalid OAuth access token.", "code": 190}}"#,
            reasonContains: "saved API error body")
        assertNotADataPage(#"{"paging": {}}"#, reasonContains: "without a 'data' array")
        assertNotADataPage(#"{"data": null}"#, reasonContains: "without a 'data' array")
        assertNotADataPage(#"{"data": {"rows": []}}"#, reasonContains: "'data' is an object, not an array")
        assertNotADataPage(
            #"[{"results": []}, 5]"#, reasonContains: "Google stream element 2 is a number, not an object")
        assertNotADataPage(#"[{"results": {}}]"#, reasonContains: "element 1 has 'results' that is an object")
        assertNotADataPage(
            #"[{"results": []}, {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}]"#,
            reasonContains: "Google stream element 2 is an API error")
    }

    /// Issue 19 item 6: a Meta page inside `[ ]` was a 0-row Google stream, and a second `data` won silently.
    func testWrappedOrRepeatedDataIsNotADataPage() {
        assertNotADataPage(#"[{"data": [{"account_id": "1"}], "paging": {}}]"#, reasonContains: "a Meta page wrapped in an array")
        assertNotADataPage(#"{"data": [{"account_id": "1"}], "data": []}"#, reasonContains: "2 'data' members")
        assertNotADataPage(#"[{"results": [], "results": [{}]}]"#, reasonContains: "2 'results' members")
        XCTAssertEqual(parsePage(#"[{"fieldMask": "campaign.id", "requestId": "x"}]"#)?.rows.count, 0)
    }

    func testInvalidJSONIsReportedWithItsPlace() {
        guard let error = pageError("{\"data\": [\n  {\"a\": 1},\n  {\"a\": 2,}\n]}") else { return }
        XCTAssertEqual(
            error,
            .invalidJSON(
                offset: 33, line: 3, column: 11,
                message: "unexpected '}'; expected a member name (a string in double quotes)"))
        XCTAssertEqual(
            error.description,
            "invalid JSON at line 3, column 11 (byte offset 33): unexpected '}'; expected a member name (a string in double quotes)"
        )
        guard case .invalidJSON = pageError("[{\"results\": [}]") else { return XCTFail("expected invalid JSON") }
    }

    func testGoogleBatchesWithoutResultsHaveNoRows() {
        let page = parsePage(#"[{"fieldMask":"x","requestId":"a"},{"results":null},{"results":[]}]"#)
        XCTAssertEqual(page?.source, .google)
        XCTAssertEqual(page?.rows.count, 0)
    }

    func testRowPositionsAndRawText() throws {
        let meta = #"{"data": [ {"account_id":"1"} ,42, {"ad_id" : "x\u00e7"}]}"#
        let metaPage = try XCTUnwrap(parsePage(meta))
        XCTAssertEqual(metaPage.rows.map(\.position), ["1", "2", "3"])
        XCTAssertEqual(metaPage.rows.map { raw(meta, $0) }, [#"{"account_id":"1"}"#, "42", #"{"ad_id" : "x\u00e7"}"#])
        XCTAssertTrue(metaPage.rows.allSatisfy { $0.source == .meta })

        let google =
            "[\n {\"results\": [{\"a\":1}, {\"b\":2}]},\n {\"requestId\": \"r\"},\n {\"results\": [ {\"c\":[3]} ]}\n]"
        let googlePage = try XCTUnwrap(parsePage(google))
        XCTAssertEqual(googlePage.rows.map(\.position), ["1.1", "1.2", "3.1"])
        XCTAssertEqual(googlePage.rows.map { raw(google, $0) }, [#"{"a":1}"#, #"{"b":2}"#, #"{"c":[3]}"#])
        XCTAssertTrue(googlePage.rows.allSatisfy { $0.source == .google })
    }

    private func raw(_ text: String, _ row: PageRow) -> String {
        String(decoding: Array(text.utf8)[row.rawRange], as: UTF8.self)
    }

    func testParseRowMatchesTheRowInItsPage() throws {
        let row = jsonObject(MetaRowReaderTests.baseRow)
        let page = try XCTUnwrap(parsePage(#"{"data":["# + row + "]}"))
        let alone = try Array(row.utf8).withUnsafeBytes { bytes in try PageParser().parseRow(bytes, source: .meta) }
        XCTAssertEqual(alone, page.rows[0].outcome)
        XCTAssertNotNil(alone.record)
        XCTAssertThrowsError(try Array("{".utf8).withUnsafeBytes { try PageParser().parseRow($0, source: .google) })
    }

    func testErrorsDescribeThemselves() {
        XCTAssertEqual(
            PageError.notADataPage(reason: "the file is empty").description, "not a data page: the file is empty")
        XCTAssertTrue(
            PageError.fileTooLarge(byteCount: 5_000_000_000, byteCountMax: 4_294_967_294).description.contains("split"))
        XCTAssertEqual(
            QuarantineReason.allCases.map(\.rawValue),
            [
                "missing_account_id", "missing_ad_id", "missing_campaign_id", "missing_date", "bad_date",
                "bad_date_range",
                "non_numeric_impressions", "negative_impressions", "non_numeric_clicks", "negative_clicks",
                "non_numeric_spend", "negative_spend", "non_numeric_conversions", "negative_conversions",
                "non_numeric_conversion_value", "negative_conversion_value",
            ])
        XCTAssertEqual(AdSource.allCases.map(\.rawValue), ["meta", "google"])
    }

    /// Mutations of real-shaped pages never trap; whatever parses has in-bounds rows that re-read the same alone.
    func testMutatedPagesNeverTrap() throws {
        let seeds = [
            Array(#"{"data":["#.utf8) + Array(jsonObject(MetaRowReaderTests.baseRow).utf8) + Array("]}".utf8),
            Array("[{\"results\": [\(GoogleRowReaderTests.Result().json)]}]".utf8),
        ]
        let interesting = Array(#"{}[],:"\/u0123456789-.eE ntfD8"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xFF]
        var rng = SplitMix64(seed: 2024)
        var parsed = 0
        for _ in 0..<3000 {
            var bytes = seeds.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = interesting.randomElement(using: &rng)!
                case 1: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &rng)))
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            do {
                let page = try PageParser().parse(bytes)
                parsed += 1
                for row in page.rows {
                    XCTAssertTrue(row.rawRange.lowerBound >= 0 && row.rawRange.upperBound <= bytes.count)
                    let alone = try Array(bytes[row.rawRange]).withUnsafeBytes {
                        try PageParser().parseRow($0, source: page.source)
                    }
                    XCTAssertEqual(alone, row.outcome)
                }
            } catch {
                if case .invalidJSON(let offset, _, _, _)? = error as? PageError {
                    XCTAssertTrue((0...bytes.count).contains(offset))
                }
            }
        }
        XCTAssertGreaterThan(parsed, 100, "enough mutants still parse to exercise the row readers")
    }
}
