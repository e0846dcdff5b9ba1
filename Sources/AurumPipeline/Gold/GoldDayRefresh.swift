import AurumCore
import AurumStorage

/// Brings Gold up to date after an ingest changed Silver on some (campaign, day)s, at a cost in proportion to
/// those days rather than to the store.
///
/// A run's rows (and the stored rows they restate) fall on the run's days `D`. For each changed campaign `c`,
/// Gold changes in exactly these rows: the daily rows of `c` on `D`, the weekly rows of `c` for the ISO weeks
/// holding `D`, and the total row of `c` — unless `c`'s campaign_name or currency changed (they are the
/// campaign's latest across all its rows, the same on every one of its Gold rows), in which case every Gold row
/// of `c` changes. So:
///
/// 1. Silver is read only in row groups whose zone maps may hold a changed campaign on or after the earliest
///    day of `D`: every row read feeds ``CampaignLatestText``, and the fresh daily sums of the changed
///    campaigns on `D` come from the query engine (``GoldBuilder/daySums(store:snapshot:campaignIDs:days:)``,
///    the same exact decimal sums as a full build). Campaigns whose name or currency was not settled there (no row on or after that
///    day carries one) are looked for in the older row groups.
/// 2. The old rows are found by key (``GoldStoredRows``: key columns of zone-map candidates), marked deleted with
///    delete vectors, and the fresh rows appended as a new segment, in the caller's transaction.
/// 3. A week's and a campaign's new sums are the old ones less the old day rows plus the new ones, in exact
///    integers (``GoldSums``): the very doubles a full build gives. A campaign renamed (or re-currencied), one
///    whose stored sums are not whole millionths, one with a non-decimal new value, or one whose sums leave
///    Int64, is regrouped instead: all its Gold rows are recomputed from its stored daily rows off the run's
///    days and its fresh ones (``GoldCampaignRegroup``), never from its Silver rows, which Silver, stored by
///    month, cannot find without reading most of itself.
struct GoldDayRefresh {
    /// The Silver columns the refresh reads, in this order (``CampaignLatestText`` and the decimal check index them).
    static let silverColumns = [
        "source", "account_id", "campaign_id", "campaign_name", "currency", "date",
        "impressions", "clicks", "spend", "conversions", "conversion_value", "file_id", "row",
    ]

    let store: Store
    let transaction: Transaction
    /// The changed campaigns, and each one's position in that list.
    private let campaigns: [CampaignKey]
    private let position: [CampaignKey: Int]
    private let days: Set<Int32>
    /// The positions of the campaigns that lost stored Silver rows in this run.
    private let restated: Set<Int>

    init(store: Store, transaction: Transaction, campaigns changed: Set<CampaignKey>, days: Set<Int32>, restated: Set<CampaignKey>) {
        self.store = store
        self.transaction = transaction
        let campaigns = Array(changed)
        let position = Dictionary(uniqueKeysWithValues: campaigns.enumerated().map { ($1, $0) })
        self.campaigns = campaigns
        self.position = position
        self.restated = Set(restated.compactMap { position[$0] })
        self.days = days
    }

    /// What Silver says about the changed days.
    private struct SilverView {
        var fresh: Batch
        var latest: CampaignLatestText
        /// Campaigns with a new value that is not a whole number of millionths.
        var inexact: Set<Int>
    }

    func apply() throws {
        guard let firstDay = days.min() else { return }
        let snapshot = transaction.manifest
        let allIDs = Set(campaigns.map(\.campaignID))
        let totals = try GoldStoredRows.find(
            .kpiCampaignTotal, store: store, snapshot: snapshot, campaigns: position, campaignIDs: allIDs,
            reading: ["campaign_name", "currency"] + GoldSums.columns, rowGroups: { [sorted = GoldZoneMaps.SortedIDs(allIDs)] in GoldZoneMaps.mayHoldCampaign($0, $1, of: sorted) },
            match: { _, _ in .deleteReading })
        guard case .string(let names)? = totals.rows.column(named: "campaign_name"),
            case .string(let currencies)? = totals.rows.column(named: "currency")
        else { preconditionFailure("Gold's stored schema") }
        var oldText: [Int: (name: String?, currency: String?)] = [:]
        for (row, campaign) in totals.rowCampaigns.enumerated() { oldText[campaign] = (names[row], currencies[row]) }
        let silver = try readSilver(from: firstDay, snapshot: snapshot, oldText: oldText)
        var rebuilt = silver.inexact
        var oldTotal: [Int: GoldSums] = [:]
        for (row, campaign) in totals.rowCampaigns.enumerated() {
            guard names[row] == silver.latest.name[campaign]?.text, currencies[row] == silver.latest.currency[campaign]?.text,
                let sums = GoldSums(row: row, of: totals.rows)
            else {
                rebuilt.insert(campaign)
                continue
            }
            oldTotal[campaign] = sums
        }
        // A campaign that turns out to need regrouping while its sums are worked out joins `rebuilt`, and the
        // stored rows are looked up again (a rare path: it needs inconsistent stored Gold, or sums beyond Int64).
        while true {
            let plan = try self.plan(rebuilding: rebuilt, silver: silver, oldTotal: oldTotal, totals: totals, snapshot: snapshot)
            switch plan {
            case .needsRebuild(let more):
                rebuilt.formUnion(more)
            case .ready(let changes):
                try write(changes, latest: silver.latest)
                return
            }
        }
    }

