#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumAdsAPI
import AurumCore
import AurumStorage

/// Bronze → Silver → Gold: `aurum ingest` and `aurum rebuild`.
///
/// One run is one transaction: the new Bronze files (kept verbatim in blob packs), the `bronze_files`
/// catalogue, new Silver rows (and deletes of the rows they restate), quarantined rows and the refreshed Gold
/// tables become visible together at commit, or not at all — unless the run's rows outgrow its memory budget
/// (``IngestMemoryBudget``): it then commits in steps, each one such transaction over the next files, and a
/// failure leaves the earlier steps committed. See docs/pipeline.md.
public enum Pipeline {
    /// Manifest properties the pipeline keeps with the data.
    enum Property {
        static let nextFileID = "pipeline.next_file_id"
        static let bronzeRows = "pipeline.bronze_rows"
        static let supersededRows = "pipeline.superseded_rows"
        static let conversionPreference = "pipeline.conversion_preference"
    }

    /// Input bytes per Silver row assumed when reserving room for a run's rows (a low guess costs a few
    /// regrowths; a high one, address space that is never touched).
    static let bytesPerRowEstimate = 768

    /// Raw Bronze bytes are flushed to a new blob pack every this many bytes, so memory stays bounded.
    static let blobFlushBytes = 64 << 20

    /// Ingests the files under `paths` (contract rule 2 order) into the store at `directory`.
    ///
    /// - Parameter conversionPreference: the Meta purchase action types in preference order; only allowed to
    ///   differ from the store's when the store is new (use ``rebuild(directory:conversionPreference:)`` to
    ///   change it).
    /// - Parameter progress: told the files and bytes read so far after each window of files, then that the
    ///   run is writing Silver and Gold.
    /// - Parameter recordingPathsFrom: a directory whose prefix is left out of the paths `bronze_files` records
    ///   (`aurum pull` stages pages inside the store and records them as `pull/…`).
    /// - Parameter parsed: pages parsed already (`aurum pull` parses each page as it arrives): a file whose bytes
    ///   are among them is read and hashed but not parsed again. Ignored when they were parsed with another
    ///   conversion preference than the run's.
    /// - Parameter memoryBudget: how much the run may hold before it commits a step; nil: `AURUM_MEMORY_BUDGET`,
    ///   else half of memory (``IngestMemoryBudget/fromEnvironment()``).
    /// - Parameter stepCommitted: told the summary so far after each step commits (the CLI says what is
    ///   committed should a later step fail); an error it throws ends the run there, the step kept.
    /// - Returns: one summary for the whole run, whatever the number of steps.
    public static func ingest(
        paths: [String], directory: String, conversionPreference: [String]? = nil, progress: ProgressObserver? = nil,
        recordingPathsFrom base: String? = nil, parsed: ParsedPages? = nil, memoryBudget: IngestMemoryBudget? = nil,
        stepCommitted: ((IngestSummary) throws -> Void)? = nil
    ) throws -> IngestSummary {
        let stepRows = try (memoryBudget ?? IngestMemoryBudget.fromEnvironment()).rowsPerStep
        let store = try open(directory)
        var transaction = store.begin()
        try ensureTables(transaction)
        let preference = try resolvePreference(conversionPreference, transaction: transaction, allowChange: store.manifest.tables.isEmpty)
        let inputs = try InputDiscovery.files(under: paths)
        let files = inputs.files
        var known = try StoredFileHashes(of: store, in: transaction.manifest)
        let parser = PageParser(conversionPreference: preference)
        var run = RunState(parser: parser, nextFileID: Int64(transaction.properties[Property.nextFileID] ?? "1") ?? 1)
        let firstFileID = run.nextFileID
        run.summary.rejectedFiles = inputs.rejected
        run.summary.passedOver = inputs.passedOver
        let now = UTCTimestamp.now()
        var loader = BronzeLoader(paths: files, sizes: inputs.sizes, parser: parser, stored: known, parsed: parsed.flatMap { $0.conversionPreference == preference ? $0 : nil })
        // Generated and real pages run to some 800 bytes a row: room for about that many rows up front (a step's
        // at most, and a page past them).
        let reservedRows = min(loader.totalBytes / Self.bytesPerRowEstimate, stepRows.map { $0 + $0 / 8 } ?? .max)
        run.silver.reserveCapacity(reservedRows)
        var filesDone = 0
        func report(_ phase: String) {
            progress?.progress(ProgressReport(
                phase: phase, unit: .bytes, done: loader.bytesDone, total: loader.totalBytes, itemsDone: filesDone, itemsTotal: files.count))
        }
        report("reading Bronze files")
        while let window = loader.next() {
            defer {
                filesDone += window.count
                report("reading Bronze files")
            }
            for file in window {
                switch file.outcome {
                case .unreadable(let reason):
                    run.summary.rejectedFiles.append(.init(path: file.path, reason: reason))
                case .alreadyStored:
                    run.summary.filesSkipped += 1
                case .loaded(let bytes, let frame, let hash, let page, let parsedAhead):
                    if parsedAhead { run.summary.filesParsedAhead += 1 } else { run.summary.filesParsed += 1 }
                    // The same bytes twice in one run: the first copy counts.
                    if known.contains(hash) {
                        run.summary.filesSkipped += 1
                        continue
                    }
                    switch page {
                    case .failure(let error):
                        run.summary.rejectedFiles.append(.init(path: file.path, reason: error.description))
                    case .success(let page):
                        let recorded = base.flatMap { file.path.hasPrefix($0 + "/") ? String(file.path.dropFirst($0.count + 1)) : nil } ?? file.path
                        run.add(page, file: bytes, frame: frame, path: recorded, sha256: hash, ingestedAt: now)
                        known.insert(hash)
                        try run.flushBlobs(into: transaction, force: false)
                        // The budget is checked between pages: a page is never split between steps.
                        if let stepRows, run.rowsHeld >= stepRows {
                            report("writing Silver and Gold, step \(run.summary.steps + 1)")
                            try commitStep(&run, store: store, transaction: transaction, firstFileID: firstFileID)
                            try stepCommitted?(run.summary)
                            transaction = store.begin()
                            run.startNextStep(reserving: reservedRows)
                            report("reading Bronze files")
                        }
                    }
                }
            }
        }
        guard run.stepFiles > 0 else {
            run.summary.totals = totals(transaction.manifest)
            return run.summary
        }
        report(run.summary.steps == 0 ? "writing Silver and Gold" : "writing Silver and Gold, step \(run.summary.steps + 1)")
        try commitStep(&run, store: store, transaction: transaction, firstFileID: firstFileID)
        try stepCommitted?(run.summary)
        return run.summary
    }

