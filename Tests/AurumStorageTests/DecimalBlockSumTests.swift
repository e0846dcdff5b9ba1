import AurumCore
import XCTest

@testable import AurumStorage

/// ``ColumnBlockCodec/decimalSum(_:rowCount:excluding:scratch:file:location:)`` and ``Store/decimalSums(_:column:)``:
/// the exact sum of a decimal block from its stored integers equals, in 128-bit integers, the sum of the decoded
/// values' integers over the rows that count — for every bit width, several scales and integer schemes, with
/// NULLs, excluded (deleted) rows and negative values.
final class DecimalBlockSumTests: XCTestCase {
    private var generator = SeededGenerator(seed: 0xDEC5)

    /// The block's payload for `values` (nil = NULL) as the segment writer encodes it.
    private func payload(_ values: [Double?]) -> [UInt8] {
        ColumnBlockCodec.encode(.double(PrimitiveColumn(
            values: values.map { $0 ?? 0 }, validity: values.contains(nil) ? values.map { $0 == nil ? 0 : 1 } : nil)))
    }

    private func sum(_ values: [Double?], excluding excluded: [Int] = []) throws -> (sum: DecimalBlockSum, nullCount: Int)? {
        try payload(values).withUnsafeBytes {
            try ColumnBlockCodec.decimalSum($0, rowCount: values.count, excluding: excluded, scratch: IntegerScratch(), file: "f", location: "l")
        }
    }

    /// Checks `found` against the values: scale `found.scale` turns every counted value into an integer that
    /// decodes back to it, and those integers add up to `found.integerSum` (or overflow Int64 when `found` is nil).
    /// Returns whether the block was summed (not refused).
    @discardableResult
    private func check(_ values: [Double?], excluding excluded: [Int], scale: Int?, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let found = try sum(values, excluding: excluded)
        let counted = values.indices.filter { values[$0] != nil && !excluded.contains($0) }
        guard let scale = scale ?? found?.sum.scale else {
            XCTAssertNil(found, "plain doubles have no decimal sum", file: file, line: line)
            return false
        }
        var power = 1.0
        for _ in 0..<scale { power *= 10 }
        var exact: Int128 = 0
        var largest: UInt64 = 0
        for row in counted {
            let integer = Int64((values[row]! * power).rounded())
            XCTAssertEqual(Double(integer) / power, values[row]!, "row \(row) is a decimal at scale \(scale)", file: file, line: line)
            exact += Int128(integer)
            largest = max(largest, integer.magnitude)
        }
        guard let found else {
            // Only an overflow refuses a decimal block: the stored integers (NULL slots hold a neighbour's) then
            // reach beyond Int64 in magnitude together.
            let reach = values.compactMap { $0 }.map { Int64(($0 * power).rounded()).magnitude }.max() ?? 0
            XCTAssertGreaterThan(Int128(values.count) * Int128(reach), Int128(Int64.max), file: file, line: line)
            return false
        }
        XCTAssertEqual(found.sum.scale, scale, file: file, line: line)
        XCTAssertEqual(Int128(found.sum.integerSum), exact, file: file, line: line)
        XCTAssertEqual(found.sum.count, counted.count, file: file, line: line)
        XCTAssertEqual(found.sum.rowCount, values.count - excluded.count, file: file, line: line)
        XCTAssertEqual(found.nullCount, values.filter { $0 == nil }.count, file: file, line: line)
        XCTAssertGreaterThanOrEqual(found.sum.integerMagnitudeBound, largest, file: file, line: line)
        return true
    }

    /// The least scale at which every value is a decimal (what the encoder picks), or nil.
    private func encodedScale(_ values: [Double?]) -> Int? {
        let bytes = payload(values)
        let schemeAt = bytes[0] == 0 ? 1 : 1 + (values.count + 7) / 8
        return bytes[schemeAt] == DoubleEncoding.decimal ? Int(bytes[schemeAt + 1]) : nil
    }

