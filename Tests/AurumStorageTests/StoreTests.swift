import AurumCore
import XCTest

@testable import AurumStorage

/// Rows whose every value derives from `id`, so a test can say which rows it expects by their ids.
enum Rows {
    static let schema = Schema([
        Field("id", .int64), Field("campaign", .string, nullable: true), Field("spend", .double, nullable: true),
        Field("day", .date), Field("active", .bool),
    ])

    static func batch(_ ids: [Int]) -> Batch {
        Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: ids.map { Int64($0) })),
            .string(StringColumn(ids.map { $0 % 7 == 0 ? nil : "campaign \($0 % 5) ünï" })),
            .double(PrimitiveColumn(values: ids.map { $0 % 11 == 0 ? 0 : Double($0 % 1000) / 100 }, validity: ids.map { $0 % 11 == 0 ? 0 : 1 })),
            .date(PrimitiveColumn(values: ids.map { Int32(19_000 + $0 % 400) })),
            .bool(PrimitiveColumn(values: ids.map { UInt8($0 % 2) })),
        ])
    }

    static func batch(_ ids: Range<Int>) -> Batch { batch(Array(ids)) }

    static func ids(_ batch: Batch) -> [Int] {
        guard case .int64(let column) = batch.columns[batch.schema.index(of: "id")!] else { return [] }
        return column.values.map { Int($0) }
    }
}

/// The store most storage tests read: table `kpi` of 100 ``Rows`` in segments of 40, 40 and 20 rows (a row group
/// each), rows 0, 5 and 39 of the first and 19 of the third deleted; an empty table, three blobs and a property.
func makeSampleStore(_ directory: String) throws {
    let store = try Store(directory: directory, mode: .write)
    let transaction = store.begin()
    transaction.segmentRows = 40
    try transaction.ensureTable("kpi", schema: Rows.schema)
    try transaction.append(Rows.batch(0..<100), to: "kpi")
    try transaction.ensureTable("empty", schema: Schema([Field("x", .int64)]))
    try transaction.putBlobs([PackBlob(key: 1, bytes: Array("page one".utf8)), PackBlob(key: 2, bytes: []), PackBlob(key: 3, bytes: Array(repeating: 65, count: 5000))])
    transaction.properties["watermark"] = "2024-06-30"
    try transaction.commit()
    let deleting = store.begin()
    try deleting.delete(rows: [0, 5, 39], segment: 0, of: "kpi")
    try deleting.delete(rows: [19], segment: 2, of: "kpi")
    try deleting.commit()
}

final class StoreTests: XCTestCase {
    /// Everything a reader can see, as one comparable value.
    private struct Snapshot: Equatable {
        var kpiIDs: [Int]
        var kpiCells: [[Cell]]
        var emptyRows: Int
        var blobs: [UInt64: [UInt8]]
        var blobOrder: [UInt64]
        var properties: [String: String]
    }

    private func snapshot(_ directory: String) throws -> Snapshot {
        let store = try Store(directory: directory, mode: .read)
        let kpi = try store.readAll("kpi")
        var blobs: [UInt64: [UInt8]] = [:]
        var order: [UInt64] = []
        try store.readBlobs { key, bytes in
            blobs[key] = Array(bytes)
            order.append(key)
        }
        return Snapshot(
            kpiIDs: Rows.ids(kpi), kpiCells: kpi.columns.map(cells), emptyRows: try store.readAll("empty").rowCount, blobs: blobs,
            blobOrder: order, properties: store.manifest.properties)
    }