    /// Reads the Silver rows of the changed campaigns in row groups reaching `firstDay` or later (and older
    /// ones for campaigns whose text is not settled there).
    ///
    /// A campaign that lost no stored row in this run and had Gold before keeps its old text (`oldText`, from
    /// its total row) unless a row on or after `firstDay` gives a later one: its rows before `firstDay` are
    /// the ones it had, and the latest of them gave the old text (every row from `firstDay` on is read here).
    private func readSilver(from firstDay: Int32, snapshot: Manifest, oldText: [Int: (name: String?, currency: String?)]) throws -> SilverView {
        var latest = CampaignLatestText(campaignCount: campaigns.count)
        var inexact = Set<Int>()
        let table = ContractTable.adInsights.rawValue
        let allIDs = Set(campaigns.map(\.campaignID))
        func recent(_ group: RowGroupInfo, _ schema: Schema) -> Bool {
            GoldZoneMaps.mayHoldDate(group, schema, column: "date", in: firstDay...Int32.max)
        }
        let wanted = CampaignIDSet(allIDs)
        func visit(_ chunk: Store.Chunk, feeding: Bool) {
            let columns = chunk.batch.columns
            guard var campaignOf = ChunkCampaigns(columns[0..<3], position: position, campaignIDs: wanted),
                case .string(let names) = columns[3], case .string(let currencies) = columns[4], case .date(let dates) = columns[5],
                case .double(let spend) = columns[8], case .double(let conversions) = columns[9],
                case .double(let conversionValue) = columns[10], case .int64(let fileIDs) = columns[11],
                case .int64(let rowNumbers) = columns[12]
            else { return }
            for row in 0..<chunk.batch.rowCount {
                if let live = chunk.live, !live[row] { continue }
                guard let campaign = campaignOf.campaign(ofRow: row) else { continue }
                latest.add(row: row, campaign: campaign, names: names, currencies: currencies, dates: dates, fileIDs: fileIDs, rowNumbers: rowNumbers)
                guard feeding, days.contains(dates.values[row]) else { continue }
                if GoldSums.millionths(spend.values[row]) == nil || GoldSums.millionths(conversions.values[row]) == nil
                    || GoldSums.millionths(conversionValue.values[row]) == nil
                {
                    inexact.insert(campaign)
                }
            }
        }
        try store.scanChunks(
            table, in: snapshot, columns: Self.silverColumns,
            rowGroupFilter: { [sorted = GoldZoneMaps.SortedIDs(allIDs)] in GoldZoneMaps.mayHoldCampaign($0, $1, of: sorted) && recent($0, $1) }
        ) { visit($0, feeding: true) }
        for (campaign, text) in oldText where !restated.contains(campaign) {
            latest.keep(campaign, name: text.name, currency: text.currency, unlessFoundFrom: firstDay)
        }
        let unsettled = latest.unsettled(before: firstDay)
        if !unsettled.isEmpty {
            let unsettledIDs = GoldZoneMaps.SortedIDs(Set(unsettled.map { campaigns[$0].campaignID }))
            try store.scanChunks(
                table, in: snapshot, columns: Self.silverColumns,
                rowGroupFilter: { GoldZoneMaps.mayHoldCampaign($0, $1, of: unsettledIDs) && !recent($0, $1) }
            ) { visit($0, feeding: false) }
        }
        let fresh = try GoldBuilder.daySums(store: store, snapshot: snapshot, campaignIDs: allIDs, days: days)
        return SilverView(fresh: fresh, latest: latest, inexact: inexact)
    }