    func testEveryBitWidthScaleNullsAndDeletedRowsAddUpExactly() throws {
        let counts = [1, 2, 7, 8, 9, 100, 1_001, 4_099]
        var summed = 0
        for width in 0...52 {
            for scale in [0, 2, 6, 9] {
                let count = counts[(width + scale) % counts.count]
                let spread: Int64 = width == 0 ? 0 : (1 << Int64(width)) - 1
                // Large enough for every width, small enough that most blocks' sums fit Int64.
                let limit = max(spread, min(1 << 52, Int64.max / Int64(count) / 2))
                let base = Int64.random(in: -limit...max(-limit, limit - spread), using: &generator)
                var power = 1.0
                for _ in 0..<scale { power *= 10 }
                let values: [Double?] = (0..<count).map { _ in
                    if Int.random(in: 0..<10, using: &generator) == 0 { return nil }
                    return Double(base + Int64.random(in: 0...spread, using: &generator)) / power
                }
                let excluded = (0..<count).filter { _ in Int.random(in: 0..<20, using: &generator) == 0 }
                if try check(values, excluding: excluded, scale: encodedScale(values)) { summed += 1 }
            }
        }
        XCTAssertGreaterThan(summed, 53 * 4 * 3 / 4, "most blocks are decimal and fit")
    }

    func testPlainAndDeltaIntegerSchemesAddUpToo() throws {
        // Two values: plain integers are smaller than a frame's header; a rising run: delta.
        try check([12.34, -0.05], excluding: [], scale: encodedScale([12.34, -0.05]))
        let rising: [Double?] = (0..<500).map { Double($0 * 1_000_003) / 100 }
        let bytes = payload(rising)
        XCTAssertEqual(bytes[3], IntegerEncoding.Scheme.delta.rawValue, "the test meets the delta scheme")
        try check(rising, excluding: [0, 17, 499], scale: encodedScale(rising))
    }

    func testPlainDoublesHaveNoDecimalSum() throws {
        XCTAssertNil(try sum([1.0 / 3.0, 0.5, nil]))
        XCTAssertNil(try sum([-0.0]), "-0.0 is stored plain")
    }

    func testASumBeyondInt64IsRefusedNotWrapped() throws {
        let huge = Double(Int64(1) << 52)
        XCTAssertNil(try sum(Array(repeating: huge, count: 4_096)), "4096 × 2^52 = 2^64")
        let found = try sum(Array(repeating: huge, count: 4_096), excluding: [0])
        XCTAssertNil(found, "the whole block's sum is taken first, so it must fit too")
        XCTAssertEqual(try sum(Array(repeating: huge, count: 2_047))?.sum.integerSum, 2_047 << 52)
        XCTAssertEqual(try sum(Array(repeating: -huge, count: 2_048))?.sum.integerSum, Int64.min)
    }

    func testAllNullAndEmptyBlocks() throws {
        let allNull = try sum([nil, nil, nil])
        XCTAssertEqual(allNull?.sum.count, 0)
        XCTAssertEqual(allNull?.sum.integerSum, 0)
        XCTAssertEqual(allNull?.nullCount, 3)
        XCTAssertEqual(try sum([5.5, 6.5], excluding: [0, 1])?.sum.count, 0)
        let empty = try sum([])
        XCTAssertEqual(empty?.sum.count, 0, "a block of no rows (an empty segment's) still has its scheme bytes")
        XCTAssertEqual(empty?.sum.integerSum, 0)
    }

