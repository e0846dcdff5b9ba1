import AurumCore
import AurumKernels
import AurumStorage

/// The three Gold tables.
struct GoldTables {
    var daily: Batch
    var weekly: Batch
    var total: Batch
}

/// Computes `kpi_campaign_daily`, `kpi_campaign_weekly` and `kpi_campaign_total` from Silver rows fed chunk
/// by chunk in Silver's stored order (which is ingest order).
///
/// Group keys become dense ids (a per-chunk ``GroupIndex`` over dictionary codes, then a global one over
/// (campaign, day)), and the measures are summed into dense arrays: Silver rows into daily groups, then daily
/// sums into weekly and all-time groups. Integer sums and ``DecimalSums`` are exact, so Gold does not depend on
/// the order rows are read in: the same Silver gives bit-identical Gold however it was ingested.
/// campaign_name is the campaign's non-empty name on its row with the greatest (date, ingest order) — ingest
/// order being (file_id, row) — the same for all its Gold rows. currency is the account's (the contract: one per
/// account), taken as the non-NULL currency of the campaign's row with the greatest (date, ingest order).
struct GoldBuilder {
    /// The Silver columns Gold reads.
    static let inputColumns = [
        "source", "account_id", "campaign_id", "campaign_name", "currency", "date",
        "impressions", "clicks", "spend", "conversions", "conversion_value", "file_id", "row",
    ]

    /// Only these campaigns are aggregated (all when nil).
    let campaignFilter: Set<CampaignKey>?

    private var campaigns: [CampaignKey] = []
    private var campaignIDs: [CampaignKey: UInt32] = [:]
    /// (date, file_id, row) of the row that gave the name / the currency.
    private var namedAt: [Provenance] = []
    private var name: [String?] = []
    private var latestAt: [Provenance] = []
    private var latestCurrency: [String?] = []

    /// A row's place in (date, ingest order).
    private struct Provenance: Comparable {
        var date: Int32
        var fileID: Int64
        var row: Int64
        static let earliest = Provenance(date: Int32.min, fileID: Int64.min, row: Int64.min)
        static func < (a: Provenance, b: Provenance) -> Bool { (a.date, a.fileID, a.row) < (b.date, b.fileID, b.row) }
    }
    private var dailyIndex = GroupIndex()
    private var daily = GoldMeasures()

    init(campaigns filter: Set<CampaignKey>? = nil) {
        campaignFilter = filter
    }

    /// Aggregates every live Silver row of `snapshot` (of the chosen campaigns).
    static func build(store: Store, snapshot: Manifest, campaigns filter: Set<CampaignKey>? = nil) throws -> GoldTables {
        var builder = GoldBuilder(campaigns: filter)
        let wanted = filter.map { Set($0.map(\.campaignID)) }
        try store.scanChunks(ContractTable.adInsights.rawValue, in: snapshot, columns: inputColumns, where: { segment in
            // Zone maps: skip segments whose campaign_id range holds none of the wanted campaigns.
            guard let wanted, let position = segment.footer.schema.index(of: "campaign_id") else { return true }
            return segment.footer.rowGroups.contains { group in
                guard case .string(let low) = group.blocks[position].stats.min,
                    case .string(let high) = group.blocks[position].stats.max
                else { return true }
                return wanted.contains { id in
                    !ExactText.bytesPrecede(id, low) && !ExactText.bytesPrecede(high, id)
                }
            }
        }) { chunk in
            builder.add(chunk.liveBatch)
        }
        return try builder.finish()
    }

    private mutating func campaignID(of key: CampaignKey) -> UInt32 {
        if let id = campaignIDs[key] { return id }
        let id = UInt32(campaigns.count)
        campaigns.append(key)
        campaignIDs[key] = id
        namedAt.append(.earliest)
        name.append(nil)
        latestAt.append(.earliest)
        latestCurrency.append(nil)
        return id
    }

