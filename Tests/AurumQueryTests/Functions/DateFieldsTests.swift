import AurumCore
import XCTest

@testable import AurumQuery

/// extract / date_part and the one-field functions: every field at year ends, leap days and week edges (values
/// from DuckDB 2.0.1), NULLs, spellings, and the refusal of fields a DATE does not have.
final class DateFieldsTests: XCTestCase {
    private let batch = FunctionProbe.batch(dates: ["2024-12-30", "2021-01-03", "2024-02-29", "2024-03-10", "2023-01-01"])

    func testEveryFieldAtTheEdges() throws {
        let expected: [String: [Int64]] = [
            "year": [2024, 2021, 2024, 2024, 2023], "month": [12, 1, 2, 3, 1], "day": [30, 3, 29, 10, 1],
            "quarter": [4, 1, 1, 1, 1], "week": [1, 53, 9, 10, 52], "isodow": [1, 7, 4, 7, 7],
            "dow": [1, 0, 4, 0, 0], "doy": [365, 3, 60, 70, 1], "isoyear": [2025, 2020, 2024, 2024, 2022],
            "yearweek": [202501, 202053, 202409, 202410, 202252],
        ]
        for (field, values) in expected {
            let wanted = values.map(Value.int64) + [.null]
            XCTAssertEqual(try FunctionProbe.values("extract(\(field) FROM d)", over: batch), wanted, field)
            XCTAssertEqual(try FunctionProbe.values("date_part('\(field.uppercased())', d)", over: batch), wanted, field)
        }
        XCTAssertEqual(try FunctionProbe.values("isodow(d)", over: batch), try FunctionProbe.values("extract(isodow FROM d)", over: batch))
        XCTAssertEqual(try FunctionProbe.values("dayofweek(d)", over: batch), try FunctionProbe.values("extract(dow FROM d)", over: batch))
        XCTAssertEqual(try FunctionProbe.values("weekofyear(d)", over: batch), try FunctionProbe.values("week(d)", over: batch))
        XCTAssertEqual(try FunctionProbe.values("dayofyear(d)", over: batch), try FunctionProbe.values("extract(doy FROM d)", over: batch))
        XCTAssertEqual(try FunctionProbe.values("extract('week' FROM d)", over: batch), try FunctionProbe.values("week(d)", over: batch))
    }

    func testAStringLiteralIsReadAsADateAndNullFieldsGiveNull() throws {
        XCTAssertEqual(try FunctionProbe.values("quarter('2024-11-02')", over: batch).first, .int64(4))
        XCTAssertEqual(try FunctionProbe.values("date_part(NULL, d)", over: batch).first, .null)
        XCTAssertEqual(try FunctionProbe.values("extract(week FROM NULL)", over: batch).first, .null)
    }

    func testFieldsADateDoesNotHaveAreRefusedByName() {
        for (text, word) in [("extract(hour FROM d)", "hour"), ("date_part('epoch', d)", "epoch"), ("extract(minute FROM d)", "minute")] {
            let error = FunctionProbe.refusal(text, over: batch)
            guard case .typeMismatch(let message, _) = error else { return XCTFail("\(text): \(String(describing: error))") }
            XCTAssertTrue(message.contains("'\(word)'") && message.contains("isodow"), message)
        }
        XCTAssertNotNil(FunctionProbe.refusal("date_part(s, d)", over: batch))  // the field must be a constant
        XCTAssertNotNil(FunctionProbe.refusal("week(n)", over: batch))
        XCTAssertNotNil(FunctionProbe.refusal("isodow(d, d)", over: batch))
    }
}
