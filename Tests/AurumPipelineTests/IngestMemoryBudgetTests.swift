import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// A run that outgrows its memory budget commits in steps; the store and the summary must come out as one step
/// makes them, and a failure between steps must leave the earlier ones committed.
final class IngestMemoryBudgetTests: XCTestCase {
    /// Rows a page holds in ``pages(in:)``.
    private let rowsPerPage = 40

    /// Twelve pages: duplicate keys within a page, across pages and with the earlier command's rows
    /// (restatements), invalid rows, names that change, two accounts.
    private func pages(in directory: String) throws -> [String] {
        var rng = SplitMix(seed: 7)
        return try (0..<12).map { fileIndex in
            let rows = (0..<rowsPerPage).map { _ in
                var row = MetaRow(
                    account: ["111", "222"][Int(rng.next() % 2)], campaign: "c\(rng.next() % 4)", ad: "a\(rng.next() % 7)",
                    date: "2024-03-\(10 + Int(rng.next() % 12))")
                row.campaignName = rng.next() % 5 == 0 ? nil : "Name \(rng.next() % 3)"
                row.spend = rng.next() % 17 == 0 ? "-1" : "\(rng.next() % 5000).\(10 + rng.next() % 90)"
                row.impressions = rng.next() % 23 == 0 ? "n/a" : String(rng.next() % 10_000)
                row.clicks = String(rng.next() % 100)
                return row
            }
            return try writeMetaPage(rows, to: directory, name: String(format: "f%02d.json", fileIndex))
        }
    }

    /// Every table of the store, sorted by key; `bronze_files` without `ingested_at` (each command's own time).
    private func tables(of store: String) throws -> [String: [[String]]] {
        var result: [String: [[String]]] = [:]
        for table in [ContractTable.adInsights, .quarantine, .bronzeFiles, .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            var tableRows = try rows(table, in: store)
            if let time = table.schema.index(of: "ingested_at") {
                tableRows = tableRows.map { row in var row = row; row.remove(at: time); return row }
            }
            result[table.rawValue] = tableRows
        }
        return result
    }

    /// The summary's counts (steps and totals apart), to compare runs.
    private func counts(_ summary: IngestSummary) -> [String] {
        [
            "new \(summary.filesNew)", "skipped \(summary.filesSkipped)", "bronze \(summary.bronzeRows)",
            "inserted \(summary.silverInserted)", "restated \(summary.silverRestated)", "superseded \(summary.supersededInRun)",
            "quarantined \(summary.quarantinedByReason.sorted { $0.key < $1.key })",
        ]
    }

    /// Asserts that a run of `steps` steps gave the summary counts and totals of the one-step `reference` and left
    /// `store` holding the `expected` tables.
    private func assertSameAsOneStep(
        _ summary: IngestSummary, steps: Int, store: String, as reference: IngestSummary, _ expected: [String: [[String]]], _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertEqual(summary.steps, steps, label, file: file, line: line)
        XCTAssertEqual(counts(summary), counts(reference), label, file: file, line: line)
        XCTAssertEqual(summary.totals, reference.totals, label, file: file, line: line)
        let actual = try tables(of: store)
        for (table, rows) in expected {
            XCTAssertEqual(actual[table], rows, "\(table) \(label)", file: file, line: line)
        }
    }

    private func budget(rows: Int) -> IngestMemoryBudget {
        IngestMemoryBudget(bytes: rows * IngestMemoryBudget.bytesPerHeldRow)
    }

    func testAnyBudgetGivesTheStoreAndTheSummaryOfOneStep() throws {
        let files = try pages(in: temporaryDirectory(self))
        // An earlier command holds the first four pages, so the steps restate stored rows as well as their own.
        let (earlier, later) = (Array(files[..<4]), Array(files[4...]))
        let oneStep = temporaryDirectory(self) + "/one"
        XCTAssertEqual(try Pipeline.ingest(paths: earlier, directory: oneStep, memoryBudget: .unbounded).steps, 1)
        let reference = try Pipeline.ingest(paths: later, directory: oneStep, memoryBudget: .unbounded)
        XCTAssertEqual(reference.steps, 1)
        XCTAssertGreaterThan(reference.silverRestated, 0)
        XCTAssertGreaterThan(reference.supersededInRun, 0)
        XCTAssertGreaterThan(reference.quarantined, 0)
        let expected = try tables(of: oneStep)
        // One row: a step per page; 55 rows: the budget falls inside the second page, which still goes whole
        // into its step; 200 rows: five pages a step.
        for (stepRows, earlierSteps, steps) in [(1, 4, 8), (55, 2, 4), (200, 1, 2)] {
            let store = temporaryDirectory(self) + "/steps-\(stepRows)"
            XCTAssertEqual(try Pipeline.ingest(paths: earlier, directory: store, memoryBudget: budget(rows: stepRows)).steps, earlierSteps)
            var committed: [Int] = []
            let summary = try Pipeline.ingest(paths: later, directory: store, memoryBudget: budget(rows: stepRows)) { committed.append($0.filesNew) }
            XCTAssertEqual(committed.count, steps)
            XCTAssertEqual(committed.last, later.count)
            try assertSameAsOneStep(summary, steps: steps, store: store, as: reference, expected, "\(stepRows) rows a step")
        }
    }

