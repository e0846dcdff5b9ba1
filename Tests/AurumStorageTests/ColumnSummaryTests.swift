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

    /// One column's summary, bounds asked.
    private func summary(_ store: Store, _ column: String, bounds: Bool = true) throws -> (ColumnSummary, SummaryWork) {
        let (summaries, work) = try store.columnSummaries("t", columns: [ColumnSummaryRequest(column: column, bounds: bounds)])
        return (summaries[0], work)
    }

    func testSummaryEqualsTheRowsFiguresFromFootersAlone() throws {
        let directory = makeTemporaryDirectory(self)
        try makeStore(directory)
        let store = try Store(directory: directory, mode: .read)
        let segments = store.manifest.tables["t"]?.segments.count ?? 0
        XCTAssertGreaterThan(segments, 1)
        for column in ["n", "x", "t", "none"] {
            let (found, work) = try summary(store, column)
            XCTAssertEqual(found, try expected(store, column), column)
            XCTAssertEqual(work.rowGroupsDecoded, 0, "every zone map answers")
            XCTAssertEqual(work.footersRead, segments)
        }
        XCTAssertEqual(try summary(store, "none").0, ColumnSummary(min: .null, max: .null, nonNullCount: 0))
        XCTAssertThrowsError(try summary(store, "missing"))
        XCTAssertThrowsError(try store.columnSummaries("nope", columns: [ColumnSummaryRequest(column: "n", bounds: true)]))
        let (nothing, work) = try store.columnSummaries("t", columns: [])
        XCTAssertEqual(nothing, [])
        XCTAssertEqual(work.footersRead, 0, "no column asked: no footer opened")
    }

    func testUnboundedTextIsReadOnlyWhenBoundsAreAsked() throws {
        let directory = makeTemporaryDirectory(self)
        try makeStore(directory, longText: true)
        let store = try Store(directory: directory, mode: .read)
        let (bounded, work) = try summary(store, "t")
        XCTAssertEqual(bounded, try expected(store, "t"))
        XCTAssertEqual(bounded.max, .string(String(repeating: "z", count: 300)), "the long text itself, not cut")
        XCTAssertEqual(work.rowGroupsDecoded, 1, "only the block without bounds")
        let (counted, countWork) = try summary(store, "t", bounds: false)
        XCTAssertEqual(counted.nonNullCount, bounded.nonNullCount)
        XCTAssertEqual(countWork.rowGroupsDecoded, 0, "NULL counts are exact in every zone map")
    }

    func testDeletedRowsAreExcludedByReadingTheirRowGroups() throws {
        let directory = makeTemporaryDirectory(self)
        try makeStore(directory)
        let first = try Store(directory: directory, mode: .read)
        // Delete, in segment 1, the row holding the column's maximum and one holding its minimum, so that stale
        // zone maps would give a wrong answer.
        let batch = try first.readAll("t", columns: ["n"])
        let values = (0..<batch.rowCount).map { batch.columns[0].value(at: $0) }
        let segmentRows = first.manifest.tables["t"]!.segments.map(\.segment.rowCount)
        let start = segmentRows[0]
        let inSecond = (start..<(start + segmentRows[1])).filter { !values[$0].isNull }
        func number(_ row: Int) -> Int64 { if case .int64(let value) = values[row] { return value } else { return 0 } }
        let top = inSecond.max { number($0) < number($1) }!
        let bottom = inSecond.min { number($0) < number($1) }!
        let deleted = Set([top - start, bottom - start, 0])
        do {
            let store = try Store(directory: directory, mode: .write)
            let deleting = store.begin()
            try deleting.delete(rows: deleted.sorted(), segment: 1, of: "t")
            try deleting.commit()
        }
        let store = try Store(directory: directory, mode: .read)
        XCTAssertEqual(store.manifest.tables["t"]?.liveRowCount, 100 - deleted.count)
        for column in ["n", "x", "t", "none"] {
            let (found, work) = try summary(store, column)
            XCTAssertEqual(found, try expected(store, column), column)
            XCTAssertEqual(work.segmentsDecoded, 1, "only the segment with deleted rows")
            XCTAssertGreaterThan(work.rowGroupsDecoded, 0)
            XCTAssertLessThan(work.rowGroupsDecoded, work.rowGroups)
        }
    }
}