    /// Commits the files the run holds as one transaction: their Silver rows deduplicated against the store,
    /// quarantine, `bronze_files`, Gold, the counters.
    ///
    /// - Parameter firstFileID: the run's first file id: rows a step deletes from at or past it were stored by
    ///   an earlier step of the run, and count as superseded in the run (not restated), as in one step.
    private static func commitStep(_ run: inout RunState, store: Store, transaction: Transaction, firstFileID: Int64) throws {
        try run.flushBlobs(into: transaction, force: true)
        let restatement = try SilverSupersession.apply(
            run: run.silver, store: store, transaction: transaction, ownRowsFrom: run.summary.steps > 0 ? firstFileID : nil)
        run.summary.silverRestated += restatement.restated - restatement.restatedOwn
        run.summary.silverInserted += run.silver.liveCount - restatement.restated
        let wasEmpty = try store.table(ContractTable.adInsights.rawValue, in: transaction.manifest).segments.isEmpty
        // (Into an empty table every campaign is new: Gold is built whole, and the run's campaigns are not needed.)
        let changedCampaigns = wasEmpty ? nil : run.silver.campaigns.union(restatement.campaigns)
        // The run's dates: a restated row has its restating row's date, so these are all the days that changed.
        let changedDays = wasEmpty ? nil : Set(run.silver.dates)
        try finish(run: &run, store: store, transaction: transaction, campaigns: changedCampaigns, days: changedDays,
            restatedCampaigns: restatement.campaigns,
            supersededBefore: Int(transaction.properties[Property.supersededRows] ?? "0") ?? 0,
            bronzeBefore: Int(transaction.properties[Property.bronzeRows] ?? "0") ?? 0, restated: restatement.restated,
            restatedOwn: restatement.restatedOwn)
    }

