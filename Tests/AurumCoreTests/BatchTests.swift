import AurumCore
import XCTest

final class BatchTests: XCTestCase {
    static let schema = Schema([
        Field("id", .int64), Field("name", .string, nullable: true), Field("spend", .double, nullable: true),
    ])

    static func sample() -> Batch {
        Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: [1, 2, 3])),
            .string(StringColumn(["a", nil, "c"])),
            .double(PrimitiveColumn(values: [0.5, 0, 2.5], validity: [1, 0, 1])),
        ])
    }

    static func rows(_ batch: Batch) -> [[Value]] {
        (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } }
    }

    func testInitAndLookup() {
        let batch = Self.sample()
        XCTAssertEqual(batch.rowCount, 3)
        XCTAssertEqual(batch.schema, Self.schema)
        XCTAssertEqual(batch.column(named: "NAME")?.type, .string, "names are case-insensitive")
        XCTAssertEqual(batch.column(named: "spend")?.value(at: 2), .double(2.5))
        XCTAssertNil(batch.column(named: "cost"))
    }

    func testEmpty() {
        let batch = Batch(empty: Self.schema)
        XCTAssertEqual(batch.rowCount, 0)
        XCTAssertEqual(batch.columns.map(\.type), [.int64, .string, .double])
        XCTAssertEqual(Batch(empty: Schema([])).rowCount, 0)
    }

    func testGather() {
        let gathered = Self.sample().gather([2, 2, 1])
        XCTAssertEqual(gathered.rowCount, 3)
        XCTAssertEqual(Self.rows(gathered), [
            [.int64(3), .string("c"), .double(2.5)],
            [.int64(3), .string("c"), .double(2.5)],
            [.int64(2), .null, .null],
        ])
        XCTAssertEqual(Self.sample().gather([]).rowCount, 0)
    }

    func testProject() {
        let projected = Self.sample().project(["Spend", "id"])
        XCTAssertEqual(projected.schema.names, ["spend", "id"])
        XCTAssertEqual(Self.rows(projected), [[.double(0.5), .int64(1)], [.null, .int64(2)], [.double(2.5), .int64(3)]])
    }

    func testConcatenate() {
        let other = Batch(schema: Self.schema, columns: [
            .int64(PrimitiveColumn(values: [4])),
            .string(StringColumn(dictionary: ["z", "a"], codes: [1])),
            .double(PrimitiveColumn(values: [-1])),
        ])
        let joined = Batch.concatenate([Self.sample(), Batch(empty: Self.schema), other], schema: Self.schema)
        XCTAssertEqual(joined.rowCount, 4)
        XCTAssertEqual(Self.rows(joined), Self.rows(Self.sample()) + [[.int64(4), .string("a"), .double(-1)]])
        XCTAssertEqual(Self.rows(Batch.concatenate([other], schema: Self.schema)), Self.rows(other))
        let none = Batch.concatenate([], schema: Self.schema)
        XCTAssertEqual(none.rowCount, 0)
        XCTAssertEqual(none.columns.map(\.type), [.int64, .string, .double])
    }

    /// Morsels are consecutive row ranges of at most the size asked, together the whole batch, text sharing its
    /// dictionary; a batch no larger is itself.
    func testMorsels() {
        let schema = Schema([Field("n", .int64), Field("s", .string)])
        let batch = Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: (0..<10).map(Int64.init), validity: [1, 1, 0, 1, 1, 1, 1, 1, 1, 0])),
            .string(StringColumn((0..<10).map { $0 % 3 == 0 ? nil : "s\($0 % 2)" })),
        ])
        let morsels = batch.morsels(of: 4)
        XCTAssertEqual(morsels.map(\.rowCount), [4, 4, 2])
        for (index, morsel) in morsels.enumerated() {
            for row in 0..<morsel.rowCount {
                for column in 0..<2 { XCTAssertEqual(morsel.columns[column].value(at: row), batch.columns[column].value(at: index * 4 + row)) }
            }
            guard case .string(let piece) = morsel.columns[1], case .string(let whole) = batch.columns[1] else { return XCTFail() }
            XCTAssertEqual(piece.dictionary, whole.dictionary)
        }
        XCTAssertEqual(batch.morsels(of: 10).count, 1)
        XCTAssertEqual(Batch(empty: schema).morsels(of: 4).map(\.rowCount), [0])
    }
}
