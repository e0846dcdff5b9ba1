import AurumCore
import XCTest

@testable import AurumQuery

/// Window partitions, peers and frames (``WindowPartitions``), and the sliding frame aggregates
/// (``WindowAggregate``), against definitions computed row by row.
final class WindowFrameTests: XCTestCase {
    /// Partition `g` (a NULL partition among them), ORDER BY `k` with ties and a NULL (last), rows in input order.
    private func sample() -> Batch {
        let groups: [String?] = ["a", "b", "a", nil, "a", "b", "a", nil]
        let keys: [Int64?] = [2, 1, 1, 5, 2, nil, 3, 5]
        var key = PrimitiveColumnBuilder<Int64>(zero: 0)
        for value in keys { key.append(value) }
        return Batch(schema: Schema([Field("g", .string, nullable: true), Field("k", .int64, nullable: true)]),
                     columns: [.string(StringColumn(groups)), .int64(key.finish())])
    }

    func testPartitionsAndPeersFollowTheSortWithNullsTogether() {
        let partitions = WindowPartitions(sample(), partition: [0], order: [BatchSort.Key(column: 1)])
        // Sorted: a (k 1, 2, 2, 3) = rows 2, 0, 4, 6; b (1, NULL) = rows 1, 5; NULL group (5, 5) = rows 3, 7.
        XCTAssertEqual(partitions.order, [2, 0, 4, 6, 1, 5, 3, 7])
        XCTAssertEqual(partitions.partitions, [0..<4, 4..<6, 6..<8])
        XCTAssertEqual(partitions.peerStart, [0, 1, 1, 3, 4, 5, 6, 6])
        XCTAssertEqual(partitions.peerEnd, [1, 3, 3, 4, 5, 6, 8, 8])
    }

    func testFramesOfEachBound() {
        let partitions = WindowPartitions(sample(), partition: [0], order: [BatchSort.Key(column: 1)])
        func frames(_ unit: WindowFrame.Unit, _ start: FrameBound, _ end: FrameBound) -> [Range<Int>] {
            let (starts, ends) = partitions.frames(WindowFrame(unit: unit, start: start, end: end, offset: 0))
            return zip(starts, ends).map { $0..<$1 }
        }
        // The default frame: peers included.
        XCTAssertEqual(frames(.range, .unboundedPreceding, .currentRow), [0..<1, 0..<3, 0..<3, 0..<4, 4..<5, 4..<6, 6..<8, 6..<8])
        XCTAssertEqual(frames(.rows, .unboundedPreceding, .currentRow), [0..<1, 0..<2, 0..<3, 0..<4, 4..<5, 4..<6, 6..<7, 6..<8])
        XCTAssertEqual(frames(.range, .currentRow, .unboundedFollowing), [0..<4, 1..<4, 1..<4, 3..<4, 4..<6, 5..<6, 6..<8, 6..<8])
        XCTAssertEqual(frames(.rows, .preceding(1), .following(1)), [0..<2, 0..<3, 1..<4, 2..<4, 4..<6, 4..<6, 6..<8, 6..<8])
        XCTAssertEqual(frames(.rows, .following(1), .following(2)), [1..<3, 2..<4, 3..<4, 4..<4, 5..<6, 6..<6, 7..<8, 8..<8])
        XCTAssertEqual(frames(.rows, .preceding(3), .preceding(2)), [0..<0, 0..<0, 0..<1, 0..<2, 4..<4, 4..<4, 6..<6, 6..<6])
        XCTAssertEqual(frames(.rows, .unboundedPreceding, .unboundedFollowing), [0..<4, 0..<4, 0..<4, 0..<4, 4..<6, 4..<6, 6..<8, 6..<8])
    }