    func testExactSumMatchesWideIntegersForEveryLength() {
        for length in 0...(3 * 8 + 1) {
            let values: [Int64] = (0..<length).map { index in
                switch index % 4 {
                case 0: Int64.random(in: Int64.min / 64...Int64.max / 64, using: &generator)
                case 1: Int64.random(in: -1_000...1_000, using: &generator)
                case 2: -(Int64(1) << 53)
                default: Int64(UInt32.max)
                }
            }
            let exact = values.reduce(Int128(0)) { $0 + Int128($1) }
            let found = values.withUnsafeBufferPointer { ColumnBlockCodec.exactSum($0) }
            XCTAssertEqual(found.map { Int128($0.sum) }, exact, "length \(length)")
            let largest = values.map(\.magnitude).max() ?? 0
            if let found {
                XCTAssertGreaterThanOrEqual(found.magnitude, largest)
                XCTAssertLessThanOrEqual(found.magnitude, largest == 0 ? 1 : 2 * largest)
            }
        }
        let overflowing: [Int64] = [Int64.max, 1]
        XCTAssertNil(overflowing.withUnsafeBufferPointer { ColumnBlockCodec.exactSum($0) })
        let backInRange: [Int64] = [Int64.max, 1, -2]
        XCTAssertEqual(backInRange.withUnsafeBufferPointer { ColumnBlockCodec.exactSum($0) }?.sum, Int64.max - 1)
    }

