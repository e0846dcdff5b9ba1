import AurumCore
import XCTest

@testable import AurumQuery

/// ``WindowKeys``: the packed window keys sort and cut rows as the whole-input sort does, and the pieces hold
/// whole partitions, so each row's partition, position and peers are the same in its piece.
final class WindowKeysTests: XCTestCase {
    /// Text and integer partition keys with NULLs, a descending ORDER BY key with ties and NULLs first.
    private func sample(rowCount: Int) -> Batch {
        var generator = SystemRandomNumberGenerator()
        let names = ["meta", "google", "", "x\u{301}", "Zed"]
        var texts: [String?] = []
        var groups = PrimitiveColumnBuilder<Int64>(zero: 0)
        var keys = PrimitiveColumnBuilder<Int64>(zero: 0)
        for _ in 0..<rowCount {
            texts.append(Int.random(in: 0..<12, using: &generator) == 0 ? nil : names.randomElement(using: &generator))
            groups.append(Int.random(in: 0..<20, using: &generator) == 0 ? nil : Int64.random(in: -50...50, using: &generator))
            keys.append(Int.random(in: 0..<8, using: &generator) == 0 ? nil : Int64.random(in: 0..<30, using: &generator))
        }
        return Batch(
            schema: Schema([Field("s", .string, nullable: true), Field("g", .int64, nullable: true), Field("k", .int64, nullable: true)]),
            columns: [.string(StringColumn(texts)), .int64(groups.finish()), .int64(keys.finish())])
    }

    private let order = [BatchSort.Key(column: 2, descending: true, nullsFirst: true)]

    func testOnePieceSortsAsTheWholeInputSort() throws {
        for rowCount in [0, 1, 2, 7, 500] {
            let batch = sample(rowCount: rowCount)
            for partition in [[], [0], [1], [0, 1]] {
                let whole = WindowPartitions(batch, partition: partition, order: order)
                let keys = try XCTUnwrap(WindowKeys(batch, partition: partition, order: order))
                let packed = WindowPartitions(keys, rows: Array(0..<rowCount), workers: 1)
                XCTAssertEqual(packed.order, whole.order, "rows \(rowCount), partition \(partition)")
                XCTAssertEqual(packed.partitions, whole.partitions, "rows \(rowCount), partition \(partition)")
                XCTAssertEqual(packed.peerStart, whole.peerStart, "rows \(rowCount), partition \(partition)")
                XCTAssertEqual(packed.peerEnd, whole.peerEnd, "rows \(rowCount), partition \(partition)")
            }
        }
    }

    func testPiecesHoldWholePartitionsWithTheirPositionsAndPeers() throws {
        let batch = sample(rowCount: 3000)
        let partition = [0, 1]
        let whole = WindowPartitions(batch, partition: partition, order: order)
        // Each row's (partition's first row, position in it, peer group's start and end in it), in the whole input.
        func places(_ partitions: WindowPartitions) -> [Int: [Int]] {
            var places: [Int: [Int]] = [:]
            for range in partitions.partitions {
                for position in range {
                    places[partitions.order[position]] = [partitions.order[range.lowerBound], position - range.lowerBound,
                                                          partitions.peerStart[position] - range.lowerBound, partitions.peerEnd[position] - range.lowerBound]
                }
            }
            return places
        }
        let expected = places(whole)
        let keys = try XCTUnwrap(WindowKeys(batch, partition: partition, order: order))
        for count in [1, 2, 3, 8, 64] {
            let pieces = keys.pieces(count)
            XCTAssertLessThanOrEqual(pieces.count, count)
            XCTAssertEqual(pieces.flatMap { $0 }.sorted(), Array(0..<3000), "every row in one piece, count \(count)")
            for piece in pieces {
                XCTAssertEqual(piece, piece.sorted(), "a piece keeps input order")
                XCTAssertEqual(places(WindowPartitions(keys, rows: piece, workers: 1)), expected.filter { piece.contains($0.key) }, "count \(count)")
            }
        }
        XCTAssertGreaterThan(keys.pieces(8).count, 1, "more than 200 partitions spread over pieces")
    }

    func testKeysTooWideForAWordAreLeftToTheWholeSort() {
        let batch = Batch(schema: Schema([Field("d", .double)]), columns: [.double(PrimitiveColumn(values: [1e300, -1e300, 0.5]))])
        XCTAssertNil(WindowKeys(batch, partition: [], order: [BatchSort.Key(column: 0)]))
    }
}