    /// Recomputes Silver, quarantine and Gold from the Bronze files kept in the store alone, in one transaction.
    ///
    /// The rows are gathered in steps of at most the memory budget's rows, as ``ingest(paths:directory:conversionPreference:progress:recordingPathsFrom:parsed:memoryBudget:stepCommitted:)``
    /// gathers them, but every step goes into the same transaction: a step's rows restate the earlier steps'
    /// (its later files win, as in one step), are appended and compacted, and Gold is built whole from the result
    /// once, before the one commit. So the rebuilt store is visible all at once or not at all, and it is the one a
    /// single step makes (docs/pipeline.md, "Bounded memory").
    ///
    /// - Parameter conversionPreference: a new Meta purchase action preference to apply (the store's when nil).
    /// - Parameter memoryBudget: as for an ingest; nil: `AURUM_MEMORY_BUDGET`, else half of memory.
    public static func rebuild(directory: String, conversionPreference: [String]? = nil, memoryBudget: IngestMemoryBudget? = nil) throws -> IngestSummary {
        let stepRows = try (memoryBudget ?? IngestMemoryBudget.fromEnvironment()).rowsPerStep
        let store = try Store(directory: directory, mode: .write)
        guard !store.manifest.tables.isEmpty else { throw PipelineError.storage(.noStore(directory: directory)) }
        let transaction = store.begin()
        try ensureTables(transaction)
        let preference = try resolvePreference(conversionPreference, transaction: transaction, allowChange: true)
        for table in [ContractTable.adInsights, .quarantine] {
            try transaction.replace(table.rawValue, with: Batch(empty: table.schema))
        }
        let catalogue = try store.readAll(ContractTable.bronzeFiles.rawValue, in: transaction.manifest, columns: ["file_id", "rows"])
        guard case .int64(let fileIDs) = catalogue.columns[0], case .int64(let rowCounts) = catalogue.columns[1] else {
            preconditionFailure("bronze_files schema")
        }
        var run = RunState(parser: PageParser(conversionPreference: preference), nextFileID: 1)
        let reservedRows = min(Int(rowCounts.values.reduce(0, +)), stepRows.map { $0 + $0 / 8 } ?? .max)
        run.silver.reserveCapacity(reservedRows)
        var superseded = 0
        // Appends the step's rows to the transaction (not committed), restating the earlier steps' rows they
        // supersede: all of them this rebuild's own, so counted as superseded in the run, as one step counts them.
        func stage() throws {
            let restatement = try SilverSupersession.apply(run: run.silver, store: store, transaction: transaction, ownRowsFrom: 1)
            run.summary.silverInserted += run.silver.liveCount - restatement.restated
            run.summary.supersededInRun += run.silver.supersededCount + restatement.restatedOwn
            run.summary.quarantinedByReason.merge(run.quarantine.countsByReason, uniquingKeysWith: +)
            superseded += run.silver.supersededCount + restatement.restated
            try transaction.append(run.silver.finish(), to: ContractTable.adInsights.rawValue)
            try transaction.append(run.quarantine.finish(), to: ContractTable.quarantine.rawValue)
            for table in [ContractTable.adInsights, .quarantine] { try transaction.compact(table.rawValue) }
            run.summary.steps += 1
            run.startNextStep(reserving: reservedRows)
        }
        var position = 0
        try store.readBlobs { key, bytes in
            guard position < fileIDs.count, fileIDs.values[position] == Int64(key) else {
                throw PipelineError.missingBronzeFile(fileID: position < fileIDs.count ? fileIDs.values[position] : Int64(key))
            }
            let page = try run.parser.parse(bytes)
            guard page.rows.count == rowCounts.values[position] else {
                throw PipelineError.storage(.corrupt(file: "bronze file \(key)", location: "rows", reason: "holds \(page.rows.count) rows, the catalogue says \(rowCounts.values[position])"))
            }
            run.addRows(of: page, bytes: bytes, fileID: Int64(key))
            run.summary.filesReread += 1
            position += 1
            // The budget is checked between files, as an ingest checks it.
            if let stepRows, run.rowsHeld >= stepRows { try stage() }
        }
        guard position == fileIDs.count else { throw PipelineError.missingBronzeFile(fileID: fileIDs.values[position]) }
        if run.rowsHeld > 0 || run.summary.steps == 0 { try stage() }
        try GoldRefresh.refresh(store: store, transaction: transaction, campaigns: nil)
        // Every stored file was re-read above (and checked against its catalogued row count), so the rebuild's
        // Bronze rows are the store's.
        run.summary.totals = try commitCounting(transaction, superseded: superseded, bronze: run.summary.bronzeRows, nextFileID: run.nextFileID)
        return run.summary
    }