    /// Every frame form over random partitions, ties and NULLs: the sliding aggregates equal sums, counts, minima
    /// and maxima taken afresh over each frame.
    func testSlidingAggregatesEqualEachFrameSummedAfresh() throws {
        var generator = SystemRandomNumberGenerator()
        let rowCount = 300
        var group = PrimitiveColumnBuilder<Int64>(zero: 0)
        var key = PrimitiveColumnBuilder<Int64>(zero: 0)
        var integers = PrimitiveColumnBuilder<Int64>(zero: 0)
        var doubles = PrimitiveColumnBuilder<Double>(zero: 0)
        for _ in 0..<rowCount {
            group.append(Int.random(in: 0..<10, using: &generator) == 0 ? nil : Int64.random(in: 0..<4, using: &generator))
            key.append(Int.random(in: 0..<8, using: &generator) == 0 ? nil : Int64.random(in: 0..<40, using: &generator))
            integers.append(Int.random(in: 0..<5, using: &generator) == 0 ? nil : Int64.random(in: -1_000_000...1_000_000, using: &generator))
            doubles.append(Int.random(in: 0..<5, using: &generator) == 0 ? nil : Double(Int.random(in: -100_000...100_000, using: &generator)) / 100)
        }
        let batch = Batch(
            schema: Schema([Field("g", .int64, nullable: true), Field("k", .int64, nullable: true), Field("i", .int64, nullable: true), Field("d", .double, nullable: true)]),
            columns: [.int64(group.finish()), .int64(key.finish()), .int64(integers.finish()), .double(doubles.finish())])
        let partitions = WindowPartitions(batch, partition: [0], order: [BatchSort.Key(column: 1, descending: true)])
        let bounds: [FrameBound] = [.unboundedPreceding, .preceding(3), .preceding(1), .currentRow, .following(2), .following(50), .unboundedFollowing]
        for unit in [WindowFrame.Unit.rows, .range] {
            for (startIndex, start) in bounds.enumerated() {
                for end in bounds[max(startIndex, 1)...] {
                    if unit == .range, [start, end].contains(where: { if case .preceding = $0 { true } else if case .following = $0 { true } else { false } }) { continue }
                    if case .following = start, end == .currentRow { continue }
                    let frame = WindowFrame(unit: unit, start: start, end: end, offset: 0)
                    try checkAggregates(batch, partitions, frame)
                }
            }
        }
    }

    private func checkAggregates(_ batch: Batch, _ partitions: WindowPartitions, _ frame: WindowFrame) throws {
        let (starts, ends) = partitions.frames(frame)
        let label = "\(frame.unit) \(frame.start.sql) AND \(frame.end.sql)"
        let sortedIntegers = batch.columns[2].gather(partitions.order)
        let sortedDoubles = batch.columns[3].gather(partitions.order)
        let sums = try WindowAggregate(function: .sum, partitions: partitions, starts: starts, ends: ends).sum(sortedIntegers, average: false, offset: 0)
        let averages = try WindowAggregate(function: .avg, partitions: partitions, starts: starts, ends: ends).sum(sortedDoubles, average: true, offset: 0)
        let counts = WindowAggregate(function: .count, partitions: partitions, starts: starts, ends: ends).count(sortedDoubles)
        let minima = WindowAggregate(function: .min, partitions: partitions, starts: starts, ends: ends).extreme(sortedIntegers)
        let maxima = WindowAggregate(function: .max, partitions: partitions, starts: starts, ends: ends).extreme(sortedDoubles)
        for position in partitions.order.indices {
            let frameRows = starts[position]..<ends[position]
            let integers = frameRows.compactMap { sortedIntegers.value(at: $0) == .null ? nil : $0 }.map { sortedIntegers.int64Values.values[$0] }
            let doubles = frameRows.compactMap { sortedDoubles.value(at: $0) == .null ? nil : $0 }.map { sortedDoubles.doubleValues.values[$0] }
            XCTAssertEqual(sums.value(at: position), integers.isEmpty ? .null : .int64(integers.reduce(0, +)), label)
            XCTAssertEqual(counts.value(at: position), .int64(Int64(doubles.count)), label)
            if doubles.isEmpty {
                XCTAssertEqual(averages.value(at: position), .null, label)
            } else if case .double(let average) = averages.value(at: position) {
                XCTAssertEqual(average, doubles.reduce(0, +) / Double(doubles.count), accuracy: 1e-9, label)
            } else {
                XCTFail(label)
            }
            XCTAssertEqual(minima[position] < 0 ? nil : sortedIntegers.int64Values.values[minima[position]], integers.min(), label)
            XCTAssertEqual(maxima[position] < 0 ? nil : sortedDoubles.doubleValues.values[maxima[position]], doubles.max(), label)
        }
    }
}
