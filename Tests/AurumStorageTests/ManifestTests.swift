import AurumCore
import Foundation
import XCTest

@testable import AurumStorage

final class ManifestTests: XCTestCase {
    private func sample() -> Manifest {
        var manifest = Manifest()
        manifest.generation = 42
        var table = TableManifest(schema: RandomData.allTypesSchema)
        table.segments = [
            SegmentEntry(
                segment: SegmentFileInfo(file: "tables/t/00000001-0001.seg", rowCount: 10, byteCount: 1234, footerChecksum: Checksum64(.max)),
                deletes: DeleteFileInfo(file: "tables/t/00000002-0001.del", count: 2, checksum: Checksum64(0))),
            SegmentEntry(
                segment: SegmentFileInfo(file: "tables/t/00000002-0002.seg", rowCount: 1 << 40, byteCount: 1 << 41, footerChecksum: Checksum64(1 << 63)),
                deletes: nil),
        ]
        manifest.tables["t"] = table
        manifest.tables["empty"] = TableManifest(schema: Schema([Field("x", .string, nullable: true)]))
        // Keys past 2^53 must survive JSON exactly.
        manifest.blobPacks = [
            BlobPackInfo(file: "blobs/00000001-0001.pack", keys: [0, 1, 1 << 53 + 1, UInt64.max, UInt64.max - 1], byteCount: 99, footerChecksum: Checksum64(7))
        ]
        manifest.properties = ["watermark": "2024-05-01", "multi\nline": "tab\there \"quoted\" \\ ünïcode 🚀", "": ""]
        return manifest
    }

    func testRoundTrip() throws {
        let manifest = sample()
        let parsed = try Manifest.parse(try manifest.serialized(), file: "MANIFEST")
        XCTAssertEqual(parsed, manifest)
        XCTAssertEqual(parsed.blobPacks[0].keys, [0, 1, 1 << 53 + 1, UInt64.max, UInt64.max - 1])
        XCTAssertEqual(parsed.tables["t"]?.schema, RandomData.allTypesSchema)
        XCTAssertEqual(parsed.tables["t"]?.liveRowCount, 10 - 2 + (1 << 40))
        XCTAssertEqual(try Manifest.parse(try Manifest().serialized(), file: "MANIFEST"), Manifest())
    }

    func testLayoutIsThreeLines() throws {
        let bytes = try sample().serialized()
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[0], "AURUM-MANIFEST 1")
        XCTAssertEqual(lines[3], "")
        let json = Array(lines[1].utf8)
        XCTAssertEqual(String(lines[2]), "xxh64 " + Checksum64(XXH64.hash(json)).description)
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        XCTAssertEqual(Set(object?.keys.map { $0 } ?? []), ["generation", "tables", "blobPacks", "properties"])
        // Serialisation is deterministic (sorted keys), so equal manifests are equal bytes.
        XCTAssertEqual(try sample().serialized(), bytes)
    }

    func testEveryDamagedByteAndTruncationIsRefused() throws {
        let bytes = try sample().serialized()
        for offset in bytes.indices {
            for damaged in [flipBit(bytes, offset), invertByte(bytes, offset)] {
                do {
                    let parsed = try Manifest.parse(damaged, file: "MANIFEST")
                    XCTFail("damage at \(offset) accepted: \(parsed == sample() ? "same" : "different") manifest")
                } catch let error as StorageError {
                    XCTAssertTrue(error.description.contains("MANIFEST"))
                }
            }
        }
        for length in 0..<bytes.count {
            assertStorageError(naming: "MANIFEST", "length \(length)") { try Manifest.parse(truncate(bytes, length), file: "MANIFEST") }
        }
    }

    private func withJSON(_ json: String) -> [UInt8] {
        Array("AURUM-MANIFEST 1\n\(json)\nxxh64 \(Checksum64(XXH64.hash(Array(json.utf8))))\n".utf8)
    }

    func testVersionsAndContent() throws {
        var newer = try sample().serialized()
        newer[15] = UInt8(ascii: "2")
        XCTAssertEqual(assertStorageError(naming: "MANIFEST") { try Manifest.parse(newer, file: "MANIFEST") }, .unsupportedVersion(file: "MANIFEST", version: 2))
        var older = newer
        older[15] = UInt8(ascii: "0")
        let olderError = assertStorageError(naming: "MANIFEST") { try Manifest.parse(older, file: "MANIFEST") }
        if case .unsupportedVersion = olderError {
            XCTFail("version 0 never existed: the file is damaged, not newer")
        }
        // Valid checksum, but not a manifest's JSON.
        assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSON("[1,2,3]"), file: "MANIFEST") }
        assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSON("{}"), file: "MANIFEST") }
        // A column type this Aurum does not know.
        let unknownType = #"{"blobPacks":[],"generation":1,"properties":{},"tables":{"t":{"columns":[{"name":"a","nullable":false,"type":9}],"segments":[]}}}"#
        assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSON(unknownType), file: "MANIFEST") }
        let known = unknownType.replacingOccurrences(of: "\"type\":9", with: "\"type\":1")
        XCTAssertEqual(try Manifest.parse(withJSON(known), file: "MANIFEST").tables["t"]?.schema, Schema([Field("a", .int64)]))
    }

    /// Issue 19 item 5: a re-signed manifest that lists a segment, delete file, pack or Bronze key twice made
    /// rows count twice (Gold doubled) while verify said OK.
    func testAFileOrKeyListedTwiceIsRefused() throws {
        var twiceSegment = sample()
        let reused = try XCTUnwrap(twiceSegment.tables["t"]?.segments[1])
        twiceSegment.tables["empty"]?.segments = [reused]
        var twicePack = sample()
        twicePack.blobPacks.append(twicePack.blobPacks[0])
        var twiceKey = sample()
        twiceKey.blobPacks.append(BlobPackInfo(file: "blobs/00000009-0001.pack", keys: [1], byteCount: 9, footerChecksum: Checksum64(1)))
        for (manifest, named) in [(twiceSegment, "00000002-0002.seg twice"), (twicePack, "00000001-0001.pack twice"), (twiceKey, "Bronze file 1 twice")] {
            let error = assertStorageError(naming: "MANIFEST") { try Manifest.parse(try manifest.serialized(), file: "MANIFEST") }
            XCTAssertTrue(error?.description.contains(named) == true, "\(String(describing: error))")
        }
    }

    /// Issue 19 item 13: bytes appended after the checksum line read "expected 3 lines, found 3".
    func testAppendedBytesAreNamedAsSuch() throws {
        let bytes = try sample().serialized()
        let appended = assertStorageError(naming: "MANIFEST") { try Manifest.parse(bytes + Array("garbage".utf8), file: "MANIFEST") }
        XCTAssertTrue(appended?.description.contains("7 unexpected bytes after the checksum line") == true, "\(String(describing: appended))")
        XCTAssertTrue(appended?.description.contains("`aurum rebuild` cannot help") == true, "\(String(describing: appended))")
        let cut = assertStorageError(naming: "MANIFEST") { try Manifest.parse(Array(bytes.dropLast(3)), file: "MANIFEST") }
        XCTAssertTrue(cut?.description.contains("found 2 complete lines and an unfinished one") == true, "\(String(describing: cut))")
    }
}