    func testAFailureAfterAStepKeepsTheEarlierStepsAndARerunFinishes() throws {
        let files = try pages(in: temporaryDirectory(self))
        let oneStep = temporaryDirectory(self) + "/one"
        let reference = try Pipeline.ingest(paths: files, directory: oneStep, memoryBudget: .unbounded)
        let store = temporaryDirectory(self) + "/store"
        struct Killed: Error {}
        // Two pages a step; the run dies as the second step commits, before it reads another file.
        var steps = 0
        XCTAssertThrowsError(try Pipeline.ingest(paths: files, directory: store, memoryBudget: budget(rows: 2 * rowsPerPage)) { _ in
            steps += 1
            if steps == 2 { throw Killed() }
        }) { XCTAssertTrue($0 is Killed, "\($0)") }
        // The two steps are committed and readable; the identity holds.
        let kept = try tables(of: store)
        XCTAssertEqual(kept["bronze_files"]?.count, 4)
        let manifest = try Store(directory: store, mode: .read).manifest
        XCTAssertTrue(Pipeline.totals(manifest).identityHolds)
        XCTAssertEqual(Pipeline.totals(manifest).bronzeRows, 4 * rowsPerPage)
        XCTAssertFalse(kept["ad_insights"]?.isEmpty ?? true)
        XCTAssertFalse(kept["kpi_campaign_total"]?.isEmpty ?? true)
        // The same ingest again skips the stored files by their hash and finishes the rest.
        let rerun = try Pipeline.ingest(paths: files, directory: store, memoryBudget: budget(rows: 2 * rowsPerPage))
        XCTAssertEqual(rerun.filesSkipped, 4)
        XCTAssertEqual(rerun.filesNew, files.count - 4)
        XCTAssertEqual(rerun.totals, reference.totals)
        XCTAssertEqual(try tables(of: store), try tables(of: oneStep))
    }

    /// `rebuild` gathers the rows it re-reads from Bronze in steps as well, all in its one transaction: any budget
    /// gives the store and the summary of one step.
    func testARebuildInStepsGivesTheStoreOfOneStep() throws {
        let files = try pages(in: temporaryDirectory(self))
        let source = temporaryDirectory(self) + "/source"
        _ = try Pipeline.ingest(paths: Array(files[..<4]), directory: source, memoryBudget: .unbounded)
        _ = try Pipeline.ingest(paths: Array(files[4...]), directory: source, memoryBudget: .unbounded)
        let expected = try tables(of: source)
        func copy(to name: String) throws -> String {
            let target = temporaryDirectory(self) + "/" + name
            try FileManager.default.copyItem(atPath: source, toPath: target)
            return target
        }
        let reference = try Pipeline.rebuild(directory: try copy(to: "one"), memoryBudget: .unbounded)
        XCTAssertEqual(reference.steps, 1)
        XCTAssertEqual(reference.filesReread, files.count)
        XCTAssertGreaterThan(reference.supersededInRun, 0)
        XCTAssertGreaterThan(reference.quarantined, 0)
        // A step per page; two pages a step (the budget falls inside the second); five pages a step.
        for (stepRows, steps) in [(1, 12), (55, 6), (200, 3)] {
            let store = try copy(to: "steps-\(stepRows)")
            let summary = try Pipeline.rebuild(directory: store, memoryBudget: budget(rows: stepRows))
            try assertSameAsOneStep(summary, steps: steps, store: store, as: reference, expected, "rebuilt with \(stepRows) rows a step")
        }
    }

    /// A rebuild that fails after some of its steps were gathered commits none of them.
    func testARebuildThatFailsAfterStepsLeavesTheStoreAsItWas() throws {
        let files = try pages(in: temporaryDirectory(self))
        let store = temporaryDirectory(self) + "/store"
        // Two commands: two blob packs; the second one's bytes are then damaged.
        _ = try Pipeline.ingest(paths: Array(files[..<6]), directory: store, memoryBudget: .unbounded)
        _ = try Pipeline.ingest(paths: Array(files[6...]), directory: store, memoryBudget: .unbounded)
        let before = try tables(of: store)
        let manifestBefore = try Store(directory: store, mode: .read).manifest
        guard let pack = manifestBefore.blobPacks.last else { return XCTFail("no blob pack") }
        let path = store + "/" + pack.file
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 3] ^= 0xFF
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes))
        XCTAssertThrowsError(try Pipeline.rebuild(directory: store, memoryBudget: budget(rows: 1))) { error in
            XCTAssertTrue("\(error)".contains(pack.file), "\(error)")
        }
        XCTAssertEqual(try Store(directory: store, mode: .read).manifest, manifestBefore)
        XCTAssertEqual(try tables(of: store), before)
    }

    func testBudgetsReadAsSizesOrNone() throws {
        XCTAssertEqual(try IngestMemoryBudget.parse("none", origin: "--memory-budget"), .unbounded)
        XCTAssertEqual(try IngestMemoryBudget.parse("256MiB", origin: "--memory-budget").bytes, 256 << 20)
        XCTAssertEqual(try IngestMemoryBudget.parse("2GB", origin: "--memory-budget").bytes, 2_000_000_000)
        XCTAssertEqual(IngestMemoryBudget(bytes: 1).rowsPerStep, 1)
        XCTAssertNil(IngestMemoryBudget.unbounded.rowsPerStep)
        for text in ["0", "lots", "-5MB", ""] {
            XCTAssertThrowsError(try IngestMemoryBudget.parse(text, origin: "AURUM_MEMORY_BUDGET")) { error in
                XCTAssertTrue("\(error)".contains("invalid AURUM_MEMORY_BUDGET '\(text)'"), "\(error)")
            }
        }
        // The default is half of memory: far more rows than a page.
        XCTAssertGreaterThan(IngestMemoryBudget.defaultBudget.rowsPerStep ?? 0, 1_000_000)
    }
}
