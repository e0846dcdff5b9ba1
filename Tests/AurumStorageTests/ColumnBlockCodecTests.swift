import AurumCore
import XCTest

@testable import AurumStorage

final class ColumnBlockCodecTests: XCTestCase {
    private func decode(_ payload: [UInt8], type: DataType, rowCount: Int) throws -> Column {
        try payload.withUnsafeBytes {
            try ColumnBlockCodec.decode($0, type: type, rowCount: rowCount, file: "t.seg", location: "row group 0, column 'x'")
        }
    }

    /// The value slots of NULL rows, which must read back as zero (kernels sum whole buffers).
    private func nullSlots(_ column: Column) -> [Double] {
        switch column {
        case .int64(let c): (0..<c.count).filter { c.isNull($0) }.map { Double(c.values[$0]) }
        case .double(let c): (0..<c.count).filter { c.isNull($0) }.map { c.values[$0] }
        case .date(let c): (0..<c.count).filter { c.isNull($0) }.map { Double(c.values[$0]) }
        case .bool(let c): (0..<c.count).filter { c.isNull($0) }.map { Double(c.values[$0]) }
        case .string(let c): (0..<c.count).filter { c.isNull($0) }.map { Double(c.codes[$0]) }
        }
    }

    func testEveryTypeRoundTrips() throws {
        var rng = SeededGenerator(seed: 123)
        for type in DataType.allCases {
            for round in 0..<25 {
                for count in [0, 1, 2, 7, 8, 9, 15, 16, 17, 100, 257] {
                    let column = RandomData.column(type, count: count, using: &rng)
                    let decoded = try decode(ColumnBlockCodec.encode(column), type: type, rowCount: count)
                    assertSameColumn(decoded, column, "\(type) round \(round) count \(count)")
                    XCTAssertEqual(decoded.nullCount, column.nullCount)
                    XCTAssertTrue(nullSlots(decoded).allSatisfy { $0 == 0 }, "\(type): NULL slots must read back as zero")
                }
            }
        }
    }

    /// The zone map that comes with a block (a text column's from the encoder's sort) is the one computed from
    /// the column itself.
    func testTheStatsThatComeWithABlockAreTheColumns() throws {
        var rng = SeededGenerator(seed: 79)
        for type in DataType.allCases {
            for count in [0, 1, 2, 9, 100, 257] {
                for nullable in [false, true] {
                    let column = RandomData.column(type, count: count, nullable: nullable, using: &rng)
                    let (payload, stats) = ColumnBlockCodec.encodeWithStats(column)
                    XCTAssertEqual(stats, ColumnStats(of: column), "\(type) count \(count)")
                    XCTAssertEqual(payload, ColumnBlockCodec.encode(column))
                }
            }
        }
        let long = String(repeating: "x", count: ColumnStats.maximumTextBytes + 1)
        let text = Column.string(StringColumn(["b", nil, long, "a"]))
        XCTAssertEqual(ColumnBlockCodec.encodeWithStats(text).stats, ColumnStats(min: .null, max: .null, nullCount: 1), "text past the limit keeps no bounds")
        XCTAssertEqual(ColumnBlockCodec.encodeWithStats(.string(StringColumn([nil, nil]))).stats, ColumnStats(min: .null, max: .null, nullCount: 2))
    }

