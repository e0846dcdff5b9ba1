import AurumCore
import XCTest

@testable import AurumStorage

final class DictionaryEncodingTests: XCTestCase {
    private func roundTrip(_ column: StringColumn) throws -> (decoded: StringColumn, dictionary: [String], bytes: [UInt8]) {
        var writer = ByteWriter()
        DictionaryEncoding.encode(column, into: &writer)
        let bytes = writer.bytes
        let decoded = try bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw, file: "names.seg", location: "block")
            let decoded = try DictionaryEncoding.decode(from: &reader, count: column.count, validity: column.validity)
            XCTAssertEqual(reader.remaining, 0)
            return decoded
        }
        return (decoded, decoded.dictionary, bytes)
    }

    func testRandomColumnsRoundTrip() throws {
        var rng = SeededGenerator(seed: 11)
        for round in 0..<60 {
            let count = [0, 1, 2, 7, 64, 65, 300][round % 7]
            let column = RandomData.column(.string, count: count, using: &rng)
            guard case .string(let strings) = column else { return XCTFail() }
            let (decoded, _, _) = try roundTrip(strings)
            assertSameColumn(.string(decoded), column, "round \(round)")
        }
    }

    /// Codes are checked for non-NULL rows only: any code in a NULL row is ignored (read back as 0), a code
    /// outside the dictionary (or negative) in a non-NULL row is corruption naming it.
    func testCodesOutsideTheDictionaryAreRefusedOnlyInRowsWithValues() throws {
        func block(_ codes: [Int64]) -> [UInt8] {
            var writer = ByteWriter()
            writer.append(UInt32(3))
            IntegerEncoding.encode([1, 1, 1], into: &writer)
            writer.append(UInt32(3))
            writer.append(bytes: Array("abc".utf8))
            IntegerEncoding.encode(codes, into: &writer)
            return writer.bytes
        }
        func decode(_ codes: [Int64], validity: [UInt8]?) throws -> [UInt32] {
            try block(codes).withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                return try DictionaryEncoding.decode(from: &reader, count: codes.count, validity: validity).codes
            }
        }
        for count in [3, 4, 9, 40] {  // a block holds at most one entry per row
            for bad in [3, 4, 1 << 40, -1, Int64.min, Int64.max] {
                for row in [0, count / 2, count - 1] {
                    var codes = (0..<count).map { Int64($0 % 3) }
                    codes[row] = bad
                    XCTAssertThrowsError(try decode(codes, validity: nil), "count \(count) code \(bad) at \(row)") { error in
                        XCTAssertTrue("\(error)".contains("code \(bad) outside a dictionary of 3"), "\(error)")
                    }
                    var validity = [UInt8](repeating: 1, count: count)
                    XCTAssertThrowsError(try decode(codes, validity: validity))
                    validity[row] = 0
                    var expected = codes.map { UInt32(truncatingIfNeeded: $0) }
                    expected[row] = 0
                    XCTAssertEqual(try decode(codes, validity: validity), expected, "count \(count) code \(bad) at \(row)")
                }
            }
        }
    }

    func testEdgeStrings() throws {
        let values: [String?] = [
            "", nil, "Café", "Cafe\u{301}", "日本語", "🚀", "with\u{0}nul", nil, "", String(repeating: "€", count: 1000),
            "\u{10FFFF}", "a\r\nb",
        ]
        // Canonically equivalent strings ("Café" precomposed and decomposed) are different bytes: both must survive.
        let column = StringColumn(dictionary: values.compactMap { $0 }, codes: values.indices.map { row in
            values[row] == nil ? 0 : UInt32(values[0..<row].compactMap { $0 }.count)
        }, validity: values.map { $0 == nil ? 0 : 1 })
        let (decoded, _, _) = try roundTrip(column)
        XCTAssertEqual((0..<values.count).map { decoded[$0].map { Array($0.utf8) } }, values.map { $0.map { Array($0.utf8) } })
    }

    func testAllNullAndEmptyColumns() throws {
        let allNull = StringColumn([nil, nil, nil])
        let (decoded, dictionary, _) = try roundTrip(allNull)
        XCTAssertEqual(dictionary, [])
        XCTAssertEqual((0..<3).map { decoded[$0] }, [nil, nil, nil])
        let (empty, _, _) = try roundTrip(StringColumn([]))
        XCTAssertEqual(empty.count, 0)
    }

    func testDictionaryIsSortedByBytesAndHoldsOnlyUsedEntries() throws {
        // "zebra" is in the dictionary but no row uses it (as after a gather).
        let column = StringColumn(dictionary: ["zebra", "b", "a", "ä", "B"], codes: [1, 2, 3, 4, 1, 0], validity: [1, 1, 1, 1, 1, 0])
        let (decoded, dictionary, _) = try roundTrip(column)
        XCTAssertEqual(dictionary, ["B", "a", "b", "ä"])
        XCTAssertEqual((0..<6).map { decoded[$0] }, ["b", "a", "ä", "B", "b", nil])
    }

    func testLowCardinalityPacksToAFewBitsARowOnDisk() throws {
        var rng = SeededGenerator(seed: 3)
        let sources = ["meta", "google", "tiktok", "linkedin"]
        let column = StringColumn((0..<10_000).map { _ in sources[Int(rng.next() % 4)] })
        let (_, _, bytes) = try roundTrip(column)
        // Codes are byte-aligned before zstd (so repeated patterns stay visible to it); what is stored is the
        // zstd frame, which gets random 2-bit codes down to about their entropy.
        let stored = Zstd().compress(bytes)
        XCTAssertLessThan(stored.count, 10_000 * 3 / 8 + 200, "about 2 bits a row plus the dictionary, after zstd")
    }

    func testRepeatingCodesCompressFarBelowABitARow() throws {
        // Every "day" lists the same 500 ads in the same order: zstd must see the repetition.
        let ads = (0..<500).map { "ad-\($0)" }
        let column = StringColumn((0..<30).flatMap { _ in ads })
        let (_, _, bytes) = try roundTrip(column)
        XCTAssertLessThan(Zstd().compress(bytes).count, 15_000 / 8, "under a bit a row")
    }

    func testDamageThrowsNamingTheFile() throws {
        let column = StringColumn(["alpha", "beta", nil, "gamma", "beta", "δέλτα"])
        var writer = ByteWriter()
        DictionaryEncoding.encode(column, into: &writer)
        let bytes = writer.bytes
        func decode(_ damaged: [UInt8]) throws -> StringColumn {
            try damaged.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                return try DictionaryEncoding.decode(from: &reader, count: column.count, validity: column.validity)
            }
        }
        for length in 0..<bytes.count {
            assertStorageError(naming: "names.seg", "length \(length)") { try decode(Array(bytes[0..<length])) }
        }
        // Unchecksummed damage at this level may decode to other strings, but must never crash.
        for offset in bytes.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[offset] ^= mask
                _ = try? decode(damaged)
            }
        }
        // A huge entry count is refused before anything is allocated for it.
        assertStorageError(naming: "names.seg") { try decode([0xFF, 0xFF, 0xFF, 0x7F, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }
        // Invalid UTF-8.
        var invalid = ByteWriter()
        invalid.append(UInt32(1))
        IntegerEncoding.encode([2], into: &invalid)
        invalid.append(UInt32(2))
        invalid.append(bytes: [0xC3, 0x28])
        IntegerEncoding.encode([0], into: &invalid)
        assertStorageError(naming: "names.seg") {
            try invalid.bytes.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                return try DictionaryEncoding.decode(from: &reader, count: 1, validity: nil)
            }
        }
    }

    /// Decoded through a shared dictionary, blocks give the same rows as without, and each entry's shared code
    /// is the one its text has in that dictionary, whichever block met it first.
    func testDecodingThroughASharedDictionary() throws {
        var rng = SeededGenerator(seed: 19)
        let sharing = SharedDictionary()
        var model: [[UInt8]: UInt32] = [:]
        for round in 0..<30 {
            let count = [0, 1, 5, 64, 300][round % 5]
            guard case .string(let column) = RandomData.column(.string, count: count, using: &rng) else { return XCTFail() }
            var writer = ByteWriter()
            DictionaryEncoding.encode(column, into: &writer)
            let (plain, shared) = try writer.bytes.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                let plain = try DictionaryEncoding.decode(from: &reader, count: count, validity: column.validity)
                reader = ByteReader(raw, file: "names.seg", location: "block")
                let shared = try DictionaryEncoding.decode(from: &reader, count: count, validity: column.validity, sharing: sharing)
                XCTAssertEqual(reader.remaining, 0)
                return (plain, shared)
            }
            assertSameColumn(.string(shared), .string(plain), "round \(round)")
            // A stored block holds only entries its rows use, which readers count on (``StringColumn/everyEntryUsed``).
            XCTAssertTrue(shared.everyEntryUsed && plain.everyEntryUsed)
            let held = Set((0..<shared.count).filter { !shared.isNull($0) }.map { shared.codes[$0] })
            XCTAssertEqual(held.count, shared.entryCount, "round \(round): every entry held by a row")
            XCTAssertEqual(shared.dictionary.map { Array($0.utf8) }, plain.dictionary.map { Array($0.utf8) })
            XCTAssertTrue(shared.shared?.dictionary === sharing)
            XCTAssertNil(plain.shared)
            let codes = shared.shared?.codes(of: shared.dictionary) ?? []
            for (entry, text) in shared.dictionary.enumerated() {
                let expected = model[Array(text.utf8)] ?? UInt32(model.count)
                model[Array(text.utf8)] = expected
                XCTAssertEqual(codes[entry], expected, "round \(round) entry \(entry)")
            }
        }
        XCTAssertEqual(sharing.codes(of: ["a text no block held"]), [UInt32(model.count)])
    }

    /// Invalid UTF-8 is refused through a shared dictionary too, naming the file.
    func testInvalidTextThroughASharedDictionary() {
        var invalid = ByteWriter()
        invalid.append(UInt32(2))
        IntegerEncoding.encode([1, 2], into: &invalid)
        invalid.append(UInt32(3))
        invalid.append(bytes: [0x61, 0xC3, 0x28])
        IntegerEncoding.encode([0, 1], into: &invalid)
        assertStorageError(naming: "names.seg") {
            try invalid.bytes.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                return try DictionaryEncoding.decode(from: &reader, count: 2, validity: nil, sharing: SharedDictionary())
            }
        }
    }

    /// Codes of whole bytes (what the writer lays out) are read straight to UInt32, yet a code past 2^32 whose
    /// low 32 bits would name an entry is refused: the running sum of delta is checked in 64 bits.
    func testByteAlignedCodesAreCheckedInSixtyFourBits() throws {
        func block(scheme: UInt8, header: [Int64], width: UInt8, packed: [UInt8]) -> [UInt8] {
            var writer = ByteWriter()
            writer.append(UInt32(2))
            IntegerEncoding.encode([1, 1], into: &writer)
            writer.append(UInt32(2))
            writer.append(bytes: Array("ab".utf8))
            writer.append(scheme)
            for value in header { writer.append(value) }
            writer.append(width)
            writer.append(bytes: packed)
            return writer.bytes
        }
        func decode(_ bytes: [UInt8], count: Int) throws -> [String?] {
            try bytes.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "names.seg", location: "block")
                let column = try DictionaryEncoding.decode(from: &reader, count: count, validity: nil)
                XCTAssertEqual(reader.remaining, 0)
                return (0..<count).map { column[$0] }
            }
        }
        // Delta (scheme 2: first, base, width): 0, then +1, -1, +1 at 8 and 16 bits; frame of reference (scheme 1).
        XCTAssertEqual(try decode(block(scheme: 2, header: [0, -1], width: 8, packed: [2, 0, 2]), count: 4), ["a", "b", "a", "b"])
        XCTAssertEqual(try decode(block(scheme: 2, header: [1, 0], width: 0, packed: []), count: 3), ["b", "b", "b"])
        XCTAssertEqual(try decode(block(scheme: 1, header: [0], width: 16, packed: [1, 0, 0, 0]), count: 2), ["b", "a"])
        XCTAssertThrowsError(try decode(block(scheme: 1, header: [1], width: 16, packed: [0, 0, 0xFF, 0xFF]), count: 2)) { error in
            XCTAssertTrue("\(error)".contains("code 65536 outside a dictionary of 2"), "\(error)")
        }
        // Delta of width 0: an arithmetic run, checked by its ends (and refused when it wraps past Int64).
        XCTAssertEqual(try decode(block(scheme: 2, header: [0, 1], width: 0, packed: []), count: 2), ["a", "b"])
        XCTAssertEqual(try decode(block(scheme: 2, header: [1, -1], width: 0, packed: []), count: 2), ["b", "a"])
        for (first, base, count) in [(Int64(0), Int64(1), 3), (1, -1, 3), (Int64.max, 1, 2), (1, Int64.min, 3), (2, 0, 5), (-1, 1, 2)] {
            XCTAssertThrowsError(try decode(block(scheme: 2, header: [first, base], width: 0, packed: []), count: count), "\(first) \(base)") { error in
                XCTAssertTrue("\(error)".contains("outside a dictionary of 2"), "\(error)")
            }
        }
        // Frame of reference in 32-bit lanes (a base from 0 to 2^32 − 1 − the word's largest) and in 64 (any other).
        XCTAssertEqual(try decode(block(scheme: 1, header: [0], width: 8, packed: [1, 0, 1]), count: 3), ["b", "a", "b"])
        XCTAssertEqual(try decode(block(scheme: 1, header: [-1], width: 8, packed: [1, 2]), count: 2), ["a", "b"])
        for (base, packed) in [(Int64(1), [UInt8]([0, 1])), (Int64(UInt32.max), [1, 1]), (Int64(UInt32.max) - 255, [0, 255]), (-2, [1, 0])] {
            XCTAssertThrowsError(try decode(block(scheme: 1, header: [base], width: 8, packed: packed), count: 2), "\(base)") { error in
                XCTAssertTrue("\(error)".contains("outside a dictionary of 2"), "\(error)")
            }
        }
        for (first, base) in [(Int64(1) << 32, Int64(0)), (1, Int64(1) << 32), (-1, 1), (Int64.min, 0)] {
            XCTAssertThrowsError(try decode(block(scheme: 2, header: [first, base], width: 8, packed: [0, 0]), count: 3), "\(first) \(base)") { error in
                XCTAssertTrue("\(error)".contains("outside a dictionary of 2"), "\(error)")
            }
        }
    }
}