    /// Adds the rows of `batch` (columns ``inputColumns``, in Silver order).
    mutating func add(_ batch: Batch) {
        let rowCount = batch.rowCount
        guard rowCount > 0,
            case .string(let sources) = batch.columns[0], case .string(let accounts) = batch.columns[1],
            case .string(let campaignColumn) = batch.columns[2], case .string(let names) = batch.columns[3],
            case .string(let currencies) = batch.columns[4], case .date(let dates) = batch.columns[5],
            case .int64(let impressions) = batch.columns[6], case .int64(let clicks) = batch.columns[7],
            case .double(let spend) = batch.columns[8], case .double(let conversions) = batch.columns[9],
            case .double(let conversionValue) = batch.columns[10], case .int64(let fileIDs) = batch.columns[11],
            case .int64(let rowNumbers) = batch.columns[12]
        else { return }

        // 1. Dense local ids over the (source, account, campaign) codes of this chunk.
        let accountRange = UInt64(max(accounts.dictionary.count, 1))
        let campaignRange = UInt64(max(campaignColumn.dictionary.count, 1))
        var localIndex = GroupIndex(capacity: 64)
        var localIDs = [UInt32](repeating: 0, count: rowCount)
        for row in 0..<rowCount {
            let key = (UInt64(sources.codes[row]) &* accountRange &+ UInt64(accounts.codes[row])) &* campaignRange
                &+ UInt64(campaignColumn.codes[row])
            localIDs[row] = localIndex.id(of: key)
        }
        // 2. Local ids to global campaign ids (UInt32.max: filtered out), once per distinct campaign.
        var localToGlobal = [UInt32](repeating: UInt32.max, count: localIndex.count)
        for (local, key) in localIndex.groupKeys.enumerated() {
            let campaignCode = Int(key % campaignRange)
            let rest = key / campaignRange
            let campaign = CampaignKey(
                source: sources.dictionary[Int(rest / accountRange)], accountID: accounts.dictionary[Int(rest % accountRange)],
                campaignID: campaignColumn.dictionary[campaignCode])
            if let campaignFilter, !campaignFilter.contains(campaign) { continue }
            localToGlobal[local] = campaignID(of: campaign)
        }
        // 3. The selected rows, their campaign and day keys.
        var selected: [Int] = []
        selected.reserveCapacity(rowCount)
        var campaignOfRow: [UInt32] = []
        campaignOfRow.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let campaign = localToGlobal[Int(localIDs[row])]
            if campaign != UInt32.max {
                selected.append(row)
                campaignOfRow.append(campaign)
            }
        }
        guard !selected.isEmpty else { return }
        let all = selected.count == rowCount
        let rows = GoldInputRows(
            impressions: all ? impressions.values : impressions.gather(selected).values,
            clicks: all ? clicks.values : clicks.gather(selected).values,
            spend: all ? spend.values : spend.gather(selected).values,
            conversions: all ? conversions.values : conversions.gather(selected).values,
            conversionValue: all ? conversionValue.values : conversionValue.gather(selected).values)
        var dailyKeys = [UInt64](repeating: 0, count: selected.count)
        for (position, row) in selected.enumerated() {
            dailyKeys[position] = UInt64(campaignOfRow[position]) << 32 | UInt64(UInt32(bitPattern: dates.values[row]))
        }
        var dailyGroups = [UInt32](repeating: 0, count: selected.count)
        dailyKeys.withUnsafeBufferPointer { keys in dailyGroups.withUnsafeMutableBufferPointer { dailyIndex.ids(of: keys, into: $0) } }
        daily.grow(to: dailyIndex.count)
        dailyGroups.withUnsafeBufferPointer { daily.add(rows, groups: $0) }

