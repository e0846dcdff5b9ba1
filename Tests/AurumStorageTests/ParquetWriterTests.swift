import AurumCore
import XCTest

@testable import AurumStorage

/// The file's frame and the writer's rules; what readers make of the contents is checked by
/// Tests/integration/test_parquet.py with pyarrow and DuckDB.
final class ParquetWriterTests: XCTestCase {
    private let schema = Schema([Field("id", .int64), Field("name", .string, nullable: true), Field("day", .date), Field("amount", .double)])

    private func batch(_ rows: Range<Int>) -> Batch {
        Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: rows.map(Int64.init))),
            .string(StringColumn(rows.map { $0 % 3 == 0 ? nil : "n\($0 % 5)" })),
            .date(PrimitiveColumn(values: rows.map { Int32(19_000 + $0) })),
            .double(PrimitiveColumn(values: rows.map { Double($0) / 4 })),
        ])
    }

    func testFileIsFramedByMagicAndFooterLength() throws {
        let path = makeTemporaryDirectory(self) + "/t.parquet"
        let writer = try ParquetWriter(path: path, schema: schema)
        try writer.append(batch(0..<100))
        let summary = try writer.finish()
        let bytes = try FileIO.read(path)
        XCTAssertEqual(summary, ParquetWriter.Summary(rowCount: 100, rowGroupRowCounts: [100], byteCount: bytes.count))
        XCTAssertEqual(Array(bytes.prefix(4)), Array("PAR1".utf8))
        XCTAssertEqual(Array(bytes.suffix(4)), Array("PAR1".utf8))
        let footerLength = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertGreaterThan(footerLength, 0)
        XCTAssertLessThan(footerLength, bytes.count - 12)
        // The footer starts with FileMetaData field 1 (version, i32) = 2.
        XCTAssertEqual(Array(bytes[(bytes.count - 8 - footerLength)..<(bytes.count - 8 - footerLength + 2)]), [0x15, 0x04])
        XCTAssertEqual(FileIO.list(FileIO.parentDirectory(of: path)), ["t.parquet"], "no temporary file is left")
    }

    func testRowGroupsFollowTheLimits() throws {
        let directory = makeTemporaryDirectory(self)
        var limits = ParquetWriter.Limits()
        limits.rowGroupRows = 30
        let writer = try ParquetWriter(path: directory + "/rows.parquet", schema: schema, limits: limits)
        try writer.append(batch(0..<45))
        try writer.append(batch(45..<100))
        XCTAssertEqual(try writer.finish().rowGroupRowCounts, [30, 30, 30, 10])

        // A batch that fills the row group exactly: the next rows start a new one.
        limits.rowGroupRows = 10
        let exact = try ParquetWriter(path: directory + "/exact.parquet", schema: schema, limits: limits)
        try exact.append(batch(0..<10))
        try exact.append(batch(10..<15))
        try exact.append(batch(15..<15))
        XCTAssertEqual(try exact.finish().rowGroupRowCounts, [10, 5])

        limits = ParquetWriter.Limits()
        limits.rowGroupBytes = 1000  // a row takes 28 bytes PLAIN at most (8 + 4 + 8 + 4 + "nX")
        let bySize = try ParquetWriter(path: directory + "/bytes.parquet", schema: schema, limits: limits)
        try bySize.append(batch(0..<200))
        let summary = try bySize.finish()
        XCTAssertEqual(summary.rowCount, 200)
        XCTAssertGreaterThanOrEqual(summary.rowGroupCount, 5)
        XCTAssertLessThanOrEqual(summary.rowGroupRowCounts.max() ?? 0, 1000 / 20, "no row group passes 1000 bytes (rows take 20 bytes or more)")
    }

    func testEmptyFileHasNoRowGroups() throws {
        let path = makeTemporaryDirectory(self) + "/empty.parquet"
        let summary = try ParquetWriter(path: path, schema: schema).finish()
        XCTAssertEqual(summary.rowCount, 0)
        XCTAssertEqual(summary.rowGroupRowCounts, [])
    }

    func testNullInARequiredColumnIsRefusedAndLeavesNoFile() throws {
        let directory = makeTemporaryDirectory(self)
        let path = directory + "/bad.parquet"
        var rows = batch(0..<10)
        rows.columns[0] = .int64(PrimitiveColumn(values: Array(0..<10), validity: [1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        do {
            let writer = try ParquetWriter(path: path, schema: schema)
            try writer.append(rows)
            XCTAssertThrowsError(try writer.finish()) { error in
                XCTAssertEqual(error as? StorageError, .parquet(reason: "column 'id' is not nullable but holds 1 NULL values"))
            }
        }
        XCTAssertEqual(FileIO.list(directory), [], "the temporary file is removed and no file appears")
    }

    func testOtherColumnsAreRefused() throws {
        let writer = try ParquetWriter(path: makeTemporaryDirectory(self) + "/x.parquet", schema: schema)
        XCTAssertThrowsError(try writer.append(Batch(empty: Schema([Field("id", .double)]))))
    }

    func testLimitsOutOfRangeAreRefused() {
        var limits = ParquetWriter.Limits()
        limits.pageBytes = 0
        XCTAssertThrowsError(try limits.validate())
        limits = ParquetWriter.Limits()
        limits.dictionaryBytes = ParquetWriter.Limits.bytesMax + 1
        XCTAssertThrowsError(try limits.validate())
        XCTAssertNoThrow(try ParquetWriter.Limits().validate())
    }
}
