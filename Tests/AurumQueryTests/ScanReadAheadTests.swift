import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// An aggregation's scan lets a worker done with its batches of a window read the others' (``Executor``'s
/// window reads): the result is the one each batch folded by its own worker gives, row for row and in order,
/// whoever read it, and a batch that cannot be read fails the query with its error, the earliest by position.
final class ScanReadAheadTests: XCTestCase {
    /// Batches whose reading is slow for one worker's share (`slow`), so the other runs out of its own and reads
    /// ahead; each records the thread that read it.
    private final class UnevenTable: TableSource, @unchecked Sendable {
        let schema = Schema([Field("g", .string), Field("v", .int64)])
        let batchCount: Int
        let slow: (Int) -> Bool
        let failing: Set<Int>
        private let lock = NSLock()
        private var readers: [Int: pthread_t] = [:]

        init(batchCount: Int, slow: @escaping (Int) -> Bool, failing: Set<Int> = []) {
            (self.batchCount, self.slow, self.failing) = (batchCount, slow, failing)
        }

        /// Batch `index`: 1,000 rows, in groups that first appear batch after batch.
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
                try body(PendingBatch { [self] in
                    if slow(index) { Thread.sleep(forTimeInterval: 0.004) }
                    lock.withLock { readers[index] = pthread_self() }
                    if failing.contains(index) { throw Unreadable(index: index) }
                    return batch(index, columns: columns)
                })
            }
        }

        /// Whether some batch was read on another thread than the first batch of its worker's share.
        var someBatchReadAhead: Bool {
            lock.withLock {
                (0..<batchCount).contains { index in
                    let owner = index % Parallel.threadCount
                    guard let reader = readers[index], let ownerThread = readers[owner] else { return false }
                    return pthread_equal(reader, ownerThread) == 0
                }
            }
        }
    }

    private struct Unreadable: Error, CustomStringConvertible {
        let index: Int
        var description: String { "batch \(index) is damaged" }
    }

    private let query = "SELECT g, count(*) AS n, sum(v) AS total, min(v) AS first FROM t GROUP BY g"

    func testResultsAreTheSameWhoeverReadsTheBatches() throws {
        try XCTSkipIf(Parallel.threadCount < 2, "one worker reads all")
        let batchCount = 3 * Executor.foldWindowBatches * Parallel.threadCount
        let uneven = UnevenTable(batchCount: batchCount, slow: { $0 % Parallel.threadCount == 0 })
        let even = UnevenTable(batchCount: batchCount, slow: { _ in false })
        let slowResult = try QueryEngine(catalog: DictionaryCatalog(["t": uneven]), today: Date32(days: 0)).run(query).batch
        let evenResult = try QueryEngine(catalog: DictionaryCatalog(["t": even]), today: Date32(days: 0)).run(query).batch
        XCTAssertTrue(uneven.someBatchReadAhead, "the fast worker read ahead for the slow one")
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

    func testTheEarliestUnreadableBatchFailsTheQuery() throws {
        try XCTSkipIf(Parallel.threadCount < 2, "one worker reads all")
        // Batches 5 and 6 fail; the slow worker's share is read ahead by the other, which meets 6 or 5 first.
        let table = UnevenTable(
            batchCount: 2 * Executor.foldWindowBatches * Parallel.threadCount, slow: { $0 % Parallel.threadCount == 0 }, failing: [5, 6])
        XCTAssertThrowsError(try QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0)).run(query)) { error in
            XCTAssertTrue("\(error)".contains("batch 5 is damaged"), "\(error)")
        }
    }
}
