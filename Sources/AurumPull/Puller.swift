#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumCore
import AurumPipeline
import AurumStorage

/// `aurum pull`: fetches each account's pages into the store's staging area, parsing each while the next is
/// fetched, then ingests every staged page in one pipeline run that takes those parses (one transaction: Bronze,
/// Silver, quarantine and Gold together), then clears what it ingested.
///
/// Incremental by default: an account's range starts at the last day Silver holds for it minus the source's
/// restatement window, so late conversions are fetched again and the pipeline's dedup lets the restated rows
/// replace the old ones. Re-running after an interruption resumes each unfinished job; identical pages are
/// Bronze no-ops (same SHA-256), so nothing is ever counted twice.
public struct Puller: Sendable {
    let settings: PullSettings
    let transport: any HTTPTransport
    let observer: any PullObserver
    /// The bytes of pages parsed while the next is fetched; the ingest parses the pages beyond (``ParsedPages``).
    let parseAheadBudgetBytes: Int

    public init(
        settings: PullSettings, transport: any HTTPTransport, observer: any PullObserver = SilentPullObserver(),
        parseAheadBudgetBytes: Int = ParsedPages.budgetBytesDefault
    ) {
        self.settings = settings
        self.transport = transport
        self.observer = observer
        self.parseAheadBudgetBytes = parseAheadBudgetBytes
    }

    /// Pulls `accounts` into the store at `directory`.
    ///
    /// - Parameters:
    ///   - since: the first day; nil for incremental (the last day in Silver minus the restatement window; for an
    ///     account Silver does not hold, the window before `until`).
    ///   - until: the last day; nil for yesterday (UTC).
    ///   - memoryBudget: how much the ingest of the pages may hold before it commits a step; nil:
    ///     `AURUM_MEMORY_BUDGET`, else half of memory (``Pipeline/ingest(paths:directory:conversionPreference:progress:recordingPathsFrom:parsed:memoryBudget:stepCommitted:)``).
    /// - Returns: what was fetched and ingested. Accounts that failed are listed in ``PullSummary/failures``;
    ///   the others' pages are ingested all the same.
    public func pull(
        accounts: [PullAccount], since: Date32?, until: Date32?, directory: String, memoryBudget: IngestMemoryBudget? = nil
    ) async throws -> PullSummary {
        let started = monotonicSeconds()
        let until = until ?? Date32(days: Int32(time(nil) / 86_400) - 1)
        let lastDays = since == nil ? try Self.lastDays(directory: directory) : [:]
        var targets: [PullTarget] = []
        for account in accounts {
            // Incremental: from the last day held minus the restatement window; an account never pulled gets the
            // window before `until` (a backfill takes --since).
            let window = Int32(settings.restatementDays(account.source))
            let last = lastDays[LastDayKey(source: account.source.rawValue, account: account.id)].map { min($0.days, until.days) } ?? until.days
            let first = since ?? Date32(days: last - window)
            guard first <= until else { throw PullError.badRange(account: account, reason: "--since \(first) is after --until \(until)") }
            targets.append(PullTarget(account: account, range: DayRange(since: first, until: until)))
        }

        let staging = PullStaging(store: directory)
        if !FileIO.isDirectory(directory) {
            do { try FileIO.makeDirectory(directory) } catch { throw PullError.staging(path: directory, reason: "\(error)") }
        }
        let lock = try staging.lock()
        defer { close(lock) }
        let sender = PoliteSender(transport: transport, settings: settings, observer: observer)
        let meta = MetaInsightsClient(sender: sender, settings: settings)
        let google = GoogleAdsClient(sender: sender, settings: settings, token: GoogleAccessToken(settings: settings, sender: sender))
        let pullTime = UTCTimestamp.now(compact: true)
        // Each page is parsed as the ingest will parse it while the next one is fetched; the ingest takes the
        // parses instead of parsing the staged files again.
        var parsing: PageParseAhead
        do {
            parsing = PageParseAhead(pages: try ParsedPages.forStore(directory: directory, budgetBytes: parseAheadBudgetBytes))
        } catch let error as PipelineError {
            throw PullError.pipeline(error)
        }
        var summary = PullSummary()
        var unfinished = Set<String>()
        for target in targets {
            let job = try staging.job(for: target, pullTime: pullTime)
            do {
                let fetched = switch target.account.source {
                case .meta: try await meta.fetch(target, into: job, parsing: &parsing)
                case .google: try await google.fetch(target, into: job, parsing: &parsing)
                }
                summary.targets.append(.init(target: target, pages: fetched.pages, rows: fetched.rows))
            } catch let error as PullError {
                // Its pages stay staged: the next pull resumes the job where it stopped.
                unfinished.insert(job.path)
                summary.failures.append(error.description)
            }
        }
        summary.fetchSeconds = monotonicSeconds() - started
        summary.rejectedPages = parsing.rejected

        // Finished jobs, and whatever an earlier interrupted pull left that this one does not resume.
        let jobs = staging.allJobs().filter { !unfinished.contains($0.path) }
        let files = jobs.flatMap { job in job.pages.map { job.path + "/" + $0 } }
        if !files.isEmpty {
            do {
                summary.ingest = try Pipeline.ingest(
                    paths: files, directory: directory, progress: observer.ingestProgress, recordingPathsFrom: directory, parsed: parsing.pages,
                    memoryBudget: memoryBudget)
            } catch let error as PipelineError {
                throw PullError.pipeline(error)
            }
        }
        for job in jobs { job.remove() }
        summary.requests = sender.counters.requests
        summary.waitedSeconds = sender.counters.waitedSeconds
        summary.totalSeconds = monotonicSeconds() - started
        return summary
    }

