import AurumCore
import Dispatch
import Foundation
import XCTest

@testable import AurumStorage

/// Row groups planned by ``Store/pendingRowGroups(_:in:columns:where:rowGroupFilter:)`` and read on other threads,
/// in any order, as a query's workers read them.
final class PendingRowGroupTests: XCTestCase {
    /// A chunk as comparable values.
    private struct Read: Equatable {
        var segmentIndex: Int
        var firstRow: Int
        var live: [Bool]?
        var cells: [[Cell]]
    }

    private static func read(_ chunk: Store.Chunk) -> Read {
        Read(segmentIndex: chunk.segmentIndex, firstRow: chunk.firstRow, live: chunk.live, cells: chunk.batch.columns.map(cells))
    }

    /// `read(i)` for every `i` in `0..<count`, many times over on concurrent threads, last first: each result must be
    /// the same every time; returns them by index.
    private func readConcurrently<T: Equatable>(_ count: Int, _ read: @escaping @Sendable (Int) -> T) -> [T] {
        let lock = NSLock()
        nonisolated(unsafe) var results = [[T]](repeating: [], count: count)
        DispatchQueue.concurrentPerform(iterations: count * 8) { iteration in
            let index = count - 1 - iteration % count
            let value = read(index)
            lock.withLock { results[index].append(value) }
        }
        for (index, values) in results.enumerated() {
            XCTAssertEqual(values.count, 8)
            XCTAssertTrue(values.allSatisfy { $0 == values[0] }, "row group \(index) read differently on different threads")
        }
        return results.map { $0[0] }
    }