    /// Decoding chosen rows gives those rows of the whole decode (NULLs kept, NULL slots zero), and the whole
    /// block's NULL count; a text column's dictionary holds only the entries those rows use.
    func testDecodingChosenRowsGivesThoseRowsOfTheWholeBlock() throws {
        var rng = SeededGenerator(seed: 77)
        for type in DataType.allCases {
            for count in [1, 2, 9, 100, 257] {
                let column = RandomData.column(type, count: count, using: &rng)
                let payload = ColumnBlockCodec.encode(column)
                let whole = try decode(payload, type: type, rowCount: count)
                let choices: [[Int]] = [
                    [], [0], [count - 1], Array(0..<count), Array(stride(from: 1, to: count, by: 3)),
                    (0..<count).filter { _ in Bool.random(using: &rng) },
                ]
                for rows in choices {
                    let (chosen, nullCount) = try payload.withUnsafeBytes {
                        try ColumnBlockCodec.decode($0, type: type, rowCount: count, file: "t.seg", location: "row group 0, column 'x'", rows: rows)
                    }
                    assertSameColumn(chosen, whole.gather(rows), "\(type) count \(count) rows \(rows)")
                    XCTAssertEqual(nullCount, whole.nullCount)
                    XCTAssertTrue(nullSlots(chosen).allSatisfy { $0 == 0 })
                    if case .string(let text) = chosen {
                        // By bytes: Strings that differ only in Unicode normalisation are equal.
                        let used = Set((0..<rows.count).compactMap { text[$0].map { Array($0.utf8) } })
                        XCTAssertEqual(text.dictionary.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }, used.sorted { $0.lexicographicallyPrecedes($1) }, "only the entries the rows use")
                    }
                }
            }
        }
    }

    /// The rows whose text is one of a probe's are those of the whole decode whose text is (by bytes: Strings
    /// that differ only in Unicode normalisation are different texts); NULL rows never match.
    func testRowsWhoseTextIsAProbesAreThoseOfTheWholeBlock() throws {
        var rng = SeededGenerator(seed: 78)
        for count in [0, 1, 2, 9, 100, 257] {
            let column = RandomData.column(.string, count: count, using: &rng)
            guard case .string(let whole) = column else { return XCTFail() }
            let payload = ColumnBlockCodec.encode(column)
            let every = whole.dictionary.map { Array($0.utf8) }
            let some = Set(every.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            for wanted in [Set(every), [], some, some.union([Array("not there".utf8), []])] {
                let probe = TextProbe(wanted.map { String(decoding: $0, as: UTF8.self) } + wanted.map { String(decoding: $0, as: UTF8.self) })
                let (rows, nullCount) = try payload.withUnsafeBytes {
                    try ColumnBlockCodec.rows($0, rowCount: count, file: "t.seg", location: "row group 0, column 'x'", whereTextIn: probe)
                }
                XCTAssertEqual(rows, (0..<count).filter { whole[$0].map { wanted.contains(Array($0.utf8)) } ?? false })
                XCTAssertEqual(nullCount, whole.nullCount)
            }
        }
    }

    /// A dictionary out of byte order (none that Aurum writes) is still answered right: each entry is looked up
    /// among the wanted texts instead.
    func testAProbeFindsTextsInADictionaryOutOfOrder() throws {
        let entries = ["b", "ab", "a", "", "é", "abc"]
        var writer = ByteWriter()
        writer.append(UInt8(0))  // no validity
        writer.append(UInt32(entries.count))
        IntegerEncoding.encode(entries.map { Int64($0.utf8.count) }, into: &writer)
        let text = entries.flatMap { Array($0.utf8) }
        writer.append(UInt32(text.count))
        writer.append(bytes: text)
        let codes: [Int64] = [0, 1, 2, 3, 4, 5, 2, 0]
        IntegerEncoding.encode(codes, into: &writer)
        for (wanted, expected) in [(["a", "abc"], [2, 5, 6]), (["", "b"], [0, 3, 7]), (["é", "zz"], [4]), ([], [])] {
            let rows = try writer.bytes.withUnsafeBytes {
                try ColumnBlockCodec.rows($0, rowCount: codes.count, file: "t.seg", location: "block", whereTextIn: TextProbe(wanted)).rows
            }
            XCTAssertEqual(rows, expected, "\(wanted)")
        }
    }

    func testNullSlotsReadBackAsZeroSoWholeBufferSumsAreRight() throws {
        let spend = PrimitiveColumn<Double>(values: [10.5, 0, 0, 2.25, 0], validity: [1, 0, 0, 1, 0])
        guard case .double(let decoded) = try decode(ColumnBlockCodec.encode(.double(spend)), type: .double, rowCount: 5) else {
            return XCTFail()
        }
        XCTAssertEqual(decoded.values.reduce(0, +), 12.75)
        let clicks = PrimitiveColumn<Int64>(values: [0, 7, 0, 9], validity: [0, 1, 0, 1])
        guard case .int64(let decodedClicks) = try decode(ColumnBlockCodec.encode(.int64(clicks)), type: .int64, rowCount: 4) else {
            return XCTFail()
        }
        XCTAssertEqual(decodedClicks.values, [0, 7, 0, 9])
    }

    func testValidityBitmapLayout() {
        // Rows 0, 2, 8 and 9 valid of 10: bitmap bytes 0b0000_0101, 0b0000_0011 (bit i of byte i/8, LSB first).
        let validity: [UInt8] = [1, 0, 1, 0, 0, 0, 0, 0, 1, 1]
        let payload = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: [Int64](repeating: 0, count: 10), validity: validity)))
        XCTAssertEqual(Array(payload[0..<3]), [1, 0b0000_0101, 0b0000_0011])
        // A mask without NULLs is not stored.
        let noNulls = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: [1, 2], validity: [1, 1])))
        XCTAssertEqual(noNulls[0], 0)
        XCTAssertEqual(noNulls.count, 1 + 1 + 8 + 1 + 1)  // flag, scheme, base, width, 2 × 1 bit
    }

    func testNullSlotsDoNotWidenTheFrame() {
        // NULL slots hold 0 in memory; encoded next to values near 10^12 they would need 40 bits a row.
        let values: [Int64] = (0..<1000).map { $0 % 2 == 0 ? 1_000_000_000_000 + Int64($0 % 4) : 0 }
        let validity: [UInt8] = (0..<1000).map { $0 % 2 == 0 ? 1 : 0 }
        let payload = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: values, validity: validity)))
        XCTAssertLessThan(payload.count, 1 + 125 + 10 + 1000 * 2 / 8 + 8)
    }

    func testBooleansAreNormalised() throws {
        let column = Column.bool(PrimitiveColumn(values: [0, 1, 2, 255], validity: nil))
        guard case .bool(let decoded) = try decode(ColumnBlockCodec.encode(column), type: .bool, rowCount: 4) else { return XCTFail() }
        XCTAssertEqual(decoded.values, [0, 1, 1, 1])
    }

    func testDatesAtTheEdgesOfInt32() throws {
        let column = Column.date(PrimitiveColumn(values: [Int32.min, Int32.max, 0, -1], validity: nil))
        assertSameColumn(try decode(ColumnBlockCodec.encode(column), type: .date, rowCount: 4), column)
    }

    func testDaysOutsideInt32AreRefusedWhereverTheyAre() {
        for bad in [Int64(Int32.max) + 1, Int64(Int32.min) - 1, Int64.min, Int64.max, 1 << 40, -(1 << 40)] {
            for position in [0, 8, 16] {
                var values = [Int64](repeating: 19_800, count: 17)
                values[position] = bad
                let payload = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: values)))
                assertStorageError(naming: "t.seg") { try decode(payload, type: .date, rowCount: 17) }
            }
        }
    }

    func testBadPayloadsThrowNamingTheFile() {
        // A validity flag other than 0 or 1.
        assertStorageError(naming: "t.seg") { try decode([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], type: .int64, rowCount: 1) }
        // Bytes left over after the values.
        let payload = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: [1, 2, 3])))
        assertStorageError(naming: "t.seg") { try decode(payload + [0], type: .int64, rowCount: 3) }
        // BIGINT values outside Int32 read as DATE.
        let wide = ColumnBlockCodec.encode(.int64(PrimitiveColumn(values: [Int64(Int32.max) + 1])))
        assertStorageError(naming: "t.seg") { try decode(wide, type: .date, rowCount: 1) }
        // Every prefix of every type's payload is refused.
        var rng = SeededGenerator(seed: 8)
        for type in DataType.allCases {
            let column = RandomData.column(type, count: 40, using: &rng)
            let bytes = ColumnBlockCodec.encode(column)
            for length in 0..<bytes.count {
                assertStorageError(naming: "t.seg", "\(type) length \(length)") { try decode(Array(bytes[0..<length]), type: type, rowCount: 40) }
            }
        }
    }
}
