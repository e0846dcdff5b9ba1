import AurumCore
import XCTest

@testable import AurumStorage

final class TransactionTests: XCTestCase {
    private func ids(_ directory: String, _ table: String = "kpi") throws -> [Int] {
        Rows.ids(try Store(directory: directory, mode: .read).readAll(table))
    }

    private func files(_ directory: String, _ table: String = "kpi") -> [String] {
        FileIO.list(directory + "/tables/" + table)
    }

    func testAppendsReadBackInOrderAcrossSegmentsAndTransactions() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        var expected: [Int] = []
        var rng = SeededGenerator(seed: 6)
        for round in 0..<6 {
            let transaction = store.begin()
            transaction.segmentRows = [1, 7, 50, 1 << 20][round % 4]
            try transaction.ensureTable("kpi", schema: Rows.schema)
            let count = Int(rng.next() % 120)
            let batch = Rows.batch(expected.count..<(expected.count + count))
            try transaction.append(batch, to: "kpi")
            try transaction.append(Batch(empty: Rows.schema), to: "kpi")
            expected += Rows.ids(batch)
            try transaction.commit()
            XCTAssertEqual(store.manifest.generation, UInt64(round + 1))
            let read = try Store(directory: directory, mode: .read).readAll("kpi")
            assertSameBatch(read, Rows.batch(expected), "round \(round)")
        }
        let segments = try Store(directory: directory, mode: .read).table("kpi").segments
        XCTAssertEqual(Set(segments.map(\.segment.file)).count, segments.count, "file names never repeat")
        XCTAssertEqual(Set(files(directory)), Set(segments.map { String($0.segment.file.split(separator: "/").last!) }), "no stray files")
    }

    func testChangesAreInvisibleUntilCommit() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        XCTAssertEqual(try Store(directory: directory, mode: .read).manifest, Manifest(), "a new store is empty, not missing")
        try store.begin().commit()
        let transaction = store.begin()
        try transaction.ensureTable("kpi", schema: Rows.schema)
        try transaction.append(Rows.batch(0..<10), to: "kpi")
        XCTAssertEqual(try Store(directory: directory, mode: .read).manifest.tables, [:], "not visible before commit")
        XCTAssertTrue(store.manifest.tables.isEmpty)
        try transaction.commit()
        XCTAssertEqual(try ids(directory), Array(0..<10))
    }

    func testDeletedRowsAreSkippedAndAccumulate() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        let create = store.begin()
        create.segmentRows = 10
        try create.ensureTable("kpi", schema: Rows.schema)
        try create.append(Rows.batch(0..<30), to: "kpi")
        try create.commit()
        let first = store.begin()
        try first.delete(rows: [0, 9], segment: 0, of: "kpi")
        try first.delete(rows: [3], segment: 0, of: "kpi")  // twice in one transaction: the union
        try first.delete(rows: [], segment: 1, of: "kpi")
        try first.delete(rows: Array(0..<10), segment: 2, of: "kpi")
        try first.commit()
        XCTAssertEqual(try ids(directory), (0..<20).filter { ![0, 3, 9].contains($0) })
        let second = store.begin()
        try second.delete(rows: [3, 4], segment: 0, of: "kpi")  // 3 again: deleting twice is deleting once
        try second.commit()
        XCTAssertEqual(try ids(directory), (0..<20).filter { ![0, 3, 4, 9].contains($0) })
        let table = try Store(directory: directory, mode: .read).table("kpi")
        XCTAssertEqual(table.segments.map { $0.deletes?.count ?? 0 }, [4, 0, 10])
        XCTAssertEqual(table.liveRowCount, 16)
        XCTAssertEqual(files(directory).filter { $0.hasSuffix(".del") }.count, 2, "superseded delete files are collected")
    }

    func testCompactKeepsOrderAndLiveRows() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        let create = store.begin()
        create.segmentRows = 10
        try create.ensureTable("kpi", schema: Rows.schema)
        try create.append(Rows.batch(0..<95), to: "kpi")
        try create.commit()
        let deleting = store.begin()
        try deleting.delete(rows: [1, 2, 3], segment: 0, of: "kpi")  // 30% deleted: rewritten
        try deleting.delete(rows: Array(0..<10), segment: 4, of: "kpi")  // all deleted: dropped
        try deleting.delete(rows: [4], segment: 9, of: "kpi")  // 20%: kept as it is
        try deleting.commit()
        let expected = try ids(directory)
        XCTAssertEqual(expected, (0..<95).filter { ![1, 2, 3].contains($0) && !(40..<50).contains($0) && $0 != 94 })
        let compact = store.begin()
        compact.segmentRows = 35
        try compact.compact("kpi")
        try compact.commit()
        XCTAssertEqual(try ids(directory), expected)
        assertSameBatch(try Store(directory: directory, mode: .read).readAll("kpi"), Rows.batch(expected))
        let segments = try Store(directory: directory, mode: .read).table("kpi").segments
        XCTAssertEqual(segments.count, 9)
        XCTAssertEqual(segments.map(\.segment.rowCount), [7, 10, 10, 10, 10, 10, 10, 10, 5])
        XCTAssertEqual(segments.map { $0.deletes?.count ?? 0 }, [0, 0, 0, 0, 0, 0, 0, 0, 1])
        XCTAssertEqual(files(directory).count, segments.count + 1, "compacted-away files are collected")
        // A second compaction finds nothing to do and changes nothing.
        let again = store.begin()
        again.segmentRows = 35
        try again.compact("kpi")
        XCTAssertEqual(again.manifest.tables, store.manifest.tables)
    }

    func testCompactingAfterEverySmallAppendKeepsFewSegments() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        var expected: [Int] = []
        for day in 0..<64 {
            let transaction = store.begin()
            try transaction.ensureTable("kpi", schema: Rows.schema)
            let batch = Rows.batch((day * 3)..<(day * 3 + 3))
            try transaction.append(batch, to: "kpi")
            expected += Rows.ids(batch)
            try transaction.compact("kpi")
            try transaction.commit()
        }
        XCTAssertEqual(try ids(directory), expected)
        let segments = store.manifest.tables["kpi"]!.segments
        XCTAssertLessThanOrEqual(segments.count, 2 * 8, "logarithmic in 64 appends, not one segment per append")
        XCTAssertEqual(files(directory).count, segments.count)
    }

    func testCompactRewritesALoneHoledSegmentAndDropsEmptyOnes() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        let create = store.begin()
        try create.ensureTable("kpi", schema: Rows.schema)
        try create.append(Rows.batch(0..<100), to: "kpi")
        try create.commit()
        let deleting = store.begin()
        try deleting.delete(rows: Array(0..<19), segment: 0, of: "kpi")  // 19% deleted: not worth rewriting
        try deleting.commit()
        let mild = store.begin()
        try mild.compact("kpi")
        XCTAssertEqual(mild.manifest.tables["kpi"]?.segments, store.manifest.tables["kpi"]?.segments)
        let more = store.begin()
        try more.delete(rows: [50, 51], segment: 0, of: "kpi")
        try more.compact("kpi")
        try more.commit()
        XCTAssertEqual(try ids(directory), (19..<100).filter { $0 != 50 && $0 != 51 })
        XCTAssertNil(store.manifest.tables["kpi"]?.segments[0].deletes)
        let everything = store.begin()
        try everything.delete(rows: Array(0..<79), segment: 0, of: "kpi")
        try everything.compact("kpi")
        try everything.commit()
        XCTAssertEqual(store.manifest.tables["kpi"]?.segments, [])
        XCTAssertEqual(try ids(directory), [])
        XCTAssertEqual(files(directory), [])
    }

    func testCompactionKeepsTheExactBytesOfEveryString() throws {
        // "Café" precomposed and decomposed are canonically equivalent (Swift's == says equal) but different data.
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        let schema = Schema([Field("name", .string)])
        let transaction = store.begin()
        try transaction.ensureTable("names", schema: schema)
        try transaction.append(Batch(schema: schema, columns: [.string(StringColumn(dictionary: ["Caf\u{E9}"], codes: [0]))]), to: "names")
        try transaction.append(Batch(schema: schema, columns: [.string(StringColumn(dictionary: ["Cafe\u{301}"], codes: [0]))]), to: "names")
        try transaction.commit()
        let expected: [[UInt8]] = [Array("Caf\u{E9}".utf8), Array("Cafe\u{301}".utf8)]
        func stored() throws -> [[UInt8]] {
            guard case .string(let column) = try Store(directory: directory, mode: .read).readAll("names").columns[0] else { return [] }
            return (0..<column.count).map { Array(column[$0]!.utf8) }
        }
        XCTAssertEqual(try stored(), expected)
        let compact = store.begin()
        try compact.compact("names")
        try compact.commit()
        XCTAssertEqual(try stored(), expected)
    }

    func testReplace() throws {
        let directory = makeTemporaryDirectory(self)
        let store = try Store(directory: directory, mode: .write)
        let create = store.begin()
        try create.ensureTable("kpi", schema: Rows.schema)
        try create.append(Rows.batch(0..<50), to: "kpi")
        try create.commit()
        let replace = store.begin()
        try replace.replace("kpi", with: Rows.batch(500..<520))
        try replace.commit()
        XCTAssertEqual(try ids(directory), Array(500..<520))
        let empty = store.begin()
        try empty.replace("kpi", with: Batch(empty: Rows.schema))
        try empty.commit()
        XCTAssertEqual(try ids(directory), [])
        XCTAssertEqual(files(directory), [])
        XCTAssertEqual(assertStorageError(naming: "other") { try store.begin().replace("other", with: Rows.batch(0..<1)) }, .unknownTable(name: "other"))
        XCTAssertEqual(assertStorageError(naming: "other") { try store.begin().append(Rows.batch(0..<1), to: "other") }, .unknownTable(name: "other"))
        XCTAssertThrowsError(try store.begin().ensureTable("kpi", schema: Schema([Field("id", .int64)])))
        XCTAssertNoThrow(try store.begin().ensureTable("kpi", schema: Rows.schema))
    }

    func testPropertiesAndBlobsPersist() throws {
        let directory = makeTemporaryDirectory(self)
        do {
            let store = try Store(directory: directory, mode: .write)
            let transaction = store.begin()
            transaction.properties["watermark"] = "2024-06-30"
            transaction.properties["note"] = "multi\nline ünï \"q\""
            try transaction.putBlobs([PackBlob(key: UInt64.max, bytes: [1, 2, 3])])
            try transaction.putBlobs([])
            try transaction.commit()
            let second = store.begin()
            second.properties["watermark"] = "2024-07-07"
            try second.putBlobs([PackBlob(key: 5, bytes: [])])
            try second.commit()
        }
        let store = try Store(directory: directory, mode: .read)
        XCTAssertEqual(store.manifest.properties, ["watermark": "2024-07-07", "note": "multi\nline ünï \"q\""])
        var blobs: [(UInt64, [UInt8])] = []
        try store.readBlobs { blobs.append(($0, Array($1))) }
        XCTAssertEqual(blobs.map(\.0), [UInt64.max, 5])
        XCTAssertEqual(blobs.map(\.1), [[1, 2, 3], []])
        XCTAssertEqual(try Store(directory: directory, mode: .write).manifest.properties["watermark"], "2024-07-07")
    }

    func testAnUncommittedTransactionLeavesThePreviousSnapshotAndItsFilesAreCollected() throws {
        let directory = makeTemporaryDirectory(self)
        do {
            let store = try Store(directory: directory, mode: .write)
            let create = store.begin()
            try create.ensureTable("kpi", schema: Rows.schema)
            try create.append(Rows.batch(0..<20), to: "kpi")
            try create.commit()
        }
        let committedFiles = files(directory)
        do {
            // A writer that dies before commit: its files are on disk, and a MANIFEST.tmp half written.
            let store = try Store(directory: directory, mode: .write)
            let abandoned = store.begin()
            abandoned.segmentRows = 5
            try abandoned.append(Rows.batch(100..<120), to: "kpi")
            try abandoned.delete(rows: [0], segment: 0, of: "kpi")
            try abandoned.putBlobs([PackBlob(key: 1, bytes: [1])])
            try abandoned.replace("kpi", with: Rows.batch(200..<210))
            writeFile(Array("AURUM-MANIFEST 1\n{\"gener".utf8), to: directory + "/MANIFEST.tmp")
            writeFile([1, 2, 3], to: directory + "/tables/kpi/00000009-0001.seg.tmp")
        }
        XCTAssertGreaterThan(files(directory).count, committedFiles.count)
        XCTAssertFalse(FileIO.list(directory + "/blobs").isEmpty)
        XCTAssertEqual(try ids(directory), Array(0..<20), "readers see the previous snapshot")
        _ = try Store(directory: directory, mode: .write)
        XCTAssertEqual(files(directory), committedFiles, "the next writer removes the abandoned files")
        XCTAssertEqual(FileIO.list(directory + "/blobs"), [])
        XCTAssertFalse(FileIO.exists(directory + "/MANIFEST.tmp"))
        XCTAssertEqual(try ids(directory), Array(0..<20))
    }

    func testAReaderKeepsItsFilesUntilItCloses() throws {
        let directory = makeTemporaryDirectory(self)
        let writer = try Store(directory: directory, mode: .write)
        let create = writer.begin()
        create.segmentRows = 10
        try create.ensureTable("kpi", schema: Rows.schema)
        try create.append(Rows.batch(0..<30), to: "kpi")
        try create.putBlobs([PackBlob(key: 1, bytes: [7])])
        try create.commit()
        var reader: Store? = try Store(directory: directory, mode: .read)
        let oldFiles = Set(files(directory))
        let replace = writer.begin()
        try replace.replace("kpi", with: Rows.batch(100..<105))
        try replace.commit()
        // The reader's snapshot is intact: its segments were not collected while it held READERS.
        XCTAssertTrue(oldFiles.isSubset(of: Set(files(directory))))
        XCTAssertEqual(Rows.ids(try reader!.readAll("kpi")), Array(0..<30))
        XCTAssertEqual(try ids(directory), Array(100..<105), "a new reader sees the new snapshot")
        reader = nil
        let next = writer.begin()
        try next.putBlobs([PackBlob(key: 2, bytes: [8])])
        try next.commit()
        XCTAssertTrue(Set(files(directory)).isDisjoint(with: oldFiles), "collected once the reader is gone")
        XCTAssertEqual(try ids(directory), Array(100..<105))
        var blobs: [UInt64] = []
        try Store(directory: directory, mode: .read).readBlobs { key, _ in blobs.append(key) }
        XCTAssertEqual(blobs, [1, 2])
    }
}
