import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// An aggregation's scan lets a worker done with its batches of a window read the others' (``Executor``'s
/// window reads): each batch is still folded by its own worker, in order, so the result is the one each worker's
/// own reads give, row for row; and a batch that cannot be read fails the scan with its error, the earliest by
/// position. The scan is driven with two workers whatever the machine: on one core the two run one after the
/// other, and the first still reads ahead for the second.
final class ScanReadAheadTests: XCTestCase {
    /// Batches whose reading is slow for one worker's share (`slow`), so the other runs out of its own and reads
    /// ahead; each read and each fold takes the next number of one sequence, to tell what came before what.
    private final class UnevenTable: TableSource, @unchecked Sendable {
        let schema = Schema([Field("g", .string), Field("v", .int64)])
        let batchCount: Int
        let slow: (Int) -> Bool
        let failing: Set<Int>
        /// Whether batches are handed over read (as a join's or a CTE's are) rather than read by the workers.
        var handedOverRead = false
        private let lock = NSLock()
        private var sequence = 0
        private(set) var readAt: [Int: Int] = [:]
        private(set) var foldAt: [Int: Int] = [:]
        private(set) var foldedBy: [Int: Int] = [:]

        init(batchCount: Int, slow: @escaping (Int) -> Bool, failing: Set<Int> = []) {
            (self.batchCount, self.slow, self.failing) = (batchCount, slow, failing)
        }

        /// Batch `index`: 1,000 rows, in groups that first appear batch after batch; `v` is `index * 1000 + row`.
        func batch(_ index: Int) -> Batch {
            let texts = (0..<1_000).map { row -> String? in "g\((index * 7 + row) % (5 + index))" }
            return Batch(schema: schema, columns: [
                .string(StringColumn(texts)), .int64(PrimitiveColumn(values: (0..<1_000).map { Int64(index * 1_000 + $0) })),
            ])
        }

        /// Batch `index`'s columns at `columns`.
        func batch(_ index: Int, columns: [Int]) -> Batch {
            let whole = batch(index)
            return Batch(schema: Schema(columns.map { whole.schema.fields[$0] }), columns: columns.map { whole.columns[$0] })
        }

        func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
            for index in 0..<batchCount { try body(batch(index, columns: columns)) }
        }

        func scanPending(
            columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
            _ body: (PendingBatch) throws -> Void
        ) throws {
            for index in 0..<batchCount {
                if handedOverRead {
                    try body(PendingBatch(batch(index, columns: columns)))
                    continue
                }
                try body(PendingBatch { [self] in
                    if slow(index) { Thread.sleep(forTimeInterval: 0.004) }
                    lock.withLock {
                        readAt[index] = sequence
                        sequence += 1
                    }
                    if failing.contains(index) { throw Unreadable(index: index) }
                    return batch(index, columns: columns)
                })
            }
        }