    /// A written segment's footer records each DOUBLE block's sum as its stored integers give it: nil for a row
    /// group holding a plain double and for one whose sum leaves Int64. `aurum verify`'s check passes, and
    /// catches a footer whose sum was changed (and re-signed).
    func testFootersRecordEachDoubleBlocksSum() throws {
        let huge = Double(Int64(1) << 52)
        let schema = Schema([
            Field("money", .double, nullable: true), Field("plain", .double), Field("huge", .double), Field("id", .int64),
        ])
        let rows = 5_000
        let batch = Batch(schema: schema, columns: [
            .double(PrimitiveColumn(
                values: (0..<rows).map { Double($0 * 37 % 10_007 - 5_000) / 1_000 }, validity: (0..<rows).map { $0 % 9 == 0 ? 0 : 1 })),
            .double(PrimitiveColumn(values: (0..<rows).map { $0 == 4_321 ? 1.0 / 3.0 : Double($0) })),
            // 2,048 × 2^52 = 2^63 leaves Int64; the last row group's 904 do not.
            .double(PrimitiveColumn(values: Array(repeating: huge, count: rows))),
            .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
        ])
        let directory = makeTemporaryDirectory(self)
        _ = try SegmentWriter.write(batch, directory: directory, name: "s.seg", rowGroupRows: 2_048, zstd: Zstd())
        let path = directory + "/s.seg"
        let reader = try SegmentReader(path: path, name: "s.seg")
        XCTAssertEqual(reader.footer.version, 2)
        let scratch = IntegerScratch()
        for group in 0..<3 {
            for column in 0..<3 {
                let recorded = reader.footer.rowGroups[group].blocks[column].decimalSum
                XCTAssertEqual(
                    recorded, try reader.decimalSum(rowGroup: group, column: column, excluding: [], zstd: Zstd(), scratch: scratch),
                    "row group \(group), column \(column)")
                try reader.checkRecordedDecimalSum(rowGroup: group, column: column, zstd: Zstd(), scratch: scratch)
            }
            XCTAssertNil(reader.footer.rowGroups[group].blocks[3].decimalSum, "not DOUBLE")
        }
        let blocks = reader.footer.rowGroups.map { $0.blocks.map { $0.decimalSum != nil } }
        XCTAssertEqual(blocks, [[true, true, false, false], [true, true, false, false], [true, false, true, false]])
        XCTAssertEqual(reader.footer.rowGroups[2].blocks[0].decimalSum?.scale, 3)

        var tampered = reader.footer
        tampered.rowGroups[1].blocks[0].decimalSum?.integerSum += 1
        let footer = tampered.serialized()
        var file = ByteWriter()
        let original = readFile(path)
        let footerLength = original.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: original.count - 16, as: UInt32.self)) }
        file.append(bytes: Array(original[0..<(original.count - SegmentFooter.trailerBytes - footerLength)]))
        file.append(bytes: footer)
        file.append(XXH64.hash(footer))
        file.append(UInt32(footer.count))
        file.append(UInt32(0))
        file.append(bytes: SegmentFooter.trailerMagic)
        writeFile(file.bytes, to: path)
        let reopened = try SegmentReader(path: path, name: "s.seg")
        try reopened.checkRecordedDecimalSum(rowGroup: 0, column: 0, zstd: Zstd(), scratch: scratch)
        XCTAssertThrowsError(try reopened.checkRecordedDecimalSum(rowGroup: 1, column: 0, zstd: Zstd(), scratch: scratch)) { error in
            XCTAssertTrue("\(error)".contains("s.seg") && "\(error)".contains("decimal sum"), "\(error)")
        }
    }

    /// A table of several segments and row groups, with deleted rows and NULLs: the store's sums add up to the
    /// live rows' integers, the cached answer is the same, and a segment of plain doubles makes it nil.
    func testStoreSumsLiveRowsOfEverySegmentAndRowGroup() throws {
        let directory = makeTemporaryDirectory(self)
        let schema = Schema([Field("spend", .double, nullable: true), Field("id", .int64)])
        let rows = SegmentWriter.defaultRowGroupRows + 5_000
        func batch(_ range: Range<Int>) -> Batch {
            let spend: [Double] = range.map { Double(($0 * 7_919) % 200_001 - 100_000) / 100 }
            return Batch(schema: schema, columns: [
                .double(PrimitiveColumn(values: range.map { $0 % 13 == 0 ? 0 : spend[$0 - range.lowerBound] },
                                        validity: range.map { $0 % 13 == 0 ? 0 : 1 })),
                .int64(PrimitiveColumn(values: range.map(Int64.init))),
            ])
        }
        do {
            let writer = try Store(directory: directory, mode: .write)
            let transaction = writer.begin()
            try transaction.ensureTable("t", schema: schema)
            try transaction.append(batch(0..<rows), to: "t")
            try transaction.append(batch(rows..<(rows + 3_000)), to: "t")
            try transaction.commit()
            let deleting = writer.begin()
            try deleting.delete(rows: [0, 1, 13, SegmentWriter.defaultRowGroupRows - 1, SegmentWriter.defaultRowGroupRows, rows - 1], segment: 0, of: "t")
            try deleting.delete(rows: Array(stride(from: 0, to: 3_000, by: 7)), segment: 1, of: "t")
            try deleting.commit()
        }
        let store = try Store(directory: directory, mode: .read)
        var exact: Int128 = 0
        var count = 0
        try store.scan("t", columns: ["spend"]) { batch in
            guard case .double(let spend) = batch.columns[0] else { return XCTFail("spend is DOUBLE") }
            for row in 0..<spend.count where !spend.isNull(row) {
                exact += Int128(Int64((spend.values[row] * 100).rounded()))
                count += 1
            }
        }
        let sums = try XCTUnwrap(try store.decimalSums("t", column: "spend"))
        XCTAssertEqual(sums.count, 3, "two row groups, then one")
        XCTAssertEqual(sums.map(\.scale), [2, 2, 2])
        XCTAssertEqual(sums.reduce(Int128(0)) { $0 + Int128($1.integerSum) }, exact)
        XCTAssertEqual(sums.reduce(0) { $0 + $1.count }, count)
        XCTAssertEqual(sums.reduce(0) { $0 + $1.rowCount }, try store.table("t").liveRowCount)
        XCTAssertEqual(try store.decimalSums("t", column: "spend"), sums, "the cached sums")
        XCTAssertNil(try store.decimalSums("t", column: "id"), "not DOUBLE")
        XCTAssertThrowsError(try store.decimalSums("t", column: "nope"))

        let writer = try Store(directory: directory, mode: .write)
        let transaction = writer.begin()
        try transaction.append(Batch(schema: schema, columns: [
            .double(PrimitiveColumn(values: [1.0 / 3.0])), .int64(PrimitiveColumn(values: [0])),
        ]), to: "t")
        try transaction.commit()
        XCTAssertNil(try Store(directory: directory, mode: .read).decimalSums("t", column: "spend"), "a block of plain doubles")
    }
}
