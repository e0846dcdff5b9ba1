import AurumCore
import XCTest

final class BufferedOutputTests: XCTestCase {
    /// Everything written comes out once, in order, in flushes that each reach the capacity (but the last).
    func testFlushesFullBuffersInOrder() throws {
        var flushed: [[UInt8]] = []
        let output = BufferedOutput(capacity: 10) { bytes in
            flushed.append(bytes)
            return true
        }
        var expected: [UInt8] = []
        for index in 0..<25 {
            let piece = [UInt8](repeating: UInt8(index), count: index % 4)
            expected += piece
            try output.write { $0.append(contentsOf: piece) }
        }
        XCTAssertTrue(flushed.allSatisfy { $0.count >= 10 }, "only a full buffer is flushed before finish()")
        try output.finish()
        XCTAssertEqual(Array(flushed.joined()), expected)
        XCTAssertEqual(output.flushedByteCount, expected.count)
        XCTAssertTrue(output.isOpen)
    }

    /// A write that overshoots the capacity is flushed whole, never split or held back.
    func testOneLargeWriteIsFlushedAtOnce() throws {
        var flushed: [[UInt8]] = []
        let output = BufferedOutput(capacity: 4) { bytes in
            flushed.append(bytes)
            return true
        }
        try output.write { $0.append(contentsOf: [1, 2, 3, 4, 5, 6, 7]) }
        XCTAssertEqual(flushed, [[1, 2, 3, 4, 5, 6, 7]])
        try output.finish()
        XCTAssertEqual(flushed.count, 1, "nothing left to flush")
    }

    /// Once the reader is gone, nothing more is formatted or flushed, and the producer can tell.
    func testStopsWhenTheReaderIsGone() throws {
        var flushes = 0
        var formatted = 0
        let output = BufferedOutput(capacity: 2) { _ in
            flushes += 1
            return false
        }
        for _ in 0..<5 {
            try output.write {
                formatted += 1
                $0.append(contentsOf: [9, 9])
            }
        }
        try output.finish()
        XCTAssertEqual(flushes, 1)
        XCTAssertEqual(formatted, 1)
        XCTAssertFalse(output.isOpen)
    }

    /// An error from the flush reaches the writer (a full disk is an error, not a stop).
    func testFlushErrorsPropagate() {
        struct Full: Error {}
        let output = BufferedOutput(capacity: 1) { _ in throw Full() }
        XCTAssertThrowsError(try output.write { $0.append(1) }) { XCTAssertTrue($0 is Full) }
    }

    /// CSV written through the buffer a few rows at a time is byte for byte the CSV of the whole batch.
    func testCSVLinesInPiecesEqualTheWhole() throws {
        let names: [String?] = (0..<1000).map { $0 % 7 == 0 ? nil : "name, \($0 % 13) \"q\"" }
        let batch = Batch(
            schema: Schema([Field("id", .int64), Field("name", .string, nullable: true), Field("x", .double)]),
            columns: [
                .int64(PrimitiveColumn(values: (0..<1000).map { Int64($0) * 37 - 5000 })), .string(StringColumn(names)),
                .double(PrimitiveColumn(values: (0..<1000).map { Double($0) / 3 })),
            ])
        let writer = CSVWriter()
        var whole: [UInt8] = []
        writer.rows(batch, into: &whole)
        var streamed: [UInt8] = []
        let output = BufferedOutput(capacity: 64) { bytes in
            streamed += bytes
            return true
        }
        var lines = writer.lines(of: batch)
        for start in stride(from: 0, to: 1000, by: 77) {
            try output.write { lines.write(start..<min(start + 77, 1000), into: &$0) }
        }
        try output.finish()
        XCTAssertEqual(streamed, whole)
    }

    /// JSON written in pieces is the JSON of the whole batch, empty batches included.
    func testJSONInPiecesEqualsTheWhole() {
        for count in [0, 1, 5] {
            let batch = Batch(schema: Schema([Field("n", .int64)]), columns: [.int64(PrimitiveColumn(values: (0..<count).map { Int64($0) }))])
            var whole: [UInt8] = []
            JSONWriter.write(batch, into: &whole)
            var pieces: [UInt8] = []
            JSONWriter.open(into: &pieces)
            for start in stride(from: 0, to: count, by: 2) {
                JSONWriter.rows(of: batch, start..<min(start + 2, count), following: start, into: &pieces)
            }
            JSONWriter.close(rowCount: count, into: &pieces)
            XCTAssertEqual(pieces, whole, "\(count) rows")
        }
    }
}
