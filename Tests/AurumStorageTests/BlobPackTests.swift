import XCTest

@testable import AurumStorage

final class BlobPackTests: XCTestCase {
    private let zstd = Zstd()

    private func readBack(_ path: String, name: String = "p.pack", footerChecksum: UInt64? = nil) throws -> [(UInt64, [UInt8])] {
        var blobs: [(UInt64, [UInt8])] = []
        try BlobPack.read(path: path, name: name, zstd: zstd, footerChecksum: footerChecksum) { key, bytes in blobs.append((key, Array(bytes))) }
        return blobs
    }

    private func assertSame(_ actual: [(UInt64, [UInt8])], _ expected: [PackBlob], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.map(\.0), expected.map(\.key), file: file, line: line)
        XCTAssertEqual(actual.map(\.1), expected.map(\.bytes), file: file, line: line)
    }

    private func page(_ index: Int, count: Int) -> [UInt8] {
        Array("{\"page\":\(index),\"data\":[".utf8) + (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) } + Array("]}".utf8)
    }

    func testRoundTripInWritingOrder() throws {
        let directory = makeTemporaryDirectory(self)
        var rng = SeededGenerator(seed: 4)
        let blobs: [PackBlob] = (0..<200).map { index in
            PackBlob(key: index % 50 == 0 ? UInt64.max - UInt64(index) : rng.next(), bytes: index % 17 == 0 ? [] : page(index, count: Int(rng.next() % 3000)))
        }
        let info = try BlobPack.write(blobs, directory: directory, name: "p.pack", zstd: zstd)
        XCTAssertEqual(info.keys, blobs.map(\.key))
        XCTAssertEqual(info.byteCount, readFile(directory + "/p.pack").count)
        assertSame(try readBack(directory + "/p.pack", footerChecksum: info.footerChecksum.value), blobs)
        XCTAssertLessThan(info.byteCount, blobs.reduce(0) { $0 + $1.bytes.count } / 5, "similar pages compress together")
    }

    func testFramesSplitAtTheTargetSize() throws {
        let directory = makeTemporaryDirectory(self)
        let big = [UInt8](repeating: 0x5A, count: BlobPack.frameTargetBytes + 1000)
        let blobs: [PackBlob] = [
            PackBlob(key: 1, bytes: page(1, count: 100)), PackBlob(key: 2, bytes: big), PackBlob(key: 3, bytes: page(3, count: 100)), PackBlob(key: 4, bytes: []),
        ]
        let info = try BlobPack.write(blobs, directory: directory, name: "p.pack", zstd: zstd)
        assertSame(try readBack(directory + "/p.pack", footerChecksum: info.footerChecksum.value), blobs)
        let bytes = readFile(directory + "/p.pack")
        let footerLength = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt32.self))) }
        let frameCount = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 24 - footerLength, as: UInt32.self)) }
        XCTAssertEqual(frameCount, 3, "blob 1 | blob 2 (over the target alone) | blobs 3 and 4")
    }

    /// A blob compressed ahead (``BlobPack/compressAlone(_:)``) is a frame of its own, wherever it lies, and
    /// reads back as the bytes it was given.
    func testABlobCompressedAheadIsAFrameOfItsOwn() throws {
        let directory = makeTemporaryDirectory(self)
        let big = page(2, count: 200_000)
        let blobs = [
            PackBlob(key: 1, bytes: page(1, count: 100)), PackBlob(key: 2, bytes: big, frame: BlobPack.compressAlone(big)),
            PackBlob(key: 3, bytes: page(3, count: 100)), PackBlob(key: 4, bytes: page(4, count: 100)),
            PackBlob(key: 5, bytes: [], frame: BlobPack.compressAlone([])), PackBlob(key: 6, bytes: page(6, count: 10)),
        ]
        let info = try BlobPack.write(blobs, directory: directory, name: "p.pack", zstd: zstd)
        XCTAssertEqual(try readBack(directory + "/p.pack", footerChecksum: info.footerChecksum.value).map(\.1), blobs.map(\.bytes))
        let bytes = readFile(directory + "/p.pack")
        let footerLength = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt32.self))) }
        let frameCount = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 24 - footerLength, as: UInt32.self)) }
        XCTAssertEqual(frameCount, 5, "blob 1 | blob 2 (ahead) | blobs 3 and 4 | blob 5 (ahead) | blob 6")
        // Compressed ahead or at writing, the same bytes.
        let plain = try BlobPack.write(blobs.map { PackBlob(key: $0.key, bytes: $0.bytes) }, directory: directory, name: "q.pack", zstd: zstd)
        XCTAssertEqual(try readBack(directory + "/q.pack", name: "q.pack", footerChecksum: plain.footerChecksum.value).map(\.1), blobs.map(\.bytes))
    }

    func testEmptyBlobsAnywhere() throws {
        let directory = makeTemporaryDirectory(self)
        let big = [UInt8](repeating: 9, count: BlobPack.frameTargetBytes + 1)
        let cases: [[PackBlob]] = [
            [PackBlob(key: 1, bytes: [])],
            [PackBlob(key: 1, bytes: []), PackBlob(key: 2, bytes: [])],
            [PackBlob(key: 1, bytes: []), PackBlob(key: 2, bytes: [1, 2, 3])],
            [PackBlob(key: 1, bytes: [1, 2, 3]), PackBlob(key: 2, bytes: [])],
            // The empty blob starts a new frame after a blob over the target size.
            [PackBlob(key: 1, bytes: big), PackBlob(key: 2, bytes: [])],
            [PackBlob(key: 1, bytes: big), PackBlob(key: 2, bytes: []), PackBlob(key: 3, bytes: [])],
        ]
        for (index, blobs) in cases.enumerated() {
            let name = "case\(index).pack"
            _ = try BlobPack.write(blobs, directory: directory, name: name, zstd: zstd)
            assertSame(try readBack(directory + "/" + name, name: name), blobs)
        }
    }

    func testLayout() throws {
        let directory = makeTemporaryDirectory(self)
        let info = try BlobPack.write([PackBlob(key: 7, bytes: Array("hello".utf8))], directory: directory, name: "p.pack", zstd: zstd)
        let bytes = readFile(directory + "/p.pack")
        XCTAssertEqual(Array(bytes[0..<8]), Array("AURUMBLB".utf8))
        XCTAssertEqual(Array(bytes[8..<16]), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(bytes[(bytes.count - 8)...]), Array("AURUMEND".utf8))
        XCTAssertEqual(Array(bytes[(bytes.count - 12)..<(bytes.count - 8)]), [0, 0, 0, 0])
        // Footer: 1 frame (4 + 24 bytes), 1 blob (4 + 20 bytes).
        let footerLength = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt32.self))) }
        XCTAssertEqual(footerLength, 4 + 24 + 4 + 20)
        let footer = Array(bytes[(bytes.count - 24 - footerLength)..<(bytes.count - 24)])
        let checksum = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 24, as: UInt64.self)) }
        XCTAssertEqual(XXH64.hash(footer), checksum)
        XCTAssertEqual(info.footerChecksum.value, checksum)
        let frameOffset = footer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt64.self)) }
        XCTAssertEqual(frameOffset, 16)
    }

    func testEveryDamagedByteAndTruncationIsDetected() throws {
        let directory = makeTemporaryDirectory(self)
        let blobs: [PackBlob] = (0..<12).map { PackBlob(key: UInt64($0 * 1000), bytes: page($0, count: $0 * 40)) }
        let info = try BlobPack.write(blobs, directory: directory, name: "p.pack", zstd: zstd)
        let path = directory + "/p.pack"
        let original = readFile(path)
        for (what, damage) in [("bit flip", flipBit), ("inverted byte", invertByte)] {
            let report = checkDamage(
                original: original, path: path, name: "p.pack", offsets: Array(original.indices), what: what, damage: damage,
                read: { try self.readBack(path) },
                isOriginal: { $0.map(\.0) == blobs.map(\.key) && $0.map(\.1) == blobs.map(\.bytes) })
            XCTAssertEqual(report.unnoticed, [], "\(what): bytes no check covers")
        }
        let truncated = checkDamage(
            original: original, path: path, name: "p.pack", offsets: Array(original.indices), what: "truncation", damage: truncate,
            read: { try self.readBack(path) }, isOriginal: { _ in false })
        XCTAssertEqual(truncated.detected, original.count)
        // A different, valid pack in its place is caught by the manifest's footer checksum.
        _ = try BlobPack.write(Array(blobs.dropLast()), directory: directory, name: "p.pack", zstd: zstd)
        assertStorageError(naming: "p.pack") { try self.readBack(path, footerChecksum: info.footerChecksum.value) }
    }

    func testVersions() throws {
        let directory = makeTemporaryDirectory(self)
        _ = try BlobPack.write([PackBlob(key: 1, bytes: [1])], directory: directory, name: "p.pack", zstd: zstd)
        var bytes = readFile(directory + "/p.pack")
        bytes[8] = 2
        writeFile(bytes, to: directory + "/p.pack")
        XCTAssertEqual(assertStorageError(naming: "p.pack") { try self.readBack(directory + "/p.pack") }, .unsupportedVersion(file: "p.pack", version: 2))
        XCTAssertEqual(
            assertStorageError(naming: "gone.pack") { try self.readBack(directory + "/gone.pack", name: "gone.pack") },
            .missingFile(file: directory + "/gone.pack"))
    }
}
