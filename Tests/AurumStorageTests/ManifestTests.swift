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
        // Keys ascend in every store Aurum writes, and are then not hashed: a key repeated at a pack's edge.
        var ascending = sample()
        ascending.blobPacks = [
            BlobPackInfo(file: "blobs/00000001-0001.pack", keys: [1, 2, 5], byteCount: 9, footerChecksum: Checksum64(1)),
            BlobPackInfo(file: "blobs/00000002-0001.pack", keys: [7, 9], byteCount: 9, footerChecksum: Checksum64(2)),
        ]
        XCTAssertEqual(try Manifest.parse(try ascending.serialized(), file: "MANIFEST").blobPacks, ascending.blobPacks)
        var twiceAtTheEdge = ascending
        twiceAtTheEdge.blobPacks[1].keys = [5, 9]
        for (manifest, named) in [
            (twiceSegment, "00000002-0002.seg twice (also in table empty)"), (twicePack, "00000001-0001.pack twice"), (twiceKey, "Bronze file 1 twice"),
            (twiceAtTheEdge, "Bronze file 5 twice"),
        ] {
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

    // MARK: The hand-written reader (JSONPullReader, Manifest+Reading)

    private func withJSONBytes(_ json: [UInt8]) -> [UInt8] {
        Array("AURUM-MANIFEST 1\n".utf8) + json + Array("\nxxh64 \(Checksum64(XXH64.hash(json)))\n".utf8)
    }

    /// Random manifests (every kind of text, integers at their limits, with and without deletes) read back
    /// equal, whether written by `Manifest.jsonLine` or by `JSONEncoder` (which wrote the manifests of older
    /// stores): the reader's member names are the encoder's.
    func testRandomManifestsRoundTrip() throws {
        var rng = SeededGenerator(seed: 18)
        let integers = [0, 1, Int.max, Int.min, -1, 1 << 53 + 1]
        func text() -> String {
            RandomData.sampleStrings[Int(rng.next() % UInt64(RandomData.sampleStrings.count))] + "\"\\/\u{1F}\u{7F}"
                + String(rng.next(), radix: 36)
        }
        for _ in 0..<200 {
            var manifest = Manifest()
            manifest.generation = rng.next() % 2 == 0 ? rng.next() : rng.next() % 10
            for _ in 0..<rng.next() % 4 {
                let types = DataType.allCases
                var table = TableManifest(schema: Schema((0..<Int(rng.next() % 5)).map {
                    Field("c\($0)" + text(), types[Int(rng.next() % UInt64(types.count))], nullable: rng.next() % 2 == 0)
                }))
                for _ in 0..<rng.next() % 4 {
                    let segment = SegmentFileInfo(
                        file: text(), rowCount: integers[Int(rng.next() % 6)], byteCount: Int(rng.next() % 1_000_000),
                        footerChecksum: Checksum64(rng.next()))
                    let deletes = rng.next() % 2 == 0 ? nil : DeleteFileInfo(file: text(), count: integers[Int(rng.next() % 6)], checksum: Checksum64(rng.next()))
                    table.segments.append(SegmentEntry(segment: segment, deletes: deletes))
                }
                manifest.tables[text()] = table
            }
            for index in 0..<rng.next() % 3 {
                let keys = (0..<rng.next() % 5).map { _ in rng.next() }
                manifest.blobPacks.append(BlobPackInfo(file: "p\(index)" + text(), keys: keys, byteCount: Int(rng.next() % 99), footerChecksum: Checksum64(rng.next())))
            }
            for _ in 0..<rng.next() % 3 { manifest.properties[text()] = text() }
            // Random names may list one file twice; that is a separate refusal (testAFileOrKeyListedTwiceIsRefused).
            guard (try? manifest.checkEachFileListedOnce(file: "MANIFEST")) != nil else { continue }
            XCTAssertEqual(try Manifest.parse(try manifest.serialized(), file: "MANIFEST"), manifest)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            XCTAssertEqual(try Manifest.parse(withJSONBytes(Array(try encoder.encode(manifest))), file: "MANIFEST"), manifest)
        }
    }

    /// Any valid JSON of the manifest's shape is read, whoever wrote it: blanks between tokens, members in any
    /// order, every escape, `deletes` as null, and members this Aurum does not know (skipped).
    func testAnyValidJSONOfTheShapeIsRead() throws {
        let json = """
             { "properties" : { "caf\\u00e9\\/\\ud83d\\ude80" : "a\\b\\f\\n\\r\\t\\"\\\\" } ,\r\n
            "unknown": [1, -0.5e+3, 2E-2, true, false, null, {"x": [[]], "y": {}}, "s"],
            "tables": {"t": {"segments": [
              {"deletes": null, "later": 1, "segment": {"rowCount": 3, "file": "tables\\/t\\/1.seg", "footerChecksum": "00000000000000AB", "byteCount": 10}},
              {"segment": {"rowCount": -1, "file": "2.seg", "footerChecksum": "ffffffffffffffff", "byteCount": 0},
               "deletes": {"count": 1, "file": "2.del", "checksum": "0123456789abcdef"}}],
              "columns": [{"type": 1, "nullable": false, "name": "a"}]}},
            "generation": 18446744073709551615, "blobPacks": [{"keys": [], "byteCount": 1, "file": "b.pack", "footerChecksum": "0000000000000001"}]}\t
            """.replacingOccurrences(of: "\n", with: " ")
        let parsed = try Manifest.parse(withJSON(json), file: "MANIFEST")
        var expected = Manifest()
        expected.generation = .max
        expected.properties = ["café/🚀": "a\u{8}\u{C}\n\r\t\"\\"]
        var table = TableManifest(schema: Schema([Field("a", .int64)]))
        table.segments = [
            SegmentEntry(segment: SegmentFileInfo(file: "tables/t/1.seg", rowCount: 3, byteCount: 10, footerChecksum: Checksum64(0xAB)), deletes: nil),
            SegmentEntry(
                segment: SegmentFileInfo(file: "2.seg", rowCount: -1, byteCount: 0, footerChecksum: Checksum64(.max)),
                deletes: DeleteFileInfo(file: "2.del", count: 1, checksum: Checksum64(0x0123_4567_89AB_CDEF))),
        ]
        expected.tables["t"] = table
        expected.blobPacks = [BlobPackInfo(file: "b.pack", keys: [], byteCount: 1, footerChecksum: Checksum64(1))]
        XCTAssertEqual(parsed, expected)
    }

    /// Strings with escapes read as Foundation's JSON parser reads them.
    func testStringsReadAsFoundationReadsThem() throws {
        let literals = [
            #""""#, #""plain""#, #""\u0000\u001f\u007f\u0080\u07ff\u0800\uffff""#, #""\ud800\udc00 \udbff\udfff""#,
            #""\"\\\/\b\f\n\r\t""#, "\"raw ünïcode 🚀 \u{7F}\"", #""\u00E9\u00e9""#,
        ]
        for literal in literals {
            var reader = JSONPullReader(Array(literal.utf8))
            let read = try reader.string()
            try reader.finish()
            let foundation = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
            XCTAssertEqual(read, foundation, literal)
        }
    }

    /// `integers` reads what `elements` reading each integer reads, and fails where and as it fails.
    func testIntegersReadAsElementsOfIntegers() {
        let texts = [
            "[]", "[ ]", "[1]", " [1, 2 ,3] ", "[0,18446744073709551615]", "[1,\"x\"]", "[1 2]", "[-1]", "[18446744073709551616]", "[1,]",
            "[", "[1.5]", "[01]", "{}", "[1,[2]]", "[1,2", "[1e3]", "x",
        ]
        func outcome(_ text: String, _ read: (inout JSONPullReader) throws -> [UInt64]) -> String {
            var reader = JSONPullReader(Array(("{\"k\":" + text + "}").utf8))
            var values: [UInt64] = []
            do {
                try reader.object { reader, _ in values = try read(&reader) }
                return "\(values)"
            } catch {
                return "\(error)"
            }
        }
        for text in texts {
            XCTAssertEqual(outcome(text) { try $0.integers(UInt64.self) }, outcome(text) { try $0.elements { try $0.integer(UInt64.self) } }, text)
        }
    }

    /// A repeated member is found however many members an object has (a few are compared in a list, more in a set).
    func testARepeatedMemberIsFoundInObjectsOfAnySize() throws {
        for count in [1, 2, 15, 16, 17, 40] {
            let members = (0..<count).map { "\"m\($0)\":\($0)" }
            for repeated in [0, count - 1] {
                for position in [1, count] {
                    var list = members
                    list.insert("\"m\(repeated)\":0", at: position)
                    var reader = JSONPullReader(Array(("{" + list.joined(separator: ",") + "}").utf8))
                    XCTAssertThrowsError(try reader.object { reader, _ in _ = try reader.integer(Int.self) }) { error in
                        XCTAssertEqual((error as? JSONPullReader.Failure)?.message, "the member 'm\(repeated)' appears twice", "\(count) members")
                    }
                }
            }
            var reader = JSONPullReader(Array(("{" + members.joined(separator: ",") + "}").utf8))
            var read: [String] = []
            try reader.object { reader, name in
                read.append(name)
                _ = try reader.integer(Int.self)
            }
            XCTAssertEqual(read, (0..<count).map { "m\($0)" })
        }
    }

    /// Every malformed JSON line (the checksum re-computed, as a tamperer or a buggy writer would) is refused
    /// with an error naming the file, the byte, the value and what is wrong.
    func testMalformedJSONIsRefusedNamingWhereAndWhat() throws {
        let good = #"{"blobPacks":[],"generation":1,"properties":{},"tables":{"t":{"columns":[{"name":"a","nullable":false,"type":1}],"segments":[{"segment":{"byteCount":1,"file":"s","footerChecksum":"0000000000000001","rowCount":1}}]}}}"#
        XCTAssertNoThrow(try Manifest.parse(withJSON(good), file: "MANIFEST"))
        func edited(_ from: String, _ to: String) -> String {
            XCTAssertTrue(good.contains(from), from)
            return good.replacingOccurrences(of: from, with: to)
        }
        let cases: [(json: [UInt8], expected: String)] = [
            (Array("".utf8), "at the top level: expected an object, found the end of the text"),
            (Array("[1,2,3]".utf8), "at the top level: expected an object, found '['"),
            (Array(String(good.dropLast()).utf8), "at the top level: expected ',' or '}' after a member, found the end of the text"),
            (Array((good + " x").utf8), "at the top level: unexpected 'x' after the JSON value"),
            (Array(edited(#""generation":1,"#, "").utf8), "at the top level: missing the member 'generation'"),
            (Array(edited(#","rowCount":1"#, "").utf8), "at tables.t.segments[0].segment: missing the member 'rowCount'"),
            (Array(edited(#""generation":1"#, #""generation":"1""#).utf8), "at generation: expected an integer, found '\"'"),
            (Array(edited(#""generation":1"#, #""generation":-1"#).utf8), "at generation: -1 is out of range (0 to 18446744073709551615)"),
            (Array(edited(#""generation":1"#, #""generation":18446744073709551616"#).utf8), "at generation: 18446744073709551616 is out of range"),
            (Array(edited(#""generation":1"#, #""generation":1.0"#).utf8), "at generation: expected an integer, found a number with a fraction or an exponent"),
            (Array(edited(#""generation":1"#, #""generation":01"#).utf8), "at generation: expected an integer, found '0'"),
            (Array(edited(#""generation":1"#, #""generation":1,"generation":2"#).utf8), "at the top level: the member 'generation' appears twice"),
            (Array(edited(#""type":1"#, #""type":256"#).utf8), "at tables.t.columns[0].type: 256 is out of range (0 to 255)"),
            (Array(edited(#""nullable":false"#, #""nullable":0"#).utf8), "at tables.t.columns[0].nullable: expected true or false, found '0'"),
            (Array(edited(#""0000000000000001""#, #""000000000000001""#).utf8), "at tables.t.segments[0].segment.footerChecksum: '000000000000001' is not a 64-bit checksum"),
            (Array(edited(#""0000000000000001""#, #""000000000000000g""#).utf8), "'000000000000000g' is not a 64-bit checksum"),
            (Array(edited(#""file":"s""#, #""file":"\x""#).utf8), "at tables.t.segments[0].segment.file: an unknown escape \\x in a string"),
            (Array(edited(#""file":"s""#, #""file":"\ud800x""#).utf8), "a lone surrogate \\ud800 in a string"),
            (Array(edited(#""file":"s""#, #""file":"\udc00""#).utf8), "a lone surrogate \\udc00 in a string"),
            (Array(edited(#""file":"s""#, #""file":"\u12""#).utf8), "a \\u escape with a non-hex digit"),
            (Array(edited(#""file":"s""#, "\"file\":\"a\tb\"").utf8), "a control character (0x9) inside a string"),
            (Array(#"{"properties":{"a":"abc"#.utf8), "at properties.a: a string that does not end"),
            (Array(edited(#""file":"s""#, #""file":s"#).utf8), "expected a string, found 's'"),
            (Array(edited(#""tables":{"#, #""tables":{"t":{"columns":[],"segments":[]},"#).utf8), "at tables: the member 't' appears twice"),
            (Array(edited(#""segments":[{"#, #""segments":[{"deletes":7,"#).utf8), "at tables.t.segments[0].deletes: expected an object, found '7'"),
            (Array(edited(#""properties":{}"#, #""properties":{"a":1}"#).utf8), "at properties.a: expected a string, found '1'"),
            (Array(edited(#""properties":{}"#, #""properties":{"a""b"}"#).utf8), "at properties: expected ':' after the member name 'a', found '\"'"),
            (Array(edited(#""properties":{}"#, #""properties":{,}"#).utf8), "at properties: expected a member name (a string), found ','"),
            (Array(edited(#""blobPacks":[]"#, #""blobPacks":[1 2]"#).utf8), "at blobPacks[0]: expected an object, found '1'"),
            (Array(edited(#""blobPacks":[]"#, #""x":[1 2],"blobPacks":[]"#).utf8), "at x: expected ',' or ']' after an element, found '2'"),
            (Array(edited(#""blobPacks":[]"#, #""x":[-],"blobPacks":[]"#).utf8), "at x[0]: expected a value, found '-'"),
            (Array(edited(#""blobPacks":[]"#, #""x":nul,"blobPacks":[]"#).utf8), "at x: expected a value, found 'n'"),
            (Array(edited(#""blobPacks":[]"#, #""x":1.,"blobPacks":[]"#).utf8), "at x: expected a value, found '1'"),
            (Array(edited(#""blobPacks":[]"#, #""x":"# + String(repeating: "[", count: 300) + #","blobPacks":[]"#).utf8), "nested deeper than 256 levels"),
            (Array(edited(#""file":"s""#, #""file":"#).utf8), "at tables.t.segments[0].segment.file: expected a string, found ','"),
        ]
        for (json, expected) in cases {
            let error = assertStorageError(naming: "MANIFEST", expected) { try Manifest.parse(self.withJSONBytes(json), file: "MANIFEST") }
            let text = error?.description ?? ""
            XCTAssertTrue(text.contains(expected), "'\(text)' does not say '\(expected)'")
            XCTAssertTrue(text.contains("corrupt store file MANIFEST (byte "), text)
        }
        // Invalid UTF-8 inside a string, raw and behind an escape.
        var invalid = Array(#"{"blobPacks":[],"generation":1,"properties":{"a":"x"#.utf8) + [0xFF] + Array(#""},"tables":{}}"#.utf8)
        var error = assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSONBytes(invalid), file: "MANIFEST") }
        XCTAssertTrue(error?.description.contains("at properties.a: a string that is not valid UTF-8") == true, "\(String(describing: error))")
        invalid = Array(#"{"blobPacks":[],"generation":1,"properties":{"a":"\n"#.utf8) + [0xC3] + Array(#""},"tables":{}}"#.utf8)
        error = assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSONBytes(invalid), file: "MANIFEST") }
        XCTAssertTrue(error?.description.contains("a string that is not valid UTF-8") == true, "\(String(describing: error))")
        // The byte is the file's: 17 bytes of first line, then the JSON's offset ("generation":x → the x).
        let atX = assertStorageError(naming: "MANIFEST") { try Manifest.parse(self.withJSON(#"{"generation":x}"#), file: "MANIFEST") }
        XCTAssertTrue(atX?.description.contains("(byte \(17 + 14))") == true, "\(String(describing: atX))")
    }
}