    /// Recomputes the three Gold tables from the store's Silver as it is; returns their row counts.
    public static func rebuildGold(directory: String) throws -> (daily: Int, weekly: Int, total: Int) {
        let store = try Store(directory: directory, mode: .write)
        guard !store.manifest.tables.isEmpty else { throw PipelineError.storage(.noStore(directory: directory)) }
        let transaction = store.begin()
        try ensureTables(transaction)
        try GoldRefresh.refresh(store: store, transaction: transaction, campaigns: nil)
        try transaction.commit()
        let manifest = transaction.manifest
        func rows(_ table: ContractTable) -> Int { manifest.tables[table.rawValue]?.liveRowCount ?? 0 }
        return (rows(.kpiCampaignDaily), rows(.kpiCampaignWeekly), rows(.kpiCampaignTotal))
    }

    /// The accounting identity's terms of the committed store.
    public static func totals(_ manifest: Manifest) -> StoreTotals {
        StoreTotals(
            bronzeRows: Int(manifest.properties[Property.bronzeRows] ?? "0") ?? 0,
            silverRows: manifest.tables[ContractTable.adInsights.rawValue]?.liveRowCount ?? 0,
            quarantineRows: manifest.tables[ContractTable.quarantine.rawValue]?.liveRowCount ?? 0,
            supersededRows: Int(manifest.properties[Property.supersededRows] ?? "0") ?? 0)
    }

    // MARK: - Steps

    private static func open(_ directory: String) throws -> Store {
        do {
            return try Store(directory: directory, mode: .write)
        } catch let error as StorageError {
            throw PipelineError.storage(error)
        }
    }

    private static func ensureTables(_ transaction: Transaction) throws {
        for table in ContractTable.allCases where table.isStored {
            try transaction.ensureTable(table.rawValue, schema: table.storedSchema)
        }
    }

    private static func resolvePreference(_ requested: [String]?, transaction: Transaction, allowChange: Bool) throws -> [String] {
        if let requested, let problem = ConversionPreference.problem(with: requested) {
            throw PipelineError.invalidConversionPreference(reason: problem)
        }
        let stored = transaction.properties[Property.conversionPreference].map { $0.split(separator: ",").map(String.init) }
        let preference = requested ?? stored ?? ConversionPreference.default
        if let stored, preference != stored, !allowChange {
            throw PipelineError.unreadableInput(
                path: "--conversion-preference",
                reason: "the store was built with \(stored.joined(separator: ",")); run `aurum rebuild --conversion-preference ...` to change it")
        }
        transaction.properties[Property.conversionPreference] = preference.joined(separator: ",")
        return preference
    }

    /// Appends the step's rows, refreshes Gold, compacts, checks the accounting identity and commits; adds the
    /// step's counts to the run's summary.
    ///
    /// - Parameter restatedOwn: of `restated`, the rows an earlier step of this run stored.
    private static func finish(
        run: inout RunState, store: Store, transaction: Transaction, campaigns: Set<CampaignKey>?, days: Set<Int32>? = nil,
        restatedCampaigns: Set<CampaignKey> = [], supersededBefore: Int,
        bronzeBefore: Int, restated: Int, restatedOwn: Int = 0
    ) throws {
        try transaction.append(run.silver.finish(), to: ContractTable.adInsights.rawValue)
        try transaction.append(run.quarantine.finish(), to: ContractTable.quarantine.rawValue)
        try transaction.append(run.files.finish(), to: ContractTable.bronzeFiles.rawValue)
        try GoldRefresh.refresh(store: store, transaction: transaction, campaigns: campaigns, days: days, restated: restatedCampaigns)
        for table in [ContractTable.adInsights, .quarantine, .bronzeFiles] { try transaction.compact(table.rawValue) }
        let totals = try commitCounting(
            transaction, superseded: supersededBefore + run.silver.supersededCount + restated, bronze: bronzeBefore + run.stepBronzeRows,
            nextFileID: run.nextFileID)
        run.summary.supersededInRun += run.silver.supersededCount + restatedOwn
        run.summary.quarantinedByReason.merge(run.quarantine.countsByReason, uniquingKeysWith: +)
        run.summary.totals = totals
        run.summary.steps += 1
    }

