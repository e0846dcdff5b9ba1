import AurumCore
import Foundation
import XCTest

@testable import AurumQuery

/// Counts how often a query asks whether to stop, and says yes from the `stopAt`-th time on.
private final class CheckCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var checks = 0
    private let stopAt: Int?

    init(stopAt: Int?) { self.stopAt = stopAt }

    var count: Int { lock.withLock { checks } }

    var cancellation: QueryCancellation {
        QueryCancellation { [self] in
            lock.withLock {
                checks += 1
                return stopAt.map { checks >= $0 } ?? false
            }
        }
    }
}

final class QueryCancellationTests: XCTestCase {
    private func engine() throws -> QueryEngine {
        QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0))
    }

    private func assertCancelled(_ sql: String, stopAt: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let counter = CheckCounter(stopAt: stopAt)
        XCTAssertThrowsError(try engine().run(sql, cancellation: counter.cancellation), file: file, line: line) { error in
            XCTAssertEqual(error as? QueryError, .cancelled, file: file, line: line)
        }
    }

    /// How often a query over `t` (three row groups) drains its window of row groups: an aggregation's window
    /// is ``Executor/foldWindowBatches`` × threads batches, a projection's 2 × threads but one batch on one thread.
    private func drains(aggregated: Bool) -> Int {
        if aggregated { return (3 + Executor.foldWindowBatches * Parallel.threadCount - 1) / (Executor.foldWindowBatches * Parallel.threadCount) }
        if Parallel.threadCount == 1 { return 3 }
        return (3 + 2 * Parallel.threadCount - 1) / (2 * Parallel.threadCount)
    }

    func testEveryBatchAndEveryWorkerPieceIsACheckpoint() throws {
        // `t` is three row groups of at most 4 rows: one batch each, one piece each for the workers. The scan asks
        // before each batch it reads, each worker before each batch it filters (a batch whose zone maps prove every
        // row passes is not filtered) and each piece it projects or aggregates, and the run once more after each
        // drain of its window.
        let drains = drains(aggregated: true)
        let expected = [
            ("SELECT name FROM t", 3 + 3 + self.drains(aggregated: false)),  // scan, project pieces
            // and the filter, on two batches: the third's zone maps (qty 6 to 9, no NULL) prove every row passes
            ("SELECT name FROM t WHERE qty > 0", 3 + 3 + 2 + self.drains(aggregated: false)),
            ("SELECT name FROM t WHERE qty + 0 > 0", 3 + 3 + 3 + self.drains(aggregated: false)),  // filters all three
            ("SELECT name, sum(amount) FROM t GROUP BY name", 3 + 3 + drains),  // scan, aggregate pieces
            ("SELECT name, sum(amount) FROM t WHERE qty > 0 GROUP BY name", 3 + 3 + 2 + drains),
            ("SELECT name, sum(amount) FROM t WHERE qty + 0 > 0 GROUP BY name", 3 + 3 + 3 + drains),
        ]
        for (sql, checks) in expected {
            let counter = CheckCounter(stopAt: nil)
            let result = try engine().run(sql, cancellation: counter.cancellation)
            XCTAssertEqual(counter.count, checks, sql)
            XCTAssertGreaterThan(result.batch.rowCount, 0)
        }
    }

    /// One batch of 40,000 rows (a row group as large as a stored one can be): sums of a column or of arithmetic
    /// take it as one piece, but keys or arguments that build text cut it into pieces of 16,384 rows, each a
    /// checkpoint, so Ctrl-C during a costly expression is answered within a piece.
    func testComputedAggregatesCutLargeRowGroupsIntoCheckpointedPieces() throws {
        let rows = 40_000
        let schema = Schema([Field("x", .int64)])
        let table = LazyTable(schema: schema) {
            Batch(schema: schema, columns: [.int64(PrimitiveColumn(values: (0..<rows).map(Int64.init), validity: nil))])
        }
        let engine = QueryEngine(catalog: DictionaryCatalog(["big": table]), today: Date32(days: 0))
        let pieces = (rows + 16_383) / 16_384
        let cases = [
            ("SELECT sum(x) AS s FROM big", 1 + 1 + 1, 799_980_000),
            ("SELECT sum(x + 1) AS s FROM big", 1 + 1 + 1, 800_020_000),
            ("SELECT sum(length(CAST(x AS VARCHAR))) AS s FROM big", 1 + pieces + 1, 188_890),
        ]
        for (sql, checks, sum) in cases {
            let counter = CheckCounter(stopAt: nil)
            let result = try engine.run(sql, cancellation: counter.cancellation)
            XCTAssertEqual(counter.count, checks, sql)
            XCTAssertEqual(result.batch.columns[0].value(at: 0), .int64(Int64(sum)), sql)
        }
    }

    /// A join whose one key holds every row (2,048 × 2,048 = 4,194,304 pairs from one probe batch) hands its
    /// pairs up in pieces of at most ``HashJoinOperator/pairsPerBatch``, asking before each further piece: the
    /// answer is right, and stopping at the last question stops it. (Made at once, the pairs of such a batch
    /// could outgrow memory with no moment to answer Ctrl-C.)
    func testAJoinThatMultipliesRowsStopsBetweenPieces() throws {
        let rows = 2_048
        let schema = Schema([Field("k", .int64), Field("v", .int64)])
        let table = LazyTable(schema: schema) {
            Batch(schema: schema, columns: [
                .int64(PrimitiveColumn(values: Array(repeating: 7, count: rows))), .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
            ])
        }
        let engine = QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
        let sql = "SELECT count(*) AS n, sum(a.v) AS s FROM t a JOIN t b ON a.k = b.k"
        let counter = CheckCounter(stopAt: nil)
        let result = try engine.run(sql, cancellation: counter.cancellation)
        XCTAssertEqual(result.batch.columns[0].value(at: 0), .int64(Int64(rows * rows)))
        XCTAssertEqual(result.batch.columns[1].value(at: 0), .int64(Int64(rows) * Int64(rows * (rows - 1) / 2)))
        let pieces = rows * rows / HashJoinOperator.pairsPerBatch
        XCTAssertGreaterThan(pieces, 1)
        XCTAssertGreaterThanOrEqual(counter.count, pieces)
        for stopAt in [counter.count, counter.count - 1] {
            let stopping = CheckCounter(stopAt: stopAt)
            XCTAssertThrowsError(try engine.run(sql, cancellation: stopping.cancellation)) { error in
                XCTAssertEqual(error as? QueryError, .cancelled)
            }
        }
    }

    func testAPlainScanStopsAtTheNextBatch() throws {
        try assertCancelled("SELECT name FROM t", stopAt: 1)
        try assertCancelled("SELECT name FROM t ORDER BY id LIMIT 3", stopAt: 2)
    }

    func testAnAggregationStopsInItsWorkers() throws {
        // The scan asks three times; the fourth question is a worker's (filtering, or aggregating without WHERE).
        try assertCancelled("SELECT name, count(*) FROM t GROUP BY name", stopAt: 4)
        try assertCancelled("SELECT name, count(*) FROM t WHERE qty > 0 GROUP BY name", stopAt: 4)
    }

    func testTheEngineRunsAgainAfterACancelledQuery() throws {
        let engine = try engine()
        XCTAssertThrowsError(try engine.run("SELECT count(*) FROM t", cancellation: QueryCancellation { true }))
        XCTAssertEqual(try engine.run("SELECT count(*) AS n FROM t").batch.columns[0].value(at: 0), .int64(10))
    }

    /// A windowed query asks at each checkpoint of its input's scan, before and after each window sort, and at
    /// each of the block over the stage's result: stopping at any of those stops it.
    func testWindowStagesAreCheckpoints() throws {
        let sql = "SELECT id, row_number() OVER (ORDER BY id) AS a, rank() OVER (ORDER BY name) AS b FROM t QUALIFY a > 1"
        let counter = CheckCounter(stopAt: nil)
        XCTAssertEqual(try engine().run(sql, cancellation: counter.cancellation).batch.rowCount, 9)
        // The input block (a projection), the two sorts, then the block over the stage's one batch: its scan, its
        // QUALIFY, its one piece and its drain.
        XCTAssertEqual(counter.count, 3 + 3 + drains(aggregated: false) + 2 * 2 + 4)
        for stopAt in 1...counter.count { try assertCancelled(sql, stopAt: stopAt) }
    }

    func testTheErrorSaysInterrupted() {
        XCTAssertEqual(QueryError.cancelled.render(in: "SELECT 1"), "interrupted")
        XCTAssertNil(QueryError.cancelled.offset)
    }
}