    private struct LastDayKey: Hashable {
        let source: String
        let account: String
    }

    /// The last day Silver holds for each (source, account_id); empty when there is no store yet.
    private static func lastDays(directory: String) throws -> [LastDayKey: Date32] {
        guard FileIO.exists(directory + "/MANIFEST") else { return [:] }
        var last: [LastDayKey: Date32] = [:]
        do {
            let store = try Store(directory: directory, mode: .read)
            guard store.manifest.tables["ad_insights"] != nil else { return [:] }
            try store.scan("ad_insights", columns: ["source", "account_id", "date"]) { batch in
                guard case .string(let sources) = batch.columns[0], case .string(let accounts) = batch.columns[1],
                    case .date(let dates) = batch.columns[2]
                else { return }
                for row in 0..<batch.rowCount where !dates.isNull(row) {
                    guard let source = sources[row], let account = accounts[row] else { continue }
                    let key = LastDayKey(source: source, account: account)
                    let day = Date32(days: dates.values[row])
                    if last[key].map({ day > $0 }) ?? true { last[key] = day }
                }
            }
        } catch let error as StorageError {
            throw PullError.pipeline(.storage(error))
        }
        return last
    }

    private func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// What one `aurum pull` did.
public struct PullSummary: Sendable {
    /// One account and range fetched.
    public struct Fetched: Sendable {
        public var target: PullTarget
        /// Pages (Meta) or streams (Google) staged by this run.
        public var pages: Int
        public var rows: Int
    }

    public var targets: [Fetched] = []
    /// The accounts that could not be fetched, each error naming the account and range.
    public var failures: [String] = []
    /// The pages fetched that are not data pages (contract rule 1), each line naming the account, range and page;
    /// the ingest rejects them (``IngestSummary/rejectedFiles``).
    public var rejectedPages: [String] = []
    /// The pipeline run over the staged pages; nil when nothing was staged.
    public var ingest: IngestSummary?
    public var requests = 0
    /// Seconds spent waiting as the APIs asked (before the wait scale).
    public var waitedSeconds = 0.0
    public var fetchSeconds = 0.0
    public var totalSeconds = 0.0

    public var pages: Int { targets.reduce(0) { $0 + $1.pages } }
    public var rows: Int { targets.reduce(0) { $0 + $1.rows } }
}
