import AurumCore

/// Recomputes every Gold row of a few campaigns from their stored daily rows, for the incremental refresh
/// (``GoldDayRefresh``), where taking the run's days out of stored sums and putting the fresh ones in cannot
/// give a full build's rows: a campaign renamed or re-currencied (its text is on every one of its rows), one
/// with a new value that is not a whole number of millionths (its sums then fall back to doubles added in
/// row order), one whose stored sums are not whole millionths or would leave Int64.
///
/// A run changes Silver on its days only, so each stored daily row of such a campaign on another day is the
/// row a full build gives it, bar the name and currency. Those rows with the campaign's latest text, and the
/// run's fresh day sums, are its daily rows; its weekly and all-time rows are those daily rows summed again by
/// the full build's own roll-up queries (``GoldBuilder/rollUps(of:)``). The cost follows the campaign's days,
/// not its Silver rows — which Silver, stored by month, cannot find without reading most of itself.
enum GoldCampaignRegroup {
    /// Daily rows of the campaigns from one source (the stored daily table, or the run's fresh day sums).
    struct DailyRows {
        /// A batch holding `date` and ``GoldSums/columns`` (other columns are ignored).
        var batch: Batch
        /// The rows of `batch` to take.
        var rows: [Int]
        /// The campaign (position in the refresh's list) of each of `rows`.
        var campaigns: [Int]
    }

    /// The three tables' rows of the campaigns in `parts`, each row with its campaign's latest name and currency.
    ///
    /// - Throws: ``PipelineError/goldOverflow(table:campaign:day:measure:)`` when a weekly or all-time sum does
    ///   not fit its column, as a full build would.
    static func tables(from parts: [DailyRows], campaigns: [CampaignKey], latest: CampaignLatestText) throws -> GoldTables {
        let table = ContractTable.kpiCampaignDaily
        let batches = parts.map { part -> Batch in
            let taken = part.batch.gather(part.rows)
            let keys = part.campaigns.map { campaigns[$0] }
            let column = { (name: String) -> Column in
                guard let column = taken.column(named: name) else { preconditionFailure("daily rows without \(name)") }
                return column
            }
            let columns: [Column] = [
                .string(StringColumn(keys.map { Optional($0.source) })), .string(StringColumn(keys.map { Optional($0.accountID) })),
                .string(StringColumn(keys.map { Optional($0.campaignID) })), column("date"),
                .string(StringColumn(part.campaigns.map { latest.name[$0]?.text })),
                .string(StringColumn(part.campaigns.map { latest.currency[$0]?.text })),
            ] + GoldSums.columns.map(column)
            return Batch(schema: table.storedSchema, columns: columns)
        }
        let daily = BatchSort.sorted(Batch.concatenate(batches, schema: table.storedSchema), by: table.keyColumns)
        let (weekly, total) = try GoldBuilder.rollUps(of: daily)
        return GoldTables(daily: daily, weekly: weekly, total: total)
    }
}
