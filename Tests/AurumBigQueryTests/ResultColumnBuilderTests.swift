import AurumCore
import Foundation
import XCTest

@testable import AurumBigQuery

/// BigQuery's typed cells into Aurum's columns: what `query --on bigquery` accepts, and what it refuses rather
/// than guess (the REST stub answers only well-formed results).
final class ResultColumnBuilderTests: XCTestCase {
    func testCellsBecomeTheColumnsOfAurumsPlan() throws {
        var integers = ResultColumnBuilder(type: .int64)
        try integers.append("42", bigQueryType: "INT64", column: "n", row: 1)
        try integers.append(nil, bigQueryType: "INT64", column: "n", row: 2)
        try integers.append(NSNull(), bigQueryType: "INT64", column: "n", row: 3)
        XCTAssertEqual((0..<3).map { integers.finish().value(at: $0) }, [.int64(42), .null, .null])

        var doubles = ResultColumnBuilder(type: .double)
        for (text, type) in [("1.5", "FLOAT64"), ("7", "INT64"), ("123.450000000", "NUMERIC"), ("NaN", "FLOAT64"), ("-Infinity", "FLOAT64")] {
            try doubles.append(text, bigQueryType: type, column: "x", row: 1)
        }
        let column = doubles.finish()
        XCTAssertEqual(column.value(at: 0), .double(1.5))
        XCTAssertEqual(column.value(at: 2), .double(123.45))
        XCTAssertEqual(column.value(at: 4), .double(-.infinity))

        var dates = ResultColumnBuilder(type: .date)
        try dates.append("2024-02-29", bigQueryType: "DATE", column: "d", row: 1)
        XCTAssertEqual(dates.finish().value(at: 0), .date(Date32(iso: "2024-02-29")!))

        var flags = ResultColumnBuilder(type: .bool)
        try flags.append("false", bigQueryType: "BOOL", column: "f", row: 1)
        XCTAssertEqual(flags.finish().value(at: 0), .bool(false))
    }

    func testWhatDoesNotFitIsAnErrorNamingColumnAndRow() {
        var integers = ResultColumnBuilder(type: .int64)
        XCTAssertThrowsError(try integers.append("1.5", bigQueryType: "FLOAT64", column: "n", row: 7)) { error in
            XCTAssertEqual("\(error)", "BigQuery's result: column n, row 7: FLOAT64 '1.5' is not a BIGINT")
        }
        var dates = ResultColumnBuilder(type: .date)
        XCTAssertThrowsError(try dates.append("2024-01-01T00:00:00", bigQueryType: "TIMESTAMP", column: "d", row: 1))
        XCTAssertThrowsError(try dates.append("2024-13-01", bigQueryType: "DATE", column: "d", row: 2))
        var texts = ResultColumnBuilder(type: .string)
        XCTAssertThrowsError(try texts.append(5, bigQueryType: "STRING", column: "s", row: 1))
    }

    func testTheResultMustHaveThePlansColumns() {
        let reply: [String: Any] = ["schema": ["fields": [["name": "a", "type": "INT64"]]]]
        XCTAssertEqual(try BigQueryQuery.columnTypes(reply, fields: [Field("a", .int64)]), ["INT64"])
        XCTAssertThrowsError(try BigQueryQuery.columnTypes(reply, fields: [Field("a", .int64), Field("b", .string)]))
    }
}
