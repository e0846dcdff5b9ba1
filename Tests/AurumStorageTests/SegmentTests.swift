import AurumCore
import XCTest

@testable import AurumStorage

/// SegmentWriter, SegmentReader and SegmentFooter: the segment file as a whole.
final class SegmentTests: XCTestCase {
    private let zstd = Zstd()

    private func readAll(_ reader: SegmentReader) throws -> Batch {
        let columns = Array(reader.footer.schema.fields.indices)
        let groups = try reader.footer.rowGroups.indices.map { try reader.readRowGroup($0, columns: columns, zstd: zstd) }
        return Batch.concatenate(groups, schema: reader.footer.schema)
    }

    private func write(_ batch: Batch, rowGroupRows: Int = SegmentWriter.defaultRowGroupRows, name: String = "part.seg") throws -> (path: String, info: SegmentFileInfo) {
        let directory = makeTemporaryDirectory(self)
        let info = try SegmentWriter.write(batch, directory: directory, name: name, rowGroupRows: rowGroupRows, zstd: zstd)
        return (directory + "/" + name, info)
    }

    /// The zone map computed independently of ColumnStats: min/max by value (strings by UTF-8 bytes).
    private func expectedStats(_ column: Column) -> (min: Cell, max: Cell, nullCount: Int) {
        let present = cells(column).filter { $0 != .null }
        func less(_ left: Cell, _ right: Cell) -> Bool {
            switch (left, right) {
            case (.int64(let a), .int64(let b)): a < b
            case (.doubleBits(let a), .doubleBits(let b)): Double(bitPattern: a) < Double(bitPattern: b)
            case (.string(let a), .string(let b)): a.lexicographicallyPrecedes(b)
            case (.date(let a), .date(let b)): a < b
            case (.bool(let a), .bool(let b)): !a && b
            default: false
            }
        }
        guard var low = present.first, var high = present.first else { return (.null, .null, column.nullCount) }
        for cell in present {
            if less(cell, low) { low = cell }
            if less(high, cell) { high = cell }
        }
        if case .string(let a) = low, case .string(let b) = high, a.count > ColumnStats.maximumTextBytes || b.count > ColumnStats.maximumTextBytes {
            return (.null, .null, column.nullCount)
        }
        return (low, high, column.nullCount)
    }

    private func cell(_ value: Value) -> Cell {
        switch value {
        case .null: .null
        case .int64(let v): .int64(v)
        case .double(let v): .doubleBits(v.bitPattern)
        case .string(let v): .string(Array(v.utf8))
        case .date(let v): .date(v.days)
        case .bool(let v): .bool(v)
        }
    }

    func testRandomBatchesRoundTripWithCorrectZoneMaps() throws {
        var rng = SeededGenerator(seed: 1234)
        for round in 0..<40 {
            let rows = [0, 1, 2, 5, 16, 17, 100, 333][round % 8]
            let rowGroupRows = [1, 3, 7, 16, 64, 131_072][round % 6]
            let batch = RandomData.batch(RandomData.allTypesSchema, rows: rows, using: &rng)
            let (path, info) = try write(batch, rowGroupRows: rowGroupRows)
            let reader = try SegmentReader(path: path, name: "part.seg")
            XCTAssertEqual(reader.footer.schema, batch.schema)
            XCTAssertEqual(reader.footer.rowCount, rows)
            XCTAssertEqual(info.rowCount, rows)
            XCTAssertEqual(info.byteCount, reader.byteCount)
            XCTAssertEqual(info.footerChecksum.value, reader.footerChecksum)
            XCTAssertEqual(reader.footer.rowGroups.count, max(1, (rows + rowGroupRows - 1) / rowGroupRows), "round \(round)")
            assertSameBatch(try readAll(reader), batch, "round \(round)")
            var firstRow = 0
            for group in reader.footer.rowGroups {
                XCTAssertLessThanOrEqual(group.rowCount, rowGroupRows)
                let slice = batch.gather(Array(firstRow..<(firstRow + group.rowCount)))
                for (index, block) in group.blocks.enumerated() {
                    let expected = expectedStats(slice.columns[index])
                    XCTAssertEqual(cell(block.stats.min), expected.min, "round \(round) column \(index) min")
                    XCTAssertEqual(cell(block.stats.max), expected.max, "round \(round) column \(index) max")
                    XCTAssertEqual(block.stats.nullCount, expected.nullCount)
                }
                firstRow += group.rowCount
            }
        }
    }