    func testReadBack() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let snapshot = try snapshot(directory)
        let expectedIDs = (0..<100).filter { ![0, 5, 39, 99].contains($0) }
        XCTAssertEqual(snapshot.kpiIDs, expectedIDs)
        XCTAssertEqual(snapshot.kpiCells, Rows.batch(expectedIDs).columns.map(cells))
        XCTAssertEqual(snapshot.emptyRows, 0)
        XCTAssertEqual(snapshot.blobOrder, [1, 2, 3])
        XCTAssertEqual(snapshot.blobs[1], Array("page one".utf8))
        XCTAssertEqual(snapshot.blobs[2], [])
        XCTAssertEqual(snapshot.properties, ["watermark": "2024-06-30"])
        let store = try Store(directory: directory, mode: .read)
        XCTAssertEqual(store.tableNames, ["empty", "kpi"])
        XCTAssertEqual(try store.table("kpi").liveRowCount, 96)
        // Projection, by any case, in the order asked.
        let projected = try store.readAll("kpi", columns: ["SPEND", "id"])
        XCTAssertEqual(projected.schema.names, ["spend", "id"])
        XCTAssertEqual(Rows.ids(projected), expectedIDs)
        XCTAssertEqual(assertStorageError(naming: "cost") { try store.readAll("kpi", columns: ["cost"]) }, .unknownColumn(table: "kpi", column: "cost"))
        XCTAssertEqual(assertStorageError(naming: "nope") { try store.readAll("nope") }, .unknownTable(name: "nope"))
    }

    func testScanChunksReportsDeletedRowsAndSegments() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let store = try Store(directory: directory, mode: .read)
        var seen: [(segment: Int, firstRow: Int, rows: Int, deleted: [Int])] = []
        try store.scanChunks("kpi", columns: ["id"]) { chunk in
            let deleted = chunk.live.map { live in live.indices.filter { !live[$0] } } ?? []
            seen.append((chunk.segmentIndex, chunk.firstRow, chunk.batch.rowCount, deleted))
            XCTAssertEqual(Rows.ids(chunk.liveBatch).count, chunk.batch.rowCount - deleted.count)
        }
        XCTAssertEqual(seen.map(\.segment), [0, 1, 2])
        XCTAssertEqual(seen.map(\.firstRow), [0, 0, 0])
        XCTAssertEqual(seen.map(\.rows), [40, 40, 20])
        XCTAssertEqual(seen.map(\.deleted), [[0, 5, 39], [], [19]])
        var visited: [Int] = []
        try store.scanChunks("kpi", where: { $0.footer.rowCount == 40 }) { visited.append($0.segmentIndex) }
        XCTAssertEqual(visited, [0, 1], "the third segment (20 rows) is skipped")
    }

    /// A store opened for reading ties every block of a text column to one shared dictionary (cached or not), so
    /// equal text has one shared code in all of them; each column has its own. A writer's scans tie nothing,
    /// unless it asks (Gold's full build, grouping the Silver it has just written).
    func testScannedTextSharesOneDictionaryPerColumn() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let schema = Schema([Field("a", .string), Field("b", .string, nullable: true)])
        let setup = try Store(directory: directory, mode: .write)
        let transaction = setup.begin()
        transaction.segmentRows = 30
        try transaction.ensureTable("texts", schema: schema)
        try transaction.append(Batch(schema: schema, columns: [
            .string(StringColumn((0..<100).map { "a\($0 % 13)" })), .string(StringColumn((0..<100).map { $0 % 3 == 0 ? nil : "b\($0 % 4)" })),
        ]), to: "texts")
        try transaction.commit()
        for cacheBytes in [0, 1 << 20] {
            let store = try Store(directory: directory, mode: .read, cacheBytes: cacheBytes)
            for _ in 0..<2 {  // the second scan hits the cache, when there is one
                var dictionaries: [[ObjectIdentifier]] = [[], []]
                var codeOfText: [[String: UInt32]] = [[:], [:]]
                try store.scan("texts") { batch in
                    for column in 0..<2 {
                        guard case .string(let text) = batch.columns[column], let shared = text.shared else { return XCTFail("shared codes") }
                        dictionaries[column].append(ObjectIdentifier(shared.dictionary))
                        let codes = shared.codes(of: text.dictionary)
                        for (entry, value) in text.dictionary.enumerated() {
                            XCTAssertEqual(codeOfText[column][value, default: codes[entry]], codes[entry], "one code for \(value)")
                            codeOfText[column][value] = codes[entry]
                        }
                    }
                }
                XCTAssertEqual(dictionaries[0].count, 4)
                XCTAssertEqual(Set(dictionaries[0]).count, 1, "one dictionary for every block of a")
                XCTAssertEqual(Set(dictionaries[1]).count, 1)
                XCTAssertNotEqual(dictionaries[0][0], dictionaries[1][0], "a and b have their own")
                XCTAssertEqual(codeOfText[0].count, 13)
                XCTAssertEqual(Set(codeOfText[0].values).count, 13, "distinct text, distinct codes")
                XCTAssertEqual(codeOfText[1].count, 4)
            }
        }
        try setup.scan("texts") { batch in
            guard case .string(let text) = batch.columns[0] else { return XCTFail("text") }
            XCTAssertNil(text.shared)
        }
        setup.sharesDictionaries = true
        var writerDictionaries = Set<ObjectIdentifier>()
        try setup.scan("texts") { batch in
            guard case .string(let text) = batch.columns[0], let shared = text.shared else { return XCTFail("shared codes") }
            writerDictionaries.insert(ObjectIdentifier(shared.dictionary))
        }
        XCTAssertEqual(writerDictionaries.count, 1, "one dictionary for every block of a, in the writer too")
    }

    func testMultipleRowGroupsPerSegment() throws {
        let directory = makeTemporaryDirectory(self)
        let rows = SegmentWriter.defaultRowGroupRows * 2 + 10
        let store = try Store(directory: directory, mode: .write)
        let schema = Schema([Field("id", .int64)])
        let transaction = store.begin()
        try transaction.ensureTable("big", schema: schema)
        try transaction.append(Batch(schema: schema, columns: [.int64(PrimitiveColumn(values: (0..<rows).map { Int64($0) }))]), to: "big")
        try transaction.commit()
        let boundary = SegmentWriter.defaultRowGroupRows
        let deleted = [0, boundary - 1, boundary, boundary + 1, rows - 1]
        let deleting = store.begin()
        try deleting.delete(rows: deleted, segment: 0, of: "big")
        try deleting.commit()
        var firstRows: [Int] = []
        var ids: [Int64] = []
        try store.scanChunks("big") { chunk in
            firstRows.append(chunk.firstRow)
            guard case .int64(let column) = chunk.liveBatch.columns[0] else { return }
            ids.append(contentsOf: column.values)
        }
        XCTAssertEqual(firstRows, [0, boundary, 2 * boundary])
        XCTAssertEqual(ids, (0..<rows).filter { !deleted.contains($0) }.map { Int64($0) })
    }

    func testOpeningWithoutAStore() throws {
        let directory = makeTemporaryDirectory(self)
        XCTAssertEqual(
            assertStorageError(naming: directory + "/missing") { try Store(directory: directory + "/missing", mode: .read) },
            .noStore(directory: directory + "/missing"))
        XCTAssertEqual(assertStorageError(naming: directory) { try Store(directory: directory, mode: .read) }, .noStore(directory: directory))
        XCTAssertFalse(FileIO.exists(directory + "/missing"), "a reader creates nothing")
        // A writer creates the store.
        let created = try Store(directory: directory + "/new/nested", mode: .write)
        try created.begin().commit()
        XCTAssertEqual(try Store(directory: directory + "/new/nested", mode: .read).manifest.generation, 1)
    }

    func testALostManifestIsRefusedNotTreatedAsAnEmptyStore() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let files = FileIO.list(directory + "/tables/kpi")
        unlink(directory + "/MANIFEST")
        XCTAssertThrowsError(try Store(directory: directory, mode: .write)) { error in
            guard case StorageError.manifestMissing = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("no MANIFEST"))
        }
        XCTAssertEqual(FileIO.list(directory + "/tables/kpi"), files, "nothing may be deleted")
    }

    func testLeftoversOfAFirstTransactionThatNeverCommittedAreCleanedUp() throws {
        let directory = makeTemporaryDirectory(self)
        do {
            let store = try Store(directory: directory, mode: .write)
            let transaction = store.begin()
            try transaction.ensureTable("kpi", schema: Rows.schema)
            try transaction.append(Rows.batch(0..<10), to: "kpi")  // written but never committed: a crash
        }
        XCTAssertFalse(FileIO.list(directory + "/tables/kpi").isEmpty)
        XCTAssertTrue(FileIO.exists(directory + "/MANIFEST"), "a new store writes its empty manifest first")
        let store = try Store(directory: directory, mode: .write)
        XCTAssertTrue(store.manifest.tables.isEmpty)
        XCTAssertEqual(FileIO.list(directory + "/tables/kpi"), [])
    }

    func testOneWriterAtATime() throws {
        let directory = makeTemporaryDirectory(self)
        var first: Store? = try Store(directory: directory, mode: .write)
        XCTAssertEqual(assertStorageError(naming: directory) { try Store(directory: directory, mode: .write) }, .locked(directory: directory))
        // Readers are not blocked by the writer.
        try first?.begin().commit()
        XCTAssertNoThrow(try Store(directory: directory, mode: .read))
        first = nil
        XCTAssertNoThrow(try Store(directory: directory, mode: .write))
    }

    func testFailedOpensReleaseTheirLocks() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let manifestPath = directory + "/" + Manifest.fileName
        let good = readFile(manifestPath)
        writeFile(Array(good.dropLast(3)), to: manifestPath)
        for _ in 0..<3 {
            assertStorageError(naming: "MANIFEST") { try Store(directory: directory, mode: .write) }
            assertStorageError(naming: "MANIFEST") { try Store(directory: directory, mode: .read) }
        }
        writeFile(good, to: manifestPath)
        // The failed writer must not still hold LOCK, nor the failed readers READERS (which would stop every
        // collection in this process).
        let store = try Store(directory: directory, mode: .write)
        let oldFiles = Set(FileIO.list(directory + "/tables/kpi"))
        let transaction = store.begin()
        try transaction.replace("kpi", with: Rows.batch(0..<3))
        try transaction.commit()
        XCTAssertTrue(Set(FileIO.list(directory + "/tables/kpi")).isDisjoint(with: oldFiles), "replaced files are collected")
    }

    func testMissingFilesAreNamed() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let manifest = try Store(directory: directory, mode: .read).manifest
        let segment = manifest.tables["kpi"]!.segments[1].segment.file
        let deletes = manifest.tables["kpi"]!.segments[0].deletes!.file
        let pack = manifest.blobPacks[0].file
        for file in [segment, deletes, pack] {
            let bytes = readFile(directory + "/" + file)
            FileIO.remove(directory + "/" + file)
            let error = assertStorageError(naming: file) { try self.snapshot(directory) }
            if case .missingFile = error {} else { XCTFail("\(String(describing: error))") }
            writeFile(bytes, to: directory + "/" + file)
        }
        XCTAssertNoThrow(try snapshot(directory))
    }

    /// Damage to any byte of any file a snapshot uses — manifest, segment, delete file, blob pack — is reported as
    /// a StorageError naming that file, or (where no check covers the byte) changes nothing that is read.
    func testEveryDamagedByteOfEveryFileIsDetected() throws {
        let directory = makeTemporaryDirectory(self)
        try makeSampleStore(directory)
        let expected = try snapshot(directory)
        let manifest = try Store(directory: directory, mode: .read).manifest
        var files = [Manifest.fileName]
        for entry in manifest.tables["kpi"]!.segments {
            files.append(entry.segment.file)
            if let deletes = entry.deletes { files.append(deletes.file) }
        }
        files += manifest.blobPacks.map(\.file)
        XCTAssertEqual(files.count, 1 + 3 + 2 + 1)
        for file in files {
            let path = directory + "/" + file
            let original = readFile(path)
            let read = { try self.snapshot(directory) }
            var unnoticed: [Int] = []
            for (what, damage) in [("bit flip", flipBit), ("inverted byte", invertByte)] {
                unnoticed += checkDamage(
                    original: original, path: path, name: file, offsets: offsets(coveringCount: original.count, maximum: 2500), what: what,
                    damage: damage, read: read, isOriginal: { $0 == expected }
                ).unnoticed
            }
            XCTAssertEqual(unnoticed, [], "\(file): damage nothing noticed")
            let truncated = checkDamage(
                original: original, path: path, name: file, offsets: offsets(coveringCount: original.count, maximum: 2500),
                what: "truncation", damage: truncate, read: read, isOriginal: { $0 == expected })
            XCTAssertEqual(truncated.unnoticed, [], "\(file): truncation nothing noticed")
            XCTAssertEqual(try snapshot(directory), expected)
        }
    }

    func testASwappedFileIsRefused() throws {
        // Two stores with the same history produce same-named files; a file copied from the other store has a
        // valid checksum of its own but is not the file this manifest recorded.
        let first = makeTemporaryDirectory(self)
        let second = makeTemporaryDirectory(self)
        try makeSampleStore(first)
        let store = try Store(directory: second, mode: .write)
        let transaction = store.begin()
        transaction.segmentRows = 40
        try transaction.ensureTable("kpi", schema: Rows.schema)
        try transaction.append(Rows.batch(1000..<1100), to: "kpi")
        try transaction.putBlobs([PackBlob(key: 1, bytes: Array("page 1".utf8)), PackBlob(key: 2, bytes: [1]), PackBlob(key: 3, bytes: Array(repeating: 66, count: 5000))])
        try transaction.commit()
        let segment = store.manifest.tables["kpi"]!.segments[0].segment.file
        let pack = store.manifest.blobPacks[0].file
        for file in [segment, pack] {
            let original = readFile(first + "/" + file)
            writeFile(readFile(second + "/" + file), to: first + "/" + file)
            assertStorageError(naming: file) { try self.snapshot(first) }
            writeFile(original, to: first + "/" + file)
        }
        XCTAssertNoThrow(try snapshot(first))
    }
}
