import AurumCore
@testable import AurumPipeline
import AurumStorage
import XCTest

final class KeyOrderedScanTests: XCTestCase {
    /// `quarantine` rows with keys (file_id, row) and a detail that tells equal keys apart.
    private func rows(_ keys: [(Int64, Int64)], detail: String) -> Batch {
        let schema = ContractTable.quarantine.schema
        return Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: keys.map(\.0))), .int64(PrimitiveColumn(values: keys.map(\.1))),
            .string(StringColumn(keys.map { $0.0 % 2 == 0 ? "meta" : "google" })), .string(StringColumn(keys.map { _ in "bad_date" })),
            .string(StringColumn(keys.indices.map { "\(detail) \($0 % 97)" })), .string(StringColumn(keys.map { "{\"id\": \($0.1)}" })),
        ])
    }

    /// What the scan hands over, as CSV, and the stretches it was handed in.
    private func scanned(_ store: Store) throws -> (csv: [UInt8], stretches: Int) {
        var output: [UInt8] = []
        var stretches = 0
        let writer = CSVWriter()
        try KeyOrderedScan.scan(.quarantine, store: store, prepare: { writer.lines(of: $0) }) { lines, rows in
            lines.write(rows, into: &output)
            stretches += 1
            return true
        }
        return (output, stretches)
    }

    private func sortedCSV(_ store: Store) throws -> [UInt8] {
        var output: [UInt8] = []
        CSVWriter().rows(try TableReader.readSorted(.quarantine, store: store), into: &output)
        return output
    }

    /// Segments of sorted runs that overlap (several row groups, deleted rows, equal keys in two runs) come out
    /// as a stable sort of the whole table puts them, through the merge; many tiny runs through the fallback.
    func testMergesSortedRunsAsTheStableSortDoes() throws {
        let directory = temporaryDirectory(self) + "/store"
        let writing = try Store(directory: directory, mode: .write)
        var transaction = writing.begin()
        try transaction.ensureTable("quarantine", schema: ContractTable.quarantine.schema)
        // Run 1: 135,000 rows (two row groups), file ids 0, 2, 4, … in order.
        let first = (0..<135_000).map { (Int64($0 / 1000) * 2, Int64($0 % 1000)) }
        try transaction.append(rows(first, detail: "first"), to: "quarantine")
        // Run 2: odd file ids and some keys run 1 has too (a tie the earlier run wins).
        let second = (0..<4_000).map { (Int64($0 / 100) * 3, Int64($0 % 100)) }
        try transaction.append(rows(second, detail: "second"), to: "quarantine")
        try transaction.delete(rows: Array(stride(from: 5, to: 135_000, by: 7)), segment: 0, of: "quarantine")
        try transaction.commit()

        var store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        XCTAssertEqual(try KeyOrderedScan.runStarts(of: .quarantine, store: store).starts.count, 2)
        var result = try scanned(store)
        XCTAssertEqual(result.csv, try sortedCSV(store))
        XCTAssertGreaterThan(result.stretches, 100, "the runs interleave, so the merge hands over many stretches")

        // Run 3..: 1,100 rows in descending order, each its own run: the cursors would hold too many rows, so the
        // table is sorted in memory; the rows are the same.
        transaction = writing.begin()
        try transaction.append(rows((0..<1100).map { (Int64(1100 - $0), 7) }, detail: "third"), to: "quarantine")
        try transaction.commit()
        store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        XCTAssertGreaterThan(try KeyOrderedScan.runStarts(of: .quarantine, store: store).starts.count, 1000)
        result = try scanned(store)
        XCTAssertEqual(result.csv, try sortedCSV(store))
    }

    /// One sorted run is scanned in the store's order, and `emit` returning false stops the scan.
    func testOneRunStreamsAndStops() throws {
        let directory = temporaryDirectory(self) + "/store"
        let writing = try Store(directory: directory, mode: .write)
        let transaction = writing.begin()
        try transaction.ensureTable("quarantine", schema: ContractTable.quarantine.schema)
        try transaction.append(rows((0..<132_000).map { (Int64($0 / 10), Int64($0 % 10)) }, detail: "only"), to: "quarantine")
        try transaction.commit()
        let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        XCTAssertEqual(try KeyOrderedScan.runStarts(of: .quarantine, store: store).starts, [0])
        XCTAssertEqual(try scanned(store).csv, try sortedCSV(store))
        var calls = 0
        try KeyOrderedScan.scan(.quarantine, store: store, prepare: { $0 }) { _, _ in
            calls += 1
            return false
        }
        XCTAssertEqual(calls, 1)
    }
}