    func testEveryTypeAloneAndAllNullColumns() throws {
        var rng = SeededGenerator(seed: 99)
        for type in DataType.allCases {
            for nullable in [false, true] {
                let schema = Schema([Field("only", type, nullable: nullable)])
                let batch = RandomData.batch(schema, rows: 70, using: &rng)
                let (path, _) = try write(batch, rowGroupRows: 32)
                assertSameBatch(try readAll(try SegmentReader(path: path, name: "part.seg")), batch, "\(type)")
            }
            let allNull: Column
            switch type {
            case .int64: allNull = .int64(PrimitiveColumn(values: [0, 0, 0], validity: [0, 0, 0]))
            case .double: allNull = .double(PrimitiveColumn(values: [0, 0, 0], validity: [0, 0, 0]))
            case .date: allNull = .date(PrimitiveColumn(values: [0, 0, 0], validity: [0, 0, 0]))
            case .bool: allNull = .bool(PrimitiveColumn(values: [0, 0, 0], validity: [0, 0, 0]))
            case .string: allNull = .string(StringColumn([nil, nil, nil]))
            }
            let batch = Batch(schema: Schema([Field("n", type, nullable: true)]), columns: [allNull])
            let (path, _) = try write(batch)
            let reader = try SegmentReader(path: path, name: "part.seg")
            XCTAssertEqual(reader.footer.rowGroups[0].blocks[0].stats, ColumnStats(min: .null, max: .null, nullCount: 3))
            assertSameBatch(try readAll(reader), batch)
        }
    }

    func testLongStringsHaveNoBounds() throws {
        let long = String(repeating: "y", count: ColumnStats.maximumTextBytes + 1)
        let batch = Batch(schema: Schema([Field("s", .string)]), columns: [.string(StringColumn(["a", long]))])
        let (path, _) = try write(batch)
        let reader = try SegmentReader(path: path, name: "part.seg")
        XCTAssertEqual(reader.footer.rowGroups[0].blocks[0].stats, ColumnStats(min: .null, max: .null, nullCount: 0))
        assertSameBatch(try readAll(reader), batch)
    }