        /// Notes that `worker` folds `batch` (known by its first `v`).
        func folded(_ batch: Batch, by worker: Int) {
            guard let v = batch.schema.index(of: "v"), case .int64(let values) = batch.columns[v], let first = values.values.first else { return }
            lock.withLock {
                let index = Int(first / 1_000)
                foldAt[index] = sequence
                foldedBy[index] = worker
                sequence += 1
            }
        }
    }

    private struct Unreadable: Error, CustomStringConvertible {
        let index: Int
        var description: String { "batch \(index) is damaged" }
    }

    private let query = "SELECT g, count(*) AS n, sum(v) AS total, min(v) AS first FROM t GROUP BY g"

    /// Scans `table` for `query`'s aggregation with two workers, noting each fold (each of worker 1's taking
    /// `slowFold` seconds); returns how many progress reports the scan gave.
    @discardableResult
    private func scanWithTwoWorkers(_ table: UnevenTable, slowFold: TimeInterval = 0) throws -> Int {
        let plan = try QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0)).prepare(query)
        var stats = ScanStats()
        let reports = Reports()
        var monitor = ExecutionMonitor(plan: plan, cancellation: nil, progress: reports)
        _ = try Executor.scanIntoWorkers(plan, workerCount: 2, stats: &stats, monitor: &monitor) { worker, batch, _ in
            if worker == 1 && slowFold > 0 { Thread.sleep(forTimeInterval: slowFold) }
            table.folded(batch, by: worker)
        }
        return reports.count
    }

    private final class Reports: ProgressObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var reports = 0
        var count: Int { lock.withLock { reports } }
        func progress(_ report: ProgressReport) { lock.withLock { reports += 1 } }
    }

    /// A window of row groups read by the workers holds only their descriptions, so it is long (few waits for the
    /// slowest worker); one of batches handed over read holds their rows, so it stays short.
    func testWindowsOfBatchesNotReadYetAreLonger() throws {
        let batchCount = 4 * Executor.unreadFoldWindowBatches
        XCTAssertGreaterThan(Executor.unreadFoldWindowBatches, Executor.foldWindowBatches)
        // A report after each window.
        XCTAssertEqual(try scanWithTwoWorkers(UnevenTable(batchCount: batchCount, slow: { _ in false })), batchCount / (2 * Executor.unreadFoldWindowBatches))
        let read = UnevenTable(batchCount: batchCount, slow: { _ in false })
        read.handedOverRead = true
        XCTAssertEqual(try scanWithTwoWorkers(read), batchCount / (2 * Executor.foldWindowBatches))
    }

    /// A worker done with its share while the other folds slowly reads a few of its batches ahead, not all of the
    /// window's: at most four (two a worker) wait read at any time, besides the one each worker is on.
    func testAStalledWorkerHasOnlyAFewBatchesReadAheadForIt() throws {
        let batchCount = 2 * Executor.unreadFoldWindowBatches
        let table = UnevenTable(batchCount: batchCount, slow: { _ in false })
        try scanWithTwoWorkers(table, slowFold: 0.002)
        // Events in sequence order: +1 when a batch of worker 1's is read, -1 when it is folded.
        let events = (0..<batchCount).filter { $0 % 2 == 1 }.flatMap { [(table.readAt[$0]!, 1), (table.foldAt[$0]!, -1)] }.sorted { $0.0 < $1.0 }
        var (waiting, most) = (0, 0)
        for (_, change) in events {
            waiting += change
            most = max(most, waiting)
        }
        XCTAssertGreaterThan(most, 1, "worker 0 read ahead for worker 1")
        XCTAssertLessThanOrEqual(most, 2 * 2 + 1)
    }

    func testAnIdleWorkerReadsAheadAndEachBatchIsFoldedByItsOwn() throws {
        let batchCount = 3 * Executor.foldWindowBatches * 2
        let table = UnevenTable(batchCount: batchCount, slow: { $0 % 2 == 0 })
        try scanWithTwoWorkers(table)
        XCTAssertEqual(table.foldedBy, Dictionary(uniqueKeysWithValues: (0..<batchCount).map { ($0, $0 % 2) }), "batch i folded by worker i % 2")
        for index in 2..<batchCount {
            XCTAssertLessThan(table.foldAt[index - 2]!, table.foldAt[index]!, "worker \(index % 2) folds in order")
        }
        // Read ahead: read before its worker had folded the batch before it (a worker reads its own next).
        XCTAssertTrue((2..<batchCount).contains { table.readAt[$0]! < table.foldAt[$0 - 2]! }, "some batch was read ahead")
    }

    func testResultsAreTheSameWhoeverReadsTheBatches() throws {
        let batchCount = 3 * Executor.foldWindowBatches * Parallel.threadCount
        let uneven = UnevenTable(batchCount: batchCount, slow: { $0 % Parallel.threadCount == 0 })
        let even = UnevenTable(batchCount: batchCount, slow: { _ in false })
        let slowResult = try QueryEngine(catalog: DictionaryCatalog(["t": uneven]), today: Date32(days: 0)).run(query).batch
        let evenResult = try QueryEngine(catalog: DictionaryCatalog(["t": even]), today: Date32(days: 0)).run(query).batch
        XCTAssertEqual(slowResult.rowCount, evenResult.rowCount)
        for row in 0..<evenResult.rowCount {
            XCTAssertEqual(slowResult.columns.map { $0.value(at: row) }, evenResult.columns.map { $0.value(at: row) }, "row \(row)")
        }
        // Folded serially, batch after batch: the same groups, in the same first-seen order when one worker folds.
        var expected: [String: (count: Int64, sum: Int64, first: Int64)] = [:]
        for index in 0..<batchCount {
            let batch = even.batch(index)
            for row in 0..<batch.rowCount {
                let (key, value) = (batch.columns[0].stringValues[row]!, batch.columns[1].int64Values.values[row])
                let old = expected[key] ?? (0, 0, value)
                expected[key] = (old.count + 1, old.sum + value, min(old.first, value))
            }
        }
        XCTAssertEqual(evenResult.rowCount, expected.count)
        for row in 0..<evenResult.rowCount {
            let key = evenResult.columns[0].stringValues[row]!
            XCTAssertEqual(evenResult.columns[1].int64Values.values[row], expected[key]?.count, key)
            XCTAssertEqual(evenResult.columns[2].int64Values.values[row], expected[key]?.sum, key)
            XCTAssertEqual(evenResult.columns[3].int64Values.values[row], expected[key]?.first, key)
        }
    }

    func testTheEarliestUnreadableBatchFailsTheScan() throws {
        // Batches 5 and 6 fail; 6 is met first by its own (slow-reading) worker, or read ahead by the other.
        let table = UnevenTable(batchCount: 2 * Executor.foldWindowBatches * 2, slow: { $0 % 2 == 0 }, failing: [5, 6])
        XCTAssertThrowsError(try scanWithTwoWorkers(table)) { error in
            XCTAssertTrue("\(error)".contains("batch 5 is damaged"), "\(error)")
        }
    }
}