    /// Records the store's counters in `transaction`, checks the accounting identity over what it will commit,
    /// and commits it; the totals it committed.
    private static func commitCounting(_ transaction: Transaction, superseded: Int, bronze: Int, nextFileID: Int64) throws -> StoreTotals {
        transaction.properties[Property.supersededRows] = String(superseded)
        transaction.properties[Property.bronzeRows] = String(bronze)
        transaction.properties[Property.nextFileID] = String(nextFileID)
        let totals = totals(transaction.manifest)
        guard totals.identityHolds else {
            throw PipelineError.accountingMismatch(
                bronze: totals.bronzeRows, silver: totals.silverRows, quarantined: totals.quarantineRows, superseded: totals.supersededRows)
        }
        try transaction.commit()
        return totals
    }
}

/// One run's accumulating state: the rows of the step it is in, and the summary of the whole run.
struct RunState {
    let parser: PageParser
    var nextFileID: Int64
    var silver = SilverRowsBuilder()
    var quarantine = QuarantineBuilder()
    var files = BronzeFilesBuilder()
    var summary = IngestSummary()
    /// Rows of the step's new Bronze files.
    private(set) var stepBronzeRows = 0
    /// The step's new Bronze files.
    private(set) var stepFiles = 0
    private var pendingBlobs: [PackBlob] = []
    private var pendingBytes = 0

    /// The rows the step holds, which its memory budget counts.
    var rowsHeld: Int { silver.count + quarantine.count }

    /// Drops the committed step's rows (its blobs are written already) to gather the next step's, with room
    /// for `rows` Silver rows.
    mutating func startNextStep(reserving rows: Int) {
        precondition(pendingBlobs.isEmpty, "a step commits its blobs")
        silver = SilverRowsBuilder()
        quarantine = QuarantineBuilder()
        files = BronzeFilesBuilder()
        stepBronzeRows = 0
        stepFiles = 0
        silver.reserveCapacity(rows)
    }

    init(parser: PageParser, nextFileID: Int64) {
        self.parser = parser
        self.nextFileID = nextFileID
    }

    /// Adds a new file, parsed as `page`, to the run; `frame`: its bytes compressed ahead for the blob pack.
    mutating func add(_ page: ParsedPage, file bytes: [UInt8], frame: [UInt8]?, path: String, sha256: String, ingestedAt: String) {
        let fileID = nextFileID
        bytes.withUnsafeBytes { addRows(of: page, bytes: $0, fileID: fileID) }
        files.append(fileID: fileID, path: path, sha256: sha256, source: page.source, rows: page.rows.count, bytes: bytes.count, ingestedAt: ingestedAt)
        pendingBlobs.append(PackBlob(key: UInt64(fileID), bytes: bytes, frame: frame))
        pendingBytes += bytes.count
        summary.filesNew += 1
        stepFiles += 1
    }

    /// Sends each row of `page` to Silver or quarantine.
    mutating func addRows(of page: ParsedPage, bytes: UnsafeRawBufferPointer, fileID: Int64) {
        // Rows are read in place: copying one out (as `for row in page.rows` does) retains and releases each of
        // its dozen strings, ten million rows over.
        page.rows.withUnsafeBufferPointer { rows in
            for index in rows.indices {
                switch rows[index].outcome {
                case .valid(let record):
                    silver.append(record, source: rows[index].source, fileID: fileID, row: Int64(index))
                case .quarantined(let reason, let detail):
                    let raw = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[rows[index].rawRange]), as: UTF8.self)
                    quarantine.append(fileID: fileID, row: Int64(index), source: rows[index].source, reason: reason, detail: detail, raw: raw)
                }
            }
        }
        silver.settle()
        summary.bronzeRows += page.rows.count
        stepBronzeRows += page.rows.count
        nextFileID = max(nextFileID, fileID + 1)
    }

    mutating func flushBlobs(into transaction: Transaction, force: Bool) throws {
        guard force || pendingBytes >= Pipeline.blobFlushBytes else { return }
        try transaction.putBlobs(pendingBlobs)
        pendingBlobs.removeAll()
        pendingBytes = 0
    }
}
