import AurumCore
import AurumQuery
import AurumStorage

/// The three Gold tables.
struct GoldTables {
    var daily: Batch
    var weekly: Batch
    var total: Batch
}

/// Computes `kpi_campaign_daily`, `kpi_campaign_weekly` and `kpi_campaign_total` as queries over Silver that the
/// query engine plans and runs (in parallel, pruning with zone maps), not as a loop of its own.
///
/// - Daily: Silver's measures summed per (source, account_id, campaign_id, date) — money and conversions with the
///   engine's exact decimal sum (``GoldQueries``), so Gold does not depend on the order rows are read in — with
///   each campaign's name and currency joined on: campaign_name is the campaign's non-empty name on its row with
///   the greatest (date, ingest order) — ingest order being (file_id, row) — the same for all its Gold rows;
///   currency is the account's (the contract: one per account), taken as the non-NULL currency of the campaign's
///   row with the greatest (date, ingest order). Both are a QUALIFY over row_number().
/// - Weekly (per ISO week, Monday) and all-time: the daily rows summed again, exactly.
///
/// The KPI columns are not stored: ``GoldKPIs`` computes them from the sums whenever Gold is read.
enum GoldBuilder {
    /// The name the daily rows have in the catalogue the weekly and all-time queries read.
    static let dailyTableName = "gold_daily"

    /// Aggregates every live Silver row of `snapshot`.
    ///
    /// - Throws: ``PipelineError/goldOverflow(table:campaign:day:measure:)`` when a sum does not fit its column,
    ///   rather than a wrapped or infinite number.
    static func build(store: Store, snapshot: Manifest) throws -> GoldTables {
        // All of Silver is grouped by text keys: matched across row groups by shared codes.
        let sharing = store.sharesDictionaries
        store.sharesDictionaries = true
        defer { store.sharesDictionaries = sharing }
        let silver = ContractTable.adInsights
        let silverTable = try StoreTable(store: store, name: silver.rawValue, decimalColumns: silver.decimalColumns, snapshot: snapshot)
        let silverOnly = QueryEngine(catalog: DictionaryCatalog([silver.rawValue: silverTable]), today: Date32(days: 0))
        let bounds = try runCatching(ProvenanceOrderKey.boundsQuery, on: silverOnly).get()
        let orderKey = ProvenanceOrderKey(bounds: bounds)
        let daily = try run(GoldQueries.daily(orderKey: orderKey), for: .kpiCampaignDaily, on: silverOnly) {
            GoldQueries.sumsAsDoubles(from: silver.rawValue, period: "date", campaignIDs: nil)
        }
        let (weekly, total) = try rollUps(of: daily)
        return GoldTables(daily: daily, weekly: weekly, total: total)
    }

    /// The weekly and all-time rows of `daily` (daily Gold rows in key order, each campaign's name and currency
    /// on all its rows): the daily rows summed again, exactly, by the same queries whether `daily` is the whole
    /// table (a full build) or the rows of a few campaigns (``GoldCampaignRegroup``).
    static func rollUps(of daily: Batch) throws -> (weekly: Batch, total: Batch) {
        // Two aggregations of the same rows that share nothing else. Each keeps about one core busy (its groups
        // are nearly as many as its rows, so the workers' tables merge on one), so with more than one core the
        // all-time one runs beside the weekly one.
        guard Parallel.threadCount > 1 else {
            return (try rollUp(of: daily, period: GoldQueries.week, into: .kpiCampaignWeekly), try rollUp(of: daily, period: nil, into: .kpiCampaignTotal))
        }
        let total = BackgroundTask { Result { try rollUp(of: daily, period: nil, into: .kpiCampaignTotal) } }
        let weekly = Result { try rollUp(of: daily, period: GoldQueries.week, into: .kpiCampaignWeekly) }
        let totalRows = total.value
        return (try weekly.get(), try totalRows.get())
    }

    /// `daily` summed per campaign and `period` (all time when nil), as `table`'s rows.
    private static func rollUp(of daily: Batch, period: String?, into table: ContractTable) throws -> Batch {
        let dailyTable = LazyTable(schema: GoldQueries.declaringDecimals(daily.schema)) { daily }
        let overDaily = QueryEngine(catalog: DictionaryCatalog([dailyTableName: dailyTable]), today: Date32(days: 0))
        return try run(GoldQueries.rollUp(of: dailyTableName, period: period), for: table, on: overDaily) {
            GoldQueries.sumsAsDoubles(from: dailyTableName, period: period, campaignIDs: nil)
        }
    }