    /// The stored rows to delete and the rows to append, per table.
    private struct Changes {
        var deletions: [(ContractTable, [Int: [Int]])]
        var daily: [(campaign: Int, day: Int32, sums: GoldSums)]
        var weekly: [(campaign: Int, day: Int32, sums: GoldSums)]
        var total: [(campaign: Int, day: Int32, sums: GoldSums)]
        /// Every Gold row of the regrouped (`rebuilt`) campaigns.
        var regrouped: GoldTables?
    }

    private enum Plan {
        case ready(Changes)
        case needsRebuild(Set<Int>)
    }

    /// A campaign (by position) and the Monday of an ISO week.
    private struct WeekKey: Hashable {
        var campaign: Int
        var week: Int32

        init(campaign: Int, day: Int32) {
            self.campaign = campaign
            week = Date32(days: day).weekStart.days
        }

        init(campaign: Int, week: Int32) {
            self.campaign = campaign
            self.week = week
        }
    }

    /// Finds the old daily and weekly rows and works out the new sums: of the campaigns not `rebuilt` from the old
    /// sums and the change, of the `rebuilt` ones from all their daily rows (``GoldCampaignRegroup``).
    ///
    /// Only the stored rows that change are looked up, each with zone maps on the date: the daily rows on the
    /// run's days, the weekly rows of the (campaign, week)s that gain or lose a day row, and — only for a week
    /// that loses a day row and gains none — that week's other day rows, which say whether it keeps a weekly
    /// row. So a run of days after every stored one reads no daily row group (each one's dates end before
    /// them); the weekly table, stored by campaign, is read for its key columns unless the run starts a week.
    /// A rebuilt campaign's daily rows are read on every day, its weekly rows found to be deleted.
    private func plan(
        rebuilding rebuilt: Set<Int>, silver: SilverView, oldTotal: [Int: GoldSums], totals: GoldStoredRows, snapshot: Manifest
    ) throws -> Plan {
        let rebuiltIDs = Set(rebuilt.map { campaigns[$0].campaignID })
        let scopedIDs = Set(campaigns.indices.filter { !rebuilt.contains($0) }.map { campaigns[$0].campaignID })
        let allIDs = rebuiltIDs.union(scopedIDs)
        guard let firstDay = days.min(), let lastDay = days.max() else {
            return .ready(Changes(deletions: [], daily: [], weekly: [], total: [], regrouped: nil))
        }
        let rebuiltKeys = rebuilt.sorted().map { campaigns[$0] }
        /// Row groups that may hold a rebuilt campaign (any date), or one of `scoped` in `range`.
        func rowGroups(scoped: Set<String>, dateColumn: String, range: ClosedRange<Int32>) -> (RowGroupInfo, Schema) -> Bool {
            let sortedScoped = GoldZoneMaps.SortedIDs(scoped)
            return { group, schema in
                GoldZoneMaps.mayHoldAny(of: rebuiltKeys, group, schema)
                    || (GoldZoneMaps.mayHoldCampaign(group, schema, of: sortedScoped)
                        && GoldZoneMaps.mayHoldDate(group, schema, column: dateColumn, in: range))
            }
        }
        let daily = try GoldStoredRows.find(
            .kpiCampaignDaily, store: store, snapshot: snapshot, campaigns: position, campaignIDs: allIDs,
            reading: ["date"] + GoldSums.columns, rowGroups: rowGroups(scoped: scopedIDs, dateColumn: "date", range: firstDay...lastDay)
        ) { campaign, day in
            guard let day else { return .skip }
            // A rebuilt campaign keeps its rows off the run's days (with its new text); those on them are replaced.
            if rebuilt.contains(campaign) { return days.contains(day) ? .delete : .deleteReading }
            return days.contains(day) ? .deleteReading : .skip
        }

        var failed = Set<Int>()
        var weekDelta: [WeekKey: GoldSums] = [:]
        var totalDelta: [Int: GoldSums] = [:]
        func apply(_ sums: GoldSums, sign: Int64, campaign: Int, day: Int32) {
            let week = WeekKey(campaign: campaign, day: day)
            if !weekDelta[week, default: .zero].add(sums, sign: sign) || !totalDelta[campaign, default: .zero].add(sums, sign: sign) {
                failed.insert(campaign)
            }
        }
        // Old day rows out, fresh ones in; a rebuilt campaign's rows kept aside.
        var regroupedOld = GoldCampaignRegroup.DailyRows(batch: daily.rows, rows: [], campaigns: [])
        var regroupedFresh = GoldCampaignRegroup.DailyRows(batch: silver.fresh, rows: [], campaigns: [])
        var weeksLosingDays = Set<WeekKey>()
        if case .date(let oldDays)? = daily.rows.column(named: "date") {
            for (row, campaign) in daily.rowCampaigns.enumerated() {
                if rebuilt.contains(campaign) {
                    regroupedOld.rows.append(row)
                    regroupedOld.campaigns.append(campaign)
                    continue
                }
                weeksLosingDays.insert(WeekKey(campaign: campaign, day: oldDays.values[row]))
                guard let sums = GoldSums(row: row, of: daily.rows) else {
                    failed.insert(campaign)
                    continue
                }
                apply(sums, sign: -1, campaign: campaign, day: oldDays.values[row])
            }
        }
        var newDaily: [(campaign: Int, day: Int32, sums: GoldSums)] = []
        var weeksWithFreshDays = Set<WeekKey>()
        if var campaignOf = ChunkCampaigns(silver.fresh.columns[0..<3], position: position, campaignIDs: CampaignIDSet(allIDs)),
            case .date(let freshDays)? = silver.fresh.column(named: "date")
        {
            for row in 0..<silver.fresh.rowCount {
                // Other campaigns and days may come along (GoldQueries.daySums): only the asked ones count.
                guard let campaign = campaignOf.campaign(ofRow: row), days.contains(freshDays.values[row]) else { continue }
                if rebuilt.contains(campaign) {
                    regroupedFresh.rows.append(row)
                    regroupedFresh.campaigns.append(campaign)
                    continue
                }
                let day = freshDays.values[row]
                guard let sums = GoldSums(row: row, of: silver.fresh) else {
                    failed.insert(campaign)
                    continue
                }
                newDaily.append((campaign, day, sums))
                weeksWithFreshDays.insert(WeekKey(campaign: campaign, day: day))
                apply(sums, sign: 1, campaign: campaign, day: day)
            }
        }
        // A week that loses day rows and gains none keeps its weekly row only if it has another day: look for one.
        let emptiedWeeks = weeksLosingDays.subtracting(weeksWithFreshDays)
        var keptWeeks = Set<WeekKey>()
        if let firstWeek = emptiedWeeks.map(\.week).min(), let lastWeek = emptiedWeeks.map(\.week).max() {
            let emptiedIDs = Set(emptiedWeeks.map { campaigns[$0.campaign].campaignID })
            let sortedEmptied = GoldZoneMaps.SortedIDs(emptiedIDs)
            let witnesses = try GoldStoredRows.find(
                .kpiCampaignDaily, store: store, snapshot: snapshot, campaigns: position, campaignIDs: emptiedIDs,
                rowGroups: { group, schema in
                    GoldZoneMaps.mayHoldCampaign(group, schema, of: sortedEmptied)
                        && GoldZoneMaps.mayHoldDate(group, schema, column: "date", in: firstWeek...(lastWeek + 6))
                }
            ) { campaign, day in
                guard let day, !days.contains(day), emptiedWeeks.contains(WeekKey(campaign: campaign, day: day)) else { return .skip }
                return .witness
            }
            keptWeeks = Set(witnesses.witnesses.map { WeekKey(campaign: $0.campaign, day: $0.day) })
        }
        let weeksWithRows = weeksWithFreshDays.union(keptWeeks)
        // Weeks: the old weekly row plus the change, where the week still has a day; gone where it has none.
        let changedWeeks = weeksLosingDays.union(weeksWithFreshDays)
        let changedMondays = changedWeeks.map(\.week)
        let changedWeekRange = (changedMondays.min() ?? Date32(days: firstDay).weekStart.days)...(changedMondays.max() ?? Date32(days: lastDay).weekStart.days)
        let weekly = try GoldStoredRows.find(
            .kpiCampaignWeekly, store: store, snapshot: snapshot, campaigns: position, campaignIDs: allIDs,
            reading: ["week"] + GoldSums.columns, rowGroups: rowGroups(scoped: Set(changedWeeks.map { campaigns[$0.campaign].campaignID }), dateColumn: "week", range: changedWeekRange)
        ) { campaign, week in
            guard let week else { return .skip }
            if rebuilt.contains(campaign) { return .delete }
            return changedWeeks.contains(WeekKey(campaign: campaign, week: week)) ? .deleteReading : .skip
        }
        var oldWeekly: [WeekKey: GoldSums] = [:]
        if case .date(let oldWeeks)? = weekly.rows.column(named: "week") {
            for (row, campaign) in weekly.rowCampaigns.enumerated() {
                guard let sums = GoldSums(row: row, of: weekly.rows) else {
                    failed.insert(campaign)
                    continue
                }
                oldWeekly[WeekKey(campaign: campaign, week: oldWeeks.values[row])] = sums
            }
        }
        var newWeekly: [(campaign: Int, day: Int32, sums: GoldSums)] = []
        for key in weeksWithRows where !rebuilt.contains(key.campaign) {
            var sums = oldWeekly[key] ?? .zero
            // A week with stored days but no stored weekly row cannot come from a consistent store: rebuild.
            if oldWeekly[key] == nil, keptWeeks.contains(key) || weeksLosingDays.contains(key) {
                failed.insert(key.campaign)
            }
            if !sums.add(weekDelta[key] ?? .zero) { failed.insert(key.campaign) }
            newWeekly.append((key.campaign, key.week, sums))
        }
        // Totals: every campaign with a live Silver row keeps one.
        var newTotal: [(campaign: Int, day: Int32, sums: GoldSums)] = []
        let campaignsWithOldDays = Set(daily.rowCampaigns).union(keptWeeks.map(\.campaign))
        for campaign in campaigns.indices where !rebuilt.contains(campaign) && silver.latest.seen[campaign] {
            var sums = oldTotal[campaign] ?? .zero
            // Old day rows but no stored total cannot come from a consistent store either.
            if oldTotal[campaign] == nil, campaignsWithOldDays.contains(campaign) { failed.insert(campaign) }
            if !sums.add(totalDelta[campaign] ?? .zero) { failed.insert(campaign) }
            newTotal.append((campaign, 0, sums))
        }
        if !failed.isEmpty { return .needsRebuild(failed) }
        let regrouped = rebuilt.isEmpty
            ? nil : try GoldCampaignRegroup.tables(from: [regroupedOld, regroupedFresh], campaigns: campaigns, latest: silver.latest)
        let totalDeletions = totals.deletions
        return .ready(Changes(
            deletions: [(.kpiCampaignDaily, daily.deletions), (.kpiCampaignWeekly, weekly.deletions), (.kpiCampaignTotal, totalDeletions)],
            daily: newDaily, weekly: newWeekly, total: newTotal, regrouped: regrouped))
    }

