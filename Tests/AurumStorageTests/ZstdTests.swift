import XCTest

@testable import AurumStorage

final class ZstdTests: XCTestCase {
    func testRoundTripsAnySize() throws {
        let zstd = Zstd()
        var rng = SeededGenerator(seed: 1)
        for count in [0, 1, 2, 100, 4096, 100_000] {
            for kind in 0..<3 {
                let input: [UInt8] = (0..<count).map { index in
                    switch kind {
                    case 0: UInt8(truncatingIfNeeded: rng.next())
                    case 1: 7
                    default: UInt8(truncatingIfNeeded: index % 13)
                    }
                }
                let frame = zstd.compress(input)
                let output = try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: count, file: "f") }
                XCTAssertEqual(output, input, "count \(count) kind \(kind)")
            }
        }
    }

    /// Frames of raw blocks, written by hand, are read by libzstd at every size around its 128 KiB block limit;
    /// compressOrStore keeps zstd's frame when it saves 1/8 or more and stores the bytes otherwise.
    func testStoredFramesAreStandardZstdFrames() throws {
        let zstd = Zstd()
        var rng = SeededGenerator(seed: 9)
        for count in [0, 1, 77, 131_071, 131_072, 131_073, 2 * 131_072, 300_001] {
            let input = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let frame = input.withUnsafeBytes { Zstd.storedFrame($0) }
            XCTAssertEqual(frame.count, 9 + max(1, (count + 131_071) / 131_072) * 3 + count, "count \(count)")
            XCTAssertEqual(Array(frame.prefix(5)), [0x28, 0xB5, 0x2F, 0xFD, 0xA0])
            let output = try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: count, file: "f") }
            XCTAssertEqual(output, input, "count \(count)")
            XCTAssertThrowsError(try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: count + 1, file: "f") })
            if count > 0 {
                XCTAssertThrowsError(try Array(frame.dropLast()).withUnsafeBytes { try zstd.decompress($0, expectedCount: count, file: "f") })
            }
        }
        // Noise zstd stores raw itself: its frame is kept. Bytes it shrinks by a little less than 1/8 are stored;
        // by more, compressed.
        let noise = (0..<50_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        XCTAssertEqual(zstd.compressOrStore(noise), zstd.compress(noise))
        XCTAssertGreaterThanOrEqual(zstd.compress(noise).count, noise.count)
        let nearlyNoise = (0..<50_000).map { index in index % 10 == 0 ? 0 : UInt8(truncatingIfNeeded: rng.next()) }
        XCTAssertEqual(zstd.compressOrStore(nearlyNoise).count, 9 + 3 + 50_000)
        let redundant = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 % 7) }
        XCTAssertEqual(zstd.compressOrStore(redundant), zstd.compress(redundant))
    }

    func testCompressesRedundantData() {
        let frame = Zstd().compress([UInt8](repeating: 42, count: 1 << 20))
        XCTAssertLessThan(frame.count, 1024)
    }

    /// The frame is exactly the compressed bytes (the buffer is sized to zstd's bound, then cut to what it wrote).
    func testFrameFromARawBufferRoundTrips() throws {
        let zstd = Zstd()
        let input = Array("hello hello hello".utf8)
        let frame = input.withUnsafeBytes { zstd.compress($0) }
        XCTAssertLessThan(frame.count, input.count + 64)
        XCTAssertEqual(try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: input.count, file: "f") }, input)
    }

    /// Blob packs' setting: a block repeated 4 MiB apart (past level 1's own window) is found by long-distance
    /// matching, and any reader decompresses the frame with default settings.
    func testLongDistanceFramesAreSmallerAndReadByAnyReader() throws {
        var generator = SeededGenerator(seed: 9)
        let block = (0..<(4 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let input = block + block
        let long = Zstd(level: 1, longWindowLog: 24).compress(input)
        let plain = Zstd(level: 1).compress(input)
        XCTAssertLessThan(long.count, plain.count * 3 / 4)
        XCTAssertEqual(try long.withUnsafeBytes { try Zstd().decompress($0, expectedCount: input.count, file: "f") }, input)
    }

    func testWrongSizeAndDamageAreErrorsNamingTheFile() {
        let zstd = Zstd()
        let input = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) }
        let frame = zstd.compress(input)
        for expected in [0, input.count - 1, input.count + 1] {
            assertStorageError(naming: "some.seg") {
                try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: expected, file: "some.seg") }
            }
        }
        assertStorageError(naming: "some.seg") {
            try [UInt8]().withUnsafeBytes { try zstd.decompress($0, expectedCount: 10, file: "some.seg") }
        }
        // Damaged frames either fail or (zstd frames carry no checksum here) decode to something: never crash.
        for offset in frame.indices {
            var damaged = frame
            damaged[offset] ^= 0x5A
            _ = try? damaged.withUnsafeBytes { try zstd.decompress($0, expectedCount: input.count, file: "some.seg") }
            _ = try? Array(frame[0..<offset]).withUnsafeBytes { try zstd.decompress($0, expectedCount: input.count, file: "some.seg") }
        }
    }

    func testContextsAreReusable() throws {
        let zstd = Zstd(level: 1)
        for round in 0..<50 {
            let input = [UInt8](repeating: UInt8(round), count: round * 10)
            let frame = zstd.compress(input)
            XCTAssertEqual(try frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: input.count, file: "f") }, input)
        }
    }
}
