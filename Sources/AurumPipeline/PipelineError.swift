import AurumStorage

/// Every way the pipeline can fail as a whole. (A bad row is not an error: it is quarantined with its reason.
/// A bad file is not an error of the run either: it is listed in ``IngestSummary/rejectedFiles``.)
public enum PipelineError: Error, CustomStringConvertible {
    /// An input path does not exist or cannot be read.
    case unreadableInput(path: String, reason: String)
    /// The store failed (damaged file, I/O error, lock held, …).
    case storage(StorageError)
    /// Bronze rows ≠ Silver + quarantined + superseded after a run (or a step of one): a bug; its transaction
    /// was not committed.
    case accountingMismatch(bronze: Int, silver: Int, quarantined: Int, superseded: Int)
    /// A table name the pipeline does not know.
    case unknownTable(name: String, suggestion: String?)
    /// `--conversion-preference` names no action type, an empty or repeated one, or one Meta does not have (which
    /// would make every Meta conversion 0).
    case invalidConversionPreference(reason: String)
    /// `--memory-budget` or `AURUM_MEMORY_BUDGET` (`origin`) is not a size above zero nor `none`.
    case invalidMemoryBudget(origin: String, text: String)
    /// A Gold sum does not fit its column: an integer sum beyond Int64, or a money sum beyond the largest
    /// double. Nothing was committed. `day` says which day ("on 2024-03-01") or week ("in the week starting …");
    /// nil for all time.
    case goldOverflow(table: String, campaign: String, day: String?, measure: String)
    /// The query engine failed to run one of Gold's queries over Silver, or the report's over Gold (a damaged
    /// segment, …); `table` is the Gold table it computes, or "report". An ingest then commits nothing.
    case goldQueryFailed(table: String, reason: String)
    /// Bronze holds no blob for a file the catalogue lists, so Silver cannot be rebuilt from it.
    case missingBronzeFile(fileID: Int64)
    /// A line of an exchange-rate file that is not a rate (1-based line number).
    case badRatesFile(path: String, line: Int, reason: String)
    /// `--currency` was asked for but no rates are loaded (or none into a currency that is needed).
    case noExchangeRates(currency: String)
    /// The target currency of a conversion has no rates (and is not the reporting currency).
    case noRatesInto(currency: String, reportingCurrency: String, known: [String])
    /// A row's currency has no rate on or before its day (the first such day and currency).
    case missingRate(currency: String, date: String, reportingCurrency: String)

    public var description: String {
        switch self {
        case .unreadableInput(let path, let reason): "cannot read \(path): \(reason)"
        case .storage(let error): error.description
        case .accountingMismatch(let bronze, let silver, let quarantined, let superseded):
            "accounting identity broken: Bronze rows \(bronze) ≠ Silver \(silver) + quarantined \(quarantined) + superseded \(superseded); the transaction was not committed (this is a bug in Aurum)"
        case .unknownTable(let name, let suggestion):
            "no table named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .invalidConversionPreference(let reason): "invalid --conversion-preference: \(reason)"
        case .invalidMemoryBudget(let origin, let text):
            "invalid \(origin) '\(text)': give a size such as 512MB, 2GiB or 1G (bytes when there is no unit), or none for no bound"
        case .goldOverflow(let table, let campaign, let day, let measure):
            "\(table): the sum of \(measure) for campaign \(campaign)\(day.map { " \($0)" } ?? "") is too large to hold "
                + "(beyond \(measure == "spend" || measure.hasPrefix("conversion") ? "the largest double" : "9223372036854775807")); "
                + "the transaction was not committed: a Silver row holds an implausible value (find it with aurum query on ad_insights)"
        case .goldQueryFailed(let table, let reason): "cannot compute \(table) with the query engine: \(reason)"
        case .missingBronzeFile(let fileID): "Bronze has no stored bytes for file_id \(fileID); the store is damaged"
        case .badRatesFile(let path, let line, let reason): "\(path), line \(line): \(reason); nothing was imported"
        case .noExchangeRates(let currency):
            "cannot convert to \(currency): no exchange rates are loaded (load them with `aurum fx import RATES.csv`; see docs/currencies.md)"
        case .noRatesInto(let currency, let reporting, let known):
            "cannot convert to \(currency): the loaded rates are into \(reporting), for \((known + [reporting]).sorted().joined(separator: ", ")); use one of those, or load rates that include \(currency) (`aurum fx import`)"
        case .missingRate(let currency, let date, let reporting):
            "no exchange rate for \(currency) into \(reporting) on or before \(date) (the first day that needs one); add it to the rates file and run `aurum fx import` again"
        }
    }
}
