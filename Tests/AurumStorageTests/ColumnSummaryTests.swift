import AurumCore
import XCTest

@testable import AurumStorage

/// `Store.columnSummary` against the same figures computed from the rows read back.
final class ColumnSummaryTests: XCTestCase {
    private let schema = Schema([
        Field("n", .int64, nullable: true), Field("x", .double), Field("t", .string, nullable: true), Field("none", .int64, nullable: true),
    ])

    private func makeStore(_ directory: String, longText: Bool = false) throws {
        let store = try Store(directory: directory, mode: .write)
        let transaction = store.begin()
        transaction.segmentRows = 30
        try transaction.ensureTable("t", schema: schema)
        let rows = 100
        let numbers = PrimitiveColumn<Int64>(
            values: (0..<rows).map { Int64(($0 * 37) % 101) - 50 }, validity: (0..<rows).map { $0 % 7 == 0 ? 0 : 1 })
        let doubles = PrimitiveColumn<Double>(values: (0..<rows).map { Double(($0 * 53) % 97) / 4 - 3 })
        let texts = StringColumn((0..<rows).map { row -> String? in
            if row % 5 == 0 { return nil }
            return longText && row == 42 ? String(repeating: "z", count: 300) : "v\((row * 11) % 23)"
        })
        let none = PrimitiveColumn<Int64>(values: [Int64](repeating: 0, count: rows), validity: [UInt8](repeating: 0, count: rows))
        try transaction.append(Batch(schema: schema, columns: [.int64(numbers), .double(doubles), .string(texts), .int64(none)]), to: "t")
        try transaction.commit()
    }

    /// The summary computed from the rows themselves.
    private func expected(_ store: Store, _ column: String) throws -> ColumnSummary {
        let batch = try store.readAll("t", columns: [column])
        let values = (0..<batch.rowCount).map { batch.columns[0].value(at: $0) }.filter { !$0.isNull }
        func less(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.int64(let x), .int64(let y)): x < y
            case (.double(let x), .double(let y)): x < y
            case (.string(let x), .string(let y)): Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            default: false
            }
        }
        let sorted = values.sorted(by: less)
        return ColumnSummary(min: sorted.first ?? .null, max: sorted.last ?? .null, nonNullCount: values.count)
    }

    func testSummaryEqualsTheRowsFigures() throws {
        let directory = makeTemporaryDirectory(self)
        try makeStore(directory)
        let store = try Store(directory: directory, mode: .read)
        XCTAssertGreaterThan(store.manifest.tables["t"]?.segments.count ?? 0, 1)
        for column in ["n", "x", "t", "none"] {
            XCTAssertEqual(try store.columnSummary("t", column: column), try expected(store, column), column)
        }
        XCTAssertEqual(try store.columnSummary("t", column: "none"), ColumnSummary(min: .null, max: .null, nonNullCount: 0))
        XCTAssertThrowsError(try store.columnSummary("t", column: "missing"))
        XCTAssertThrowsError(try store.columnSummary("nope", column: "n"))
    }

    func testDeletedRowsOrUnboundedTextCannotBeAnswered() throws {
        let directory = makeTemporaryDirectory(self)
        try makeStore(directory, longText: true)
        do {
            let store = try Store(directory: directory, mode: .read)
            XCTAssertNil(try store.columnSummary("t", column: "t"), "a block's text is too long to have bounds")
            XCTAssertNotNil(try store.columnSummary("t", column: "n"))
        }
        do {
            let store = try Store(directory: directory, mode: .write)
            let deleting = store.begin()
            try deleting.delete(rows: [3], segment: 1, of: "t")
            try deleting.commit()
        }
        let store = try Store(directory: directory, mode: .read)
        XCTAssertNil(try store.columnSummary("t", column: "n"), "zone maps still count deleted rows")
        XCTAssertEqual(store.manifest.tables["t"]?.liveRowCount, 99)
    }
}