    func testRowGroupsReadOnManyThreadsInAnyOrderAreTheScansChunks() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        for cacheBytes in [0, 1 << 20] {
            let store = try Store(directory: directory, mode: .read, cacheBytes: cacheBytes)
            for columns in [nil, ["spend", "campaign"]] {
                var scanned: [Read] = []
                var liveRows: [Int] = []
                try store.scanChunks("kpi", columns: columns) { chunk in
                    scanned.append(Self.read(chunk))
                    liveRows.append(chunk.liveBatch.rowCount)
                }
                XCTAssertEqual(scanned.map(\.firstRow), [0, 0, 0])
                XCTAssertEqual(liveRows, [37, 40, 19])
                let plan = try store.pendingRowGroups("kpi", columns: columns)
                XCTAssertEqual(plan.map(\.liveRowCount), liveRows)
                let pending = readConcurrently(plan.count) { index in
                    (try? plan[index].read()).map(Self.read)
                }
                XCTAssertEqual(pending, scanned.map { Optional($0) }, "columns \(columns ?? ["all"]), cache \(cacheBytes)")
            }
        }
    }

    /// A DOUBLE column asked for as fixed point comes as BIGINT integers at its places (its field saying so),
    /// which divide back to the doubles of the usual read; through a cache the two forms are kept apart, whichever
    /// is read first.
    func testFixedPointReadsGiveTheDoublesScaledAndTheCacheKeepsBothForms() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let cents = FixedPoint(places: 2, magnitudeLimit: 1 << 50)
        for cacheBytes in [0, 1 << 20] {
            let store = try Store(directory: directory, mode: .read, cacheBytes: cacheBytes)
            for fixedFirst in [true, false] {
                for group in try store.pendingRowGroups("kpi", columns: ["spend", "id"]) {
                    func fixed() throws -> Batch { try group.read(fixedPoint: [0: cents]).batch }
                    func usual() throws -> Batch { try group.read().batch }
                    let first = fixedFirst ? try fixed() : try usual()
                    let second = fixedFirst ? try usual() : try fixed()
                    let (scaled, doubles) = fixedFirst ? (first, second) : (second, first)
                    XCTAssertEqual(scaled.schema.fields.map(\.type), [.int64, .int64])
                    XCTAssertEqual(doubles.schema.fields.map(\.type), [.double, .int64])
                    guard case .int64(let integers) = scaled.columns[0], case .double(let values) = doubles.columns[0] else {
                        return XCTFail("BIGINT cents and DOUBLE spend")
                    }
                    XCTAssertEqual(integers.validity, values.validity)
                    XCTAssertEqual(integers.values.map { (Double($0) / 100).bitPattern }, values.values.map(\.bitPattern))
                }
            }
        }
    }

    /// Reading chosen rows of a row group (deleted ones included when asked) gives those rows of the whole read;
    /// the live rows whose text matches are those of the whole read that are live and match.
    func testChosenRowsAndRowsWhereTextMatchesAgreeWithTheWholeRead() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        let plan = try store.pendingRowGroups("kpi", columns: ["campaign", "id", "spend"])
        XCTAssertTrue(plan.contains { $0.liveRowCount < $0.rowCount }, "the sample has deleted rows")
        for group in plan {
            let whole = try group.read()
            guard case .string(let campaigns) = whole.batch.columns[0] else { return XCTFail() }
            for rows in [[], Array(0..<group.rowCount), Array(stride(from: 2, to: group.rowCount, by: 5)), [group.rowCount - 1]] {
                XCTAssertEqual(try group.read(rows: rows).columns.map(cells), whole.batch.gather(rows).columns.map(cells))
            }
            let wanted = Set(campaigns.dictionary.prefix(2))
            let matching = try group.liveRows(whereText: 0, in: TextProbe(wanted))
            let expected = (0..<group.rowCount).filter { (whole.live?[$0] ?? true) && campaigns[$0].map(wanted.contains) == true }
            XCTAssertEqual(matching, expected)
            XCTAssertFalse(expected.isEmpty)
            var texts: [[UInt8]] = []
            try group.forEachLiveText(0) { texts.append(Array($0)) }
            let liveTexts = Set((0..<group.rowCount).filter { whole.live?[$0] ?? true }.compactMap { campaigns[$0].map { Array($0.utf8) } })
            XCTAssertEqual(texts.count, liveTexts.count, "each text once")
            XCTAssertEqual(Set(texts), liveTexts)
        }
    }

    func testZoneMapPruningLeavesOutRowGroupsBeforeAnyIsRead() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        // Ids 40..<80 are the second segment: a filter on the zone map of `id` keeps only it.
        let plan = try store.pendingRowGroups("kpi", columns: ["id"], rowGroupFilter: { group, schema in
            guard case .int64(let minimum) = group.blocks[schema.index(of: "id")!].stats.min else { return true }
            return minimum >= 40 && minimum < 80
        })
        XCTAssertEqual(plan.map(\.segmentIndex), [1])
        XCTAssertEqual(Rows.ids(try plan[0].read().liveBatch), Array(40..<80))
    }

    func testADamagedBlockIsReportedWithItsFileByWhicheverThreadReadsIt() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let entry = try Store(directory: directory, mode: .read).table("kpi").segments[1]
        let reader = try SegmentReader(path: directory + "/" + entry.segment.file, name: entry.segment.file)
        let spend = reader.footer.rowGroups[0].blocks[Rows.schema.index(of: "spend")!]
        let path = directory + "/" + entry.segment.file
        writeFile(flipBit(readFile(path), Int(spend.offset) + Int(spend.storedBytes) / 2), to: path)

        let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        let plan = try store.pendingRowGroups("kpi", columns: ["id", "spend"])  // footers are intact: planning works
        let outcomes = readConcurrently(plan.count) { index -> String in
            do {
                return "\(try plan[index].read().liveBatch.rowCount) rows"
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertEqual(outcomes[0], "37 rows")
        XCTAssertEqual(outcomes[2], "19 rows")
        XCTAssertTrue(outcomes[1].contains(entry.segment.file) && outcomes[1].contains("spend"), outcomes[1])
        // A scan that reads ahead on other threads reports the same damage.
        XCTAssertThrowsError(try store.scanChunks("kpi", columns: ["id", "spend"]) { _ in }) { error in
            XCTAssertEqual(String(describing: error), outcomes[1])
        }
    }
}