    /// The daily sums of these campaigns on these days (names and currencies NULL), from the live Silver rows of
    /// `snapshot`: an incremental refresh's fresh daily rows. Rows of a same-id campaign of another account come
    /// along, and of other campaigns and days when there are more of either than an IN list takes
    /// (``GoldQueries/daySums(campaignIDs:days:)``); the caller keys rows by campaign and day.
    static func daySums(store: Store, snapshot: Manifest, campaignIDs: Set<String>, days: Set<Int32>) throws -> Batch {
        guard !campaignIDs.isEmpty, !days.isEmpty else {
            return Batch(schema: ContractTable.kpiCampaignDaily.storedSchema, columns: ContractTable.kpiCampaignDaily.storedSchema.fields.map { Column.empty($0.type) })
        }
        let silver = ContractTable.adInsights
        let silverTable = try StoreTable(store: store, name: silver.rawValue, decimalColumns: silver.decimalColumns, snapshot: snapshot)
        let engine = QueryEngine(catalog: DictionaryCatalog([silver.rawValue: silverTable]), today: Date32(days: 0))
        let ids = campaignIDs.sorted()
        return try run(GoldQueries.daySums(campaignIDs: ids, days: days.sorted().map { Date32(days: $0) }), for: .kpiCampaignDaily, on: engine) {
            GoldQueries.sumsAsDoubles(from: silver.rawValue, period: "date", campaignIDs: ids)
        }
    }

    /// Runs `query` (one Gold table, its columns in stored order, sorted by key) and checks that every sum fits.
    /// An integer sum beyond Int64 stops the engine; `diagnosis` is then the same sums as doubles, in key order,
    /// which find the first group that did not fit.
    private static func run(_ query: String, for table: ContractTable, on engine: QueryEngine, diagnosis: () -> String) throws -> Batch {
        let result: Batch
        switch runCatching(query, on: engine) {
        case .success(let batch): result = batch
        case .failure(.execution(let message, _)) where message.contains("overflow"):
            switch runCatching(diagnosis(), on: engine) {
            case .success(let sums): throw overflow(in: sums, table: table) ?? PipelineError.goldQueryFailed(table: table.rawValue, reason: message)
            case .failure(let error): throw PipelineError.goldQueryFailed(table: table.rawValue, reason: error.description)
            }
        case .failure(let error): throw PipelineError.goldQueryFailed(table: table.rawValue, reason: error.description)
        }
        let batch = Batch(schema: table.storedSchema, columns: result.columns)
        if let error = overflow(in: batch, table: table) { throw error }
        return batch
    }

    private static func runCatching(_ query: String, on engine: QueryEngine) -> Result<Batch, QueryError> {
        do throws(QueryError) { return .success(try engine.run(query).batch) } catch { return .failure(error) }
    }

    /// The first row (in key order) with a sum that does not fit its column, as the error naming it: a double
    /// that is not finite, or (in a diagnosis, where integers were summed as doubles) one beyond Int64.
    private static func overflow(in sums: Batch, table: ContractTable) -> PipelineError? {
        // The DOUBLE sums (all five in a diagnosis; money and conversions otherwise), each read once.
        let doubles = ["impressions", "clicks", "spend", "conversions", "conversion_value"].compactMap { measure -> (String, [Double], Bool)? in
            guard case .double(let column)? = sums.column(named: measure) else { return nil }
            return (measure, column.values, measure == "impressions" || measure == "clicks")
        }
        let keyCount = table == .kpiCampaignTotal ? 3 : 4
        let beyondInt64 = 9_223_372_036_854_775_808.0
        for row in 0..<sums.rowCount {
            for (measure, values, isInteger) in doubles {
                let value = values[row]
                if value.isFinite && (!isInteger || (value < beyondInt64 && value >= -beyondInt64)) { continue }
                let text = { (index: Int) -> String in
                    if case .string(let strings) = sums.columns[index] { return strings[row] ?? "" }
                    return ""
                }
                var day: String?
                if keyCount == 4, case .date(let dates) = sums.columns[3] {
                    day = (table == .kpiCampaignDaily ? "on " : "in the week starting ") + Date32(days: dates.values[row]).description
                }
                return .goldOverflow(table: table.rawValue, campaign: "\(text(0))/\(text(1))/\(text(2))", day: day, measure: measure)
            }
        }
        return nil
    }
}
