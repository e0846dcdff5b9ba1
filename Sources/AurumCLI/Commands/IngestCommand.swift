import AurumPipeline
import ArgumentParser

/// `aurum ingest PATH...`: Bronze pages in; Silver, quarantine and Gold updated in one transaction (in steps, each
/// a transaction, past the memory budget).
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest Meta and Google Ads API pages (files or directories, recursively).",
        discussion: "Files are recognised by content and ingested in byte-wise path order. A file that is not a data page is reported and skipped (exit status 1); the other files still go in. "
            + "Once the new rows held reach the memory budget, what is held is committed as one step and the run goes on; the store ends the same whatever the budget. "
            + "A run that fails keeps its committed steps, and running the same ingest again ingests the rest.")

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("conversion-preference"), help: ArgumentHelp("Meta purchase action types, most preferred first (only for a new store).", valueName: "a,b,c"))
    var conversionPreference: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Option(name: .customLong("memory-budget"), help: Self.memoryBudgetHelp)
    var memoryBudget: String?

    /// `--memory-budget`'s help, for `ingest` and `pull`.
    static let memoryBudgetHelp = ArgumentHelp(
        "Commit in steps once the new rows held would take about this much memory (e.g. 512MB, 2GiB; none: one step). Default: $AURUM_MEMORY_BUDGET, else half of memory.",
        valueName: "size")

    @Argument(help: "Files or directories of raw API pages.")
    var paths: [String]

    func run() throws {
        try Console.run {
            let preference = conversionPreference.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let budget = try memoryBudget.map { try IngestMemoryBudget.parse($0, origin: "--memory-budget") }
            let progress = TerminalProgress.onStandardError()
            let summary: IngestSummary
            do {
                defer { progress?.finish() }
                summary = try Pipeline.ingest(
                    paths: paths, directory: options.directory, conversionPreference: preference, progress: progress, memoryBudget: budget
                ) { sofar in
                    // Said only if a later step fails: what is kept, and how to finish.
                    let files = sofar.filesNew == 1 ? "1 new file of this ingest was" : "\(sofar.filesNew) new files of this ingest were"
                    Console.committed = "\(files) committed to \(options.directory) in \(sofar.steps) step\(sofar.steps == 1 ? "" : "s") "
                        + "(--memory-budget); running it again ingests the rest"
                }
            } catch let failure where Console.committed != nil && !(failure is ExitCode) {
                // A later step failed: the error, and what the earlier steps keep.
                Console.error("\(failure); \(Console.committed ?? "")")
                throw ExitCode.failure
            }
            if summary.filesNew > 0 { Console.committed = "the ingest itself was committed to \(options.directory)" }
            Console.print(json ? SummaryText.json(summary) : SummaryText.text(summary, store: options.directory))
            if !summary.rejectedFiles.isEmpty { throw ExitCode.failure }
        }
    }
}

/// `aurum rebuild`: Silver, quarantine and Gold recomputed from the Bronze kept in the store.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Recompute Silver and Gold from the Bronze files kept in the store (the originals may be gone).")

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("conversion-preference"), help: ArgumentHelp("A new Meta purchase action preference to apply.", valueName: "a,b,c"))
    var conversionPreference: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Flag(name: .customLong("gold-only"), help: "Recompute only the three Gold tables, from Silver as it is.")
    var goldOnly = false

    @Option(name: .customLong("memory-budget"), help: ArgumentHelp(
        "Gather the re-read rows in steps of about this much memory (e.g. 512MB, 2GiB; none: one step), all committed at once. Default: $AURUM_MEMORY_BUDGET, else half of memory.",
        valueName: "size"))
    var memoryBudget: String?

    func validate() throws {
        if goldOnly, conversionPreference != nil {
            throw ValidationError("--conversion-preference changes Silver; it cannot go with --gold-only")
        }
        if goldOnly, memoryBudget != nil {
            throw ValidationError("--memory-budget bounds the rows re-read from Bronze; it cannot go with --gold-only")
        }
    }

    func run() throws {
        try Console.run {
            if goldOnly {
                let rows = try Pipeline.rebuildGold(directory: options.directory)
                Console.committed = "the rebuild itself was committed to \(options.directory)"
                Console.print(json
                    ? "{\"daily_rows\": \(rows.daily), \"weekly_rows\": \(rows.weekly), \"total_rows\": \(rows.total)}"
                    : "Gold rebuilt from Silver in \(options.directory): \(Console.grouped(rows.daily)) daily, \(Console.grouped(rows.weekly)) weekly, \(Console.grouped(rows.total)) campaign rows")
                return
            }
            let preference = conversionPreference.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let budget = try memoryBudget.map { try IngestMemoryBudget.parse($0, origin: "--memory-budget") }
            let summary = try Pipeline.rebuild(directory: options.directory, conversionPreference: preference, memoryBudget: budget)
            Console.committed = "the rebuild itself was committed to \(options.directory)"
            Console.print(json ? SummaryText.json(summary) : SummaryText.text(summary, store: options.directory))
        }
    }
}