        // 4. Latest name and currency by (date, file_id, row): explicit, so the order of reading does not matter.
        var namedRow: [Int: Int] = [:]
        var latestRow: [Int: Int] = [:]
        for (position, row) in selected.enumerated() {
            let campaign = Int(campaignOfRow[position])
            let at = Provenance(date: dates.values[row], fileID: fileIDs.values[row], row: rowNumbers.values[row])
            if !currencies.isNull(row), latestAt[campaign] < at {
                latestAt[campaign] = at
                latestRow[campaign] = row
            }
            if !names.isNull(row), !names.dictionary[Int(names.codes[row])].isEmpty, namedAt[campaign] < at {
                namedAt[campaign] = at
                namedRow[campaign] = row
            }
        }
        for (campaign, row) in namedRow { name[campaign] = names[row] }
        for (campaign, row) in latestRow { latestCurrency[campaign] = currencies[row] }
    }

    /// The three tables, sorted by their keys.
    ///
    /// - Throws: ``PipelineError/goldOverflow(table:campaign:day:measure:)`` when a sum does not fit its column,
    ///   rather than a wrapped or infinite number.
    func finish() throws -> GoldTables {
        // Campaigns ranked by (source, account_id, campaign_id) compared as UTF-8 bytes.
        let order = campaigns.indices.sorted { left, right in
            let a = campaigns[left]
            let b = campaigns[right]
            if !ExactText.sameBytes(a.source, b.source) { return ExactText.bytesPrecede(a.source, b.source) }
            if !ExactText.sameBytes(a.accountID, b.accountID) { return ExactText.bytesPrecede(a.accountID, b.accountID) }
            return ExactText.bytesPrecede(a.campaignID, b.campaignID)
        }
        var rank = [Int](repeating: 0, count: campaigns.count)
        for (position, campaign) in order.enumerated() { rank[campaign] = position }

        // The daily groups in (campaign rank, day) order: one integer per group, (rank, day as unsigned), sorted.
        var keyed = dailyIndex.groupKeys.enumerated().map { group, key in
            (order: UInt64(rank[Int(key >> 32)]) << 32 | UInt64(UInt32(truncatingIfNeeded: key) ^ 0x8000_0000), group: group)
        }
        Parallel.sort(&keyed) { $0.order < $1.order }
        let dailyRows = keyed.map {
            (group: $0.group, campaign: order[Int($0.order >> 32)], day: Int32(bitPattern: UInt32(truncatingIfNeeded: $0.order) ^ 0x8000_0000))
        }

        // Weekly and all-time sums from the daily sums. A campaign's days come in order, so its weeks do too: a
        // weekly group is a run of daily rows, and the weekly rows come out in key order.
        var weeklyRows: [(group: Int, campaign: Int, day: Int32)] = []
        var weekly = GoldMeasures()
        var total = GoldMeasures()
        total.grow(to: campaigns.count)
        for row in dailyRows {
            let week = Date32(days: row.day).weekStart.days
            if weeklyRows.last.map({ $0.campaign != row.campaign || $0.day != week }) ?? true {
                weeklyRows.append((group: weeklyRows.count, campaign: row.campaign, day: week))
                weekly.grow(to: weeklyRows.count)
            }
            weekly.merge(daily, group: row.group, into: weeklyRows.count - 1)
            total.merge(daily, group: row.group, into: row.campaign)
        }

        let totalRows = order.map { (group: $0, campaign: $0, day: Int32(0)) }
        try checkFits(.kpiCampaignDaily, dailyRows, daily)
        try checkFits(.kpiCampaignWeekly, weeklyRows, weekly)
        try checkFits(.kpiCampaignTotal, totalRows, total)
        return GoldTables(
            daily: table(.kpiCampaignDaily, dailyRows, daily),
            weekly: table(.kpiCampaignWeekly, weeklyRows, weekly),
            total: table(.kpiCampaignTotal, totalRows, total))
    }

    /// Throws for the first row (in key order) with a sum that does not fit its column.
    private func checkFits(_ kind: ContractTable, _ rows: [(group: Int, campaign: Int, day: Int32)], _ measures: GoldMeasures) throws {
        for row in rows {
            guard let measure = measures.overflowingMeasure(row.group) else { continue }
            let key = campaigns[row.campaign]
            throw PipelineError.goldOverflow(
                table: kind.rawValue, campaign: "\(key.source)/\(key.accountID)/\(key.campaignID)",
                day: kind == .kpiCampaignTotal ? nil
                    : (kind == .kpiCampaignDaily ? "on " : "in the week starting ") + Date32(days: row.day).description,
                measure: measure)
        }
    }

    private func table(_ kind: ContractTable, _ rows: [(group: Int, campaign: Int, day: Int32)], _ measures: GoldMeasures) -> Batch {
        // A campaign's texts are coded once, at its first row; each row then takes its campaign's codes.
        var sources = StringColumnBuilder()
        var accounts = StringColumnBuilder()
        var campaignColumn = StringColumnBuilder()
        var names = StringColumnBuilder()
        var currencies = StringColumnBuilder()
        typealias Codes = (source: UInt32, account: UInt32, campaign: UInt32, name: UInt32?, currency: UInt32?)
        var codesOf = [Codes?](repeating: nil, count: campaigns.count)
        var textCodes = (source: [UInt32](), account: [UInt32](), campaign: [UInt32](), name: [UInt32](), currency: [UInt32]())
        var valid = (name: [UInt8](), currency: [UInt8]())
        for row in rows {
            let codes: Codes
            if let known = codesOf[row.campaign] {
                codes = known
            } else {
                let key = campaigns[row.campaign]
                codes = (sources.intern(key.source), accounts.intern(key.accountID), campaignColumn.intern(key.campaignID),
                         name[row.campaign].map { names.intern($0) }, latestCurrency[row.campaign].map { currencies.intern($0) })
                codesOf[row.campaign] = codes
            }
            textCodes.source.append(codes.source)
            textCodes.account.append(codes.account)
            textCodes.campaign.append(codes.campaign)
            textCodes.name.append(codes.name ?? 0)
            textCodes.currency.append(codes.currency ?? 0)
            valid.name.append(codes.name == nil ? 0 : 1)
            valid.currency.append(codes.currency == nil ? 0 : 1)
        }
        func column(_ builder: StringColumnBuilder, _ codes: [UInt32], validity: [UInt8]? = nil) -> Column {
            .string(StringColumn(dictionary: builder.finish().dictionary, codes: codes, validity: validity?.contains(0) == true ? validity : nil))
        }
        let groups = rows.map(\.group)
        let impressions = groups.map { measures.impressions[$0] }
        let clicks = groups.map { measures.clicks[$0] }
        let spend = groups.map { measures.spend.value($0) }
        let conversions = groups.map { measures.conversions.value($0) }
        let conversionValue = groups.map { measures.conversionValue.value($0) }
        var columns: [Column] = [
            column(sources, textCodes.source), column(accounts, textCodes.account), column(campaignColumn, textCodes.campaign),
        ]
        if kind != .kpiCampaignTotal { columns.append(.date(PrimitiveColumn(values: rows.map(\.day)))) }
        columns += [
            column(names, textCodes.name, validity: valid.name), column(currencies, textCodes.currency, validity: valid.currency),
            .int64(PrimitiveColumn(values: impressions)), .int64(PrimitiveColumn(values: clicks)),
            .double(PrimitiveColumn(values: spend)), .double(PrimitiveColumn(values: conversions)),
            .double(PrimitiveColumn(values: conversionValue)),
        ]
        return Batch(schema: kind.storedSchema, columns: columns)
    }
}