    /// Deletes the old rows and appends the new ones (and the regrouped campaigns' rows) in the transaction.
    private func write(_ changes: Changes, latest: CampaignLatestText) throws {
        for (table, deletions) in changes.deletions {
            for (segment, rows) in deletions.sorted(by: { $0.key < $1.key }) {
                try transaction.delete(rows: rows.sorted(), segment: segment, of: table.rawValue)
            }
        }
        let whole = changes.regrouped
        let fresh: [(ContractTable, [(campaign: Int, day: Int32, sums: GoldSums)], Batch?)] = [
            (.kpiCampaignDaily, changes.daily, whole?.daily), (.kpiCampaignWeekly, changes.weekly, whole?.weekly),
            (.kpiCampaignTotal, changes.total, whole?.total),
        ]
        for (table, rows, rebuiltRows) in fresh {
            let batch = Batch.concatenate([self.batch(table, rows, latest: latest), rebuiltRows ?? Batch(empty: table.storedSchema)], schema: table.storedSchema)
            try transaction.append(BatchSort.sorted(batch, by: table.keyColumns), to: table.rawValue)
        }
    }

    /// Gold rows of `table` with each campaign's latest name and currency.
    private func batch(_ table: ContractTable, _ rows: [(campaign: Int, day: Int32, sums: GoldSums)], latest: CampaignLatestText) -> Batch {
        var columns: [Column] = [
            .string(StringColumn(rows.map { Optional(campaigns[$0.campaign].source) })),
            .string(StringColumn(rows.map { Optional(campaigns[$0.campaign].accountID) })),
            .string(StringColumn(rows.map { Optional(campaigns[$0.campaign].campaignID) })),
        ]
        if table != .kpiCampaignTotal { columns.append(.date(PrimitiveColumn(values: rows.map(\.day)))) }
        let stored = rows.map(\.sums.stored)
        columns += [
            .string(StringColumn(rows.map { latest.name[$0.campaign]?.text })),
            .string(StringColumn(rows.map { latest.currency[$0.campaign]?.text })),
            .int64(PrimitiveColumn(values: stored.map(\.impressions))), .int64(PrimitiveColumn(values: stored.map(\.clicks))),
            .double(PrimitiveColumn(values: stored.map(\.spend))), .double(PrimitiveColumn(values: stored.map(\.conversions))),
            .double(PrimitiveColumn(values: stored.map(\.conversionValue))),
        ]
        return Batch(schema: table.storedSchema, columns: columns)
    }
}