    func testFileLayout() throws {
        var rng = SeededGenerator(seed: 5)
        let batch = RandomData.batch(RandomData.allTypesSchema, rows: 40, using: &rng)
        let (bytes, footerChecksum) = SegmentWriter.encode(batch, rowGroupRows: 16, zstd: zstd)
        XCTAssertEqual(Array(bytes[0..<8]), Array("AURUMSEG".utf8))
        XCTAssertEqual(Array(bytes[8..<16]), [2, 0, 0, 0, 0, 0, 0, 0], "version 2, reserved zeros")
        XCTAssertEqual(Array(bytes[(bytes.count - 8)...]), Array("AURUMEND".utf8))
        let trailer = Array(bytes[(bytes.count - 24)...])
        let storedChecksum = trailer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        let footerLength = trailer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) }
        XCTAssertEqual(Array(trailer[12..<16]), [0, 0, 0, 0])
        XCTAssertEqual(storedChecksum, footerChecksum)
        let footerStart = bytes.count - 24 - footerLength
        let footerBytes = Array(bytes[footerStart..<(bytes.count - 24)])
        XCTAssertEqual(XXH64.hash(footerBytes), footerChecksum)
        let footer = try footerBytes.withUnsafeBytes { try SegmentFooter.parse($0, file: "x") }
        XCTAssertEqual(footer.serialized(), footerBytes, "parse and serialize are inverses")
        XCTAssertEqual(footer.rowGroups.map(\.rowCount), [16, 16, 8])
        // Blocks lie back to back from byte 16 to the footer, row group by row group, column by column, each a
        // zstd frame whose XXH64 the footer holds.
        var expectedOffset = UInt64(16)
        for group in footer.rowGroups {
            for block in group.blocks {
                XCTAssertEqual(block.offset, expectedOffset)
                let stored = Array(bytes[Int(block.offset)..<(Int(block.offset) + Int(block.storedBytes))])
                XCTAssertEqual(XXH64.hash(stored), block.checksum)
                XCTAssertEqual(Array(stored[0..<4]), [0x28, 0xB5, 0x2F, 0xFD], "zstd frame magic")
                XCTAssertEqual(try stored.withUnsafeBytes { try zstd.decompress($0, expectedCount: Int(block.rawBytes), file: "x") }.count, Int(block.rawBytes))
                expectedOffset += UInt64(block.storedBytes)
            }
        }
        XCTAssertEqual(expectedOffset, UInt64(footerStart))
    }

    func testEmptyBatchAndEmptySchema() throws {
        let empty = Batch(empty: RandomData.allTypesSchema)
        let (path, _) = try write(empty)
        let reader = try SegmentReader(path: path, name: "part.seg")
        XCTAssertEqual(reader.footer.rowGroups.map(\.rowCount), [0])
        assertSameBatch(try readAll(reader), empty)
        let noColumns = Batch(schema: Schema([]), columns: [])
        let (noColumnsPath, _) = try write(noColumns, name: "none.seg")
        let noColumnsReader = try SegmentReader(path: noColumnsPath, name: "none.seg")
        XCTAssertEqual(noColumnsReader.footer.schema.count, 0)
        XCTAssertEqual(try readAll(noColumnsReader).rowCount, 0)
    }

    /// docs/segment-format.md's worked example, written in version 2: a footer 18 bytes longer (199) whose
    /// spend block records the decimal sum the document spells out.
    func testWorkedExampleInVersion2() throws {
        let schema = Schema([Field("day", .date), Field("spend", .double, nullable: true), Field("source", .string)])
        let batch = Batch(schema: schema, columns: [
            .date(PrimitiveColumn(values: [19_800, 19_801, 19_802])),
            .double(PrimitiveColumn(values: [12.5, 0, 7.25], validity: [1, 0, 1])),
            .string(StringColumn(["meta", "google", "meta"])),
        ])
        let (bytes, _) = SegmentWriter.encode(batch, zstd: zstd)
        let footerLength = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt32.self)) }
        XCTAssertEqual(footerLength, 199)
        let footer = try Array(bytes[(bytes.count - 24 - footerLength)..<(bytes.count - 24)]).withUnsafeBytes {
            try SegmentFooter.parse($0, file: "kpi")
        }
        XCTAssertEqual(
            footer.rowGroups[0].blocks[1].decimalSum,
            DecimalBlockSum(scale: 2, integerSum: 1_975, count: 2, rowCount: 3, integerMagnitudeBound: 1_784))
        // Spend's sum ends where source's block entry begins: 47 bytes (8 + 4 + 4 + 8 + 4 + 1, "google", "meta")
        // before the trailer.
        let spendEnd = bytes.count - 24 - 47
        XCTAssertEqual(Array(bytes[(spendEnd - 18)..<spendEnd]), [1, 2, 0xb7, 7, 0, 0, 0, 0, 0, 0, 0xf8, 6, 0, 0, 0, 0, 0, 0])
    }

    func testFooterRoundTrip() throws {
        let footer = SegmentFooter(
            schema: Schema([Field("a", .int64), Field("b", .string, nullable: true), Field("c", .date), Field("d", .bool), Field("e", .double)]),
            rowGroups: [
                RowGroupInfo(rowCount: 3, blocks: [
                    BlockInfo(offset: 16, storedBytes: 10, rawBytes: 20, checksum: 1, stats: ColumnStats(min: .int64(.min), max: .int64(.max), nullCount: 0)),
                    BlockInfo(offset: 26, storedBytes: 10, rawBytes: 20, checksum: 2, stats: ColumnStats(min: .string(""), max: .string("ü"), nullCount: 1)),
                    BlockInfo(offset: 36, storedBytes: 10, rawBytes: 20, checksum: 3, stats: ColumnStats(min: .date(Date32(days: -5)), max: .date(Date32(days: 9)), nullCount: 0)),
                    BlockInfo(offset: 46, storedBytes: 10, rawBytes: 20, checksum: 4, stats: ColumnStats(min: .bool(false), max: .bool(true), nullCount: 0)),
                    BlockInfo(offset: 56, storedBytes: 10, rawBytes: 20, checksum: .max, stats: ColumnStats(min: .double(-0.0), max: .double(1e300), nullCount: 0)),
                ]),
                RowGroupInfo(rowCount: 4, blocks: [
                    BlockInfo(offset: 66, storedBytes: 10, rawBytes: 20, checksum: 5, stats: ColumnStats(min: .int64(1), max: .int64(2), nullCount: 0)),
                    BlockInfo(offset: 76, storedBytes: 10, rawBytes: 20, checksum: 6, stats: ColumnStats(min: .null, max: .null, nullCount: 4)),
                    BlockInfo(offset: 86, storedBytes: 10, rawBytes: 20, checksum: 7, stats: ColumnStats(min: .date(Date32(days: 0)), max: .date(Date32(days: 0)), nullCount: 0)),
                    BlockInfo(offset: 96, storedBytes: 10, rawBytes: 20, checksum: 8, stats: ColumnStats(min: .bool(true), max: .bool(true), nullCount: 0)),
                    BlockInfo(
                        offset: 106, storedBytes: 10, rawBytes: 20, checksum: 9, stats: ColumnStats(min: .double(-1.5), max: .double(2.25), nullCount: 1),
                        decimalSum: DecimalBlockSum(scale: 2, integerSum: -12_345, count: 3, rowCount: 4, integerMagnitudeBound: 9_000)),
                ]),
            ])
        let bytes = footer.serialized()
        XCTAssertEqual(try bytes.withUnsafeBytes { try SegmentFooter.parse($0, file: "x") }, footer)
        // Version 1 has no decimal-sum flag after a DOUBLE block's bounds: the same bytes less those are a
        // version-1 footer, read with no sums.
        var flagless = footer
        flagless.version = 1
        for group in flagless.rowGroups.indices { flagless.rowGroups[group].blocks[4].decimalSum = nil }
        // The last 18 bytes are row group 2's flag, scale, sum and bound; row group 1's flag (0) comes before
        // row group 2's row count and its blocks (45, 29, 45, 45 and 45 bytes up to that last flag).
        let firstFlag = bytes.count - 18 - (45 + 29 + 45 + 45 + 45) - 4 - 1
        XCTAssertEqual(bytes[firstFlag], 0)
        var version1 = bytes
        version1.removeSubrange((bytes.count - 18)...)
        version1.remove(at: firstFlag)
        XCTAssertEqual(try version1.withUnsafeBytes { try SegmentFooter.parse($0, file: "x", version: 1) }, flagless)
        XCTAssertFalse(flagless.recordsDecimalSums)
        XCTAssertTrue(footer.recordsDecimalSums)
        for length in 0..<bytes.count {
            assertStorageError(naming: "f.seg") { try Array(bytes[0..<length]).withUnsafeBytes { try SegmentFooter.parse($0, file: "f.seg") } }
        }
        assertStorageError(naming: "f.seg") { try (bytes + [0]).withUnsafeBytes { try SegmentFooter.parse($0, file: "f.seg") } }
    }

    /// Every single-byte damage and every truncation of a segment is caught: no byte of the file is slack.
    func testEveryDamagedByteAndTruncationIsDetected() throws {
        var rng = SeededGenerator(seed: 2)
        let batch = RandomData.batch(RandomData.allTypesSchema, rows: 60, using: &rng)
        let (path, _) = try write(batch, rowGroupRows: 16, name: "damaged.seg")
        let original = readFile(path)
        let read = { try self.readAll(try SegmentReader(path: path, name: "damaged.seg")) }
        assertSameBatch(try read(), batch)
        for (what, damage) in [("bit flip", flipBit), ("inverted byte", invertByte)] {
            let report = checkDamage(
                original: original, path: path, name: "damaged.seg", offsets: offsets(coveringCount: original.count), what: what,
                damage: damage, read: read, isOriginal: { sameBatch($0, batch) })
            XCTAssertEqual(report.unnoticed, [], "\(what): bytes no check covers")
        }
        let truncated = checkDamage(
            original: original, path: path, name: "damaged.seg", offsets: Array(0..<original.count), what: "truncation",
            damage: truncate, read: read, isOriginal: { sameBatch($0, batch) })
        XCTAssertEqual(truncated.detected, original.count)
        let appended = checkDamage(
            original: original, path: path, name: "damaged.seg", offsets: [0, 1, 7, 8, 24, 100], what: "appended bytes",
            damage: { bytes, count in bytes + [UInt8](repeating: 0, count: count + 1) }, read: read, isOriginal: { sameBatch($0, batch) })
        XCTAssertEqual(appended.unnoticed, [])
    }

    func testVersionsAndMissingFiles() throws {
        let batch = Batch(schema: Schema([Field("a", .int64)]), columns: [.int64(PrimitiveColumn(values: [1, 2, 3]))])
        let (path, _) = try write(batch, name: "v.seg")
        var bytes = readFile(path)
        bytes[8] = 3
        writeFile(bytes, to: path)
        XCTAssertEqual(assertStorageError(naming: "v.seg") { try SegmentReader(path: path, name: "v.seg") }, .unsupportedVersion(file: "v.seg", version: 3))
        // A table without DOUBLE columns has the same footer in versions 1 and 2: the file read as version 1.
        bytes[8] = 1
        writeFile(bytes, to: path)
        XCTAssertEqual(try SegmentReader(path: path, name: "v.seg").footer.version, 1)
        assertSameBatch(try readAll(try SegmentReader(path: path, name: "v.seg")), batch)
        bytes[8] = 0
        writeFile(bytes, to: path)
        assertStorageError(naming: "v.seg") { try SegmentReader(path: path, name: "v.seg") }
        XCTAssertEqual(
            assertStorageError(naming: "nothing.seg") { try SegmentReader(path: path + ".missing", name: "nothing.seg") },
            .missingFile(file: "nothing.seg"))
        writeFile(Array("not a segment at all, just some text that is long enough".utf8), to: path)
        assertStorageError(naming: "v.seg") { try SegmentReader(path: path, name: "v.seg") }
    }

    /// Rewrites the footer of a segment (with a valid checksum), as a buggy or hostile writer would.
    private func withFooter(_ bytes: [UInt8], _ change: (inout SegmentFooter) -> Void) throws -> [UInt8] {
        let footerLength = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt32.self))) }
        let footerStart = bytes.count - 24 - footerLength
        var footer = try Array(bytes[footerStart..<(bytes.count - 24)]).withUnsafeBytes { try SegmentFooter.parse($0, file: "x") }
        change(&footer)
        let serialized = footer.serialized()
        var writer = ByteWriter()
        writer.append(bytes: Array(bytes[0..<footerStart]))
        writer.append(bytes: serialized)
        writer.append(XXH64.hash(serialized))
        writer.append(UInt32(serialized.count))
        writer.append(UInt32(0))
        writer.append(bytes: SegmentFooter.trailerMagic)
        return writer.bytes
    }

    func testFootersThatContradictTheirBlocksAreRefused() throws {
        let batch = Batch(
            schema: Schema([Field("a", .int64, nullable: true)]), columns: [.int64(PrimitiveColumn(values: [1, 0, 3], validity: [1, 0, 1]))])
        let (path, _) = try write(batch, name: "lie.seg")
        let original = readFile(path)
        let read = { try self.readAll(try SegmentReader(path: path, name: "lie.seg")) }
        let lies: [(String, (inout SegmentFooter) -> Void)] = [
            ("NOT NULL column holding NULL", { $0.schema.fields[0].nullable = false }),
            ("null count", { $0.rowGroups[0].blocks[0].stats.nullCount = 0 }),
            ("row count", { $0.rowGroups[0].rowCount = 4 }),
            ("type", { $0.schema.fields[0].type = .double }),
            ("offset before the data", { $0.rowGroups[0].blocks[0].offset = 3 }),
            ("offset past the end", { $0.rowGroups[0].blocks[0].offset = UInt64.max - 2 }),
            ("stored size", { $0.rowGroups[0].blocks[0].storedBytes = UInt32.max }),
            ("raw size", { $0.rowGroups[0].blocks[0].rawBytes += 1 }),
            ("checksum", { $0.rowGroups[0].blocks[0].checksum ^= 1 }),
        ]
        for (what, lie) in lies {
            writeFile(try withFooter(original, lie), to: path)
            assertStorageError(naming: "lie.seg", what) { try read() }
        }
        writeFile(try withFooter(original, { _ in }), to: path)
        assertSameBatch(try read(), batch)
    }
}
