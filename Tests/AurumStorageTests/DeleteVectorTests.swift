import XCTest

@testable import AurumStorage

final class DeleteVectorTests: XCTestCase {
    func testRoundTrips() throws {
        var rng = SeededGenerator(seed: 17)
        for round in 0..<100 {
            let rowCount = Int(rng.next() % 5000) + 1
            let rate = rng.next() % 100
            let rows = (0..<rowCount).filter { _ in rng.next() % 100 < rate }
            XCTAssertEqual(try DeleteVector.decode(DeleteVector.encode(rows), file: "d.del", rowCount: rowCount), rows, "round \(round)")
        }
        XCTAssertEqual(try DeleteVector.decode(DeleteVector.encode([]), file: "d.del", rowCount: 0), [])
        XCTAssertEqual(try DeleteVector.decode(DeleteVector.encode([0]), file: "d.del", rowCount: 1), [0])
        XCTAssertEqual(try DeleteVector.decode(DeleteVector.encode(Array(0..<1000)), file: "d.del", rowCount: 1000), Array(0..<1000))
    }

    func testLayout() {
        let bytes = DeleteVector.encode([3, 4, 10])
        XCTAssertEqual(Array(bytes[0..<8]), Array("AURUMDEL".utf8))
        XCTAssertEqual(Array(bytes[8..<12]), [3, 0, 0, 0])
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
        XCTAssertEqual(stored, XXH64.hash(Array(bytes[0..<(bytes.count - 8)])))
        // A contiguous run is delta-packed to nothing but its header.
        XCTAssertEqual(DeleteVector.encode(Array(0..<100_000)).count, 8 + 4 + 18 + 8)
    }

    func testEveryDamagedByteAndTruncationIsRefused() {
        let bytes = DeleteVector.encode([1, 5, 6, 7, 100, 4000])
        for offset in bytes.indices {
            for damaged in [flipBit(bytes, offset), invertByte(bytes, offset)] {
                assertStorageError(naming: "d.del", "offset \(offset)") { try DeleteVector.decode(damaged, file: "d.del", rowCount: 5000) }
            }
        }
        for length in 0..<bytes.count {
            assertStorageError(naming: "d.del") { try DeleteVector.decode(truncate(bytes, length), file: "d.del", rowCount: 5000) }
        }
    }

    /// Files with a valid checksum whose content is wrong for the segment.
    private func forged(count: UInt32, rows: [Int64]) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(bytes: Array("AURUMDEL".utf8))
        writer.append(count)
        IntegerEncoding.encode(rows, into: &writer)
        writer.append(XXH64.hash(writer.bytes))
        return writer.bytes
    }

    func testContentThatDoesNotFitTheSegmentIsRefused() {
        XCTAssertEqual(try DeleteVector.decode(forged(count: 2, rows: [1, 2]), file: "d.del", rowCount: 3), [1, 2])
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 2, rows: [2, 1]), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 2, rows: [1, 1]), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 2, rows: [-1, 1]), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 1, rows: [3]), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 4, rows: [0, 1, 2, 3]), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 0xFFFF_FFFF, rows: []), file: "d.del", rowCount: 3) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(self.forged(count: 1, rows: [1]) + [0], file: "d.del", rowCount: 3) }
        var trailing = Array(forged(count: 1, rows: [1]).dropLast(8)) + [0]
        withUnsafeBytes(of: XXH64.hash(trailing).littleEndian) { trailing.append(contentsOf: $0) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(trailing, file: "d.del", rowCount: 3) }
        var wrongMagic = forged(count: 1, rows: [1])
        wrongMagic[0] = UInt8(ascii: "X")
        wrongMagic = Array(wrongMagic[0..<(wrongMagic.count - 8)])
        let checksum = XXH64.hash(wrongMagic)
        withUnsafeBytes(of: checksum.littleEndian) { wrongMagic.append(contentsOf: $0) }
        assertStorageError(naming: "d.del") { try DeleteVector.decode(wrongMagic, file: "d.del", rowCount: 3) }
    }
}
