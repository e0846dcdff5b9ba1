import AurumAdsAPI
import AurumCore

/// Collects one run's valid rows as `ad_insights` columns, in ingest order, keeping only the last valid row
/// of each dedup key (contract rule 5) — rows it replaces are counted as superseded.
struct SilverRowsBuilder {
    private(set) var source = StringColumnBuilder()
    private(set) var accountID = StringColumnBuilder()
    private var currency = StringColumnBuilder()
    private(set) var campaignID = StringColumnBuilder()
    private var campaignName = StringColumnBuilder()
    private var adsetID = StringColumnBuilder()
    private var adsetName = StringColumnBuilder()
    private(set) var adID = StringColumnBuilder()
    private var adName = StringColumnBuilder()
    private(set) var dates: [Int32] = []
    private var impressions: [Int64] = []
    private var clicks: [Int64] = []
    private var spend: [Double] = []
    private var conversions: [Double] = []
    private var conversionValue: [Double] = []
    private var conversionAction = StringColumnBuilder()
    private var fileIDs: [Int64] = []
    private var rowNumbers: [Int64] = []
    /// `superseded[i]` when a later row of this run replaced row `i`.
    private var superseded: [Bool] = []
    /// The row holding each key, for the rows still live.
    private var winners = DedupIndex()
    /// The rows appended but not yet deduplicated (``settle()``): their source and account codes, and the
    /// values of the columns of many distinct values, coded together when they are settled.
    private var unsettled = UnsettledRows()
    /// Rows of this run replaced by later rows of this run.
    private(set) var supersededCount = 0

    var count: Int { dates.count }
    var liveCount: Int {
        precondition(unsettled.isEmpty, "settle() first")
        return count - supersededCount
    }

    /// Room for about `rows` rows without growing, so that ten million rows are not copied a dozen times over
    /// (and their fresh pages faulted in twice) on the way.
    mutating func reserveCapacity(_ rows: Int) {
        source.reserveCapacity(rows)
        accountID.reserveCapacity(rows)
        currency.reserveCapacity(rows)
        campaignID.reserveCapacity(rows)
        campaignName.reserveCapacity(rows)
        adsetID.reserveCapacity(rows)
        adsetName.reserveCapacity(rows)
        adID.reserveCapacity(rows)
        adName.reserveCapacity(rows)
        conversionAction.reserveCapacity(rows)
        dates.reserveCapacity(rows)
        impressions.reserveCapacity(rows)
        clicks.reserveCapacity(rows)
        spend.reserveCapacity(rows)
        conversions.reserveCapacity(rows)
        conversionValue.reserveCapacity(rows)
        fileIDs.reserveCapacity(rows)
        rowNumbers.reserveCapacity(rows)
        superseded.reserveCapacity(rows)
        winners.reserveCapacity(rows)
    }

    /// Adds a valid row. Its ids and names are coded, and it is deduplicated against the run's other rows
    /// (rule 5), by ``settle()``, which must come before the rows are read.
    mutating func append(_ record: SilverRecord, source adSource: AdSource, fileID: Int64, row: Int64) {
        unsettled.sources.append(source.append(adSource.rawValue))
        unsettled.accounts.append(accountID.append(record.accountId))
        currency.append(record.currency)
        unsettled.campaignIDs.append(record.campaignId)
        unsettled.campaignNames.append(record.campaignName)
        unsettled.adsetIDs.append(record.adsetId)
        unsettled.adsetNames.append(record.adsetName)
        unsettled.adIDs.append(record.adId)
        unsettled.adNames.append(record.adName)
        dates.append(record.date.days)
        impressions.append(record.impressions)
        clicks.append(record.clicks)
        spend.append(record.spend)
        conversions.append(record.conversions)
        conversionValue.append(record.conversionValue)
        conversionAction.append(record.conversionAction)
        fileIDs.append(fileID)
        rowNumbers.append(row)
        superseded.append(false)
    }

    /// Codes the ids and names of the rows appended since the last call, then deduplicates those rows in order:
    /// each takes its key from any earlier row, which is then superseded. A page's values are looked up
    /// together, and its keys too (``DedupIndex/add(contentsOf:)``), so that the cache misses of its rows
    /// overlap instead of coming one after another.
    mutating func settle() {
        guard !unsettled.isEmpty else { return }
        campaignID.append(contentsOf: unsettled.campaignIDs)
        campaignName.append(contentsOf: unsettled.campaignNames)
        adsetID.append(contentsOf: unsettled.adsetIDs)
        adsetName.append(contentsOf: unsettled.adsetNames)
        let ads = adID.append(contentsOf: unsettled.adIDs)
        adName.append(contentsOf: unsettled.adNames)
        let first = count - ads.count
        let keys = ads.indices.map { index in
            SilverKey(source: unsettled.sources[index], account: unsettled.accounts[index], ad: ads[index], date: dates[first + index])
        }
        for case let previous? in winners.add(contentsOf: keys) {
            superseded[previous] = true
            supersededCount += 1
        }
        unsettled.removeAll()
    }

    /// Rows appended but not yet settled.
    private struct UnsettledRows {
        var sources: [UInt32] = []
        var accounts: [UInt32] = []
        var campaignIDs: [String?] = []
        var campaignNames: [String?] = []
        var adsetIDs: [String?] = []
        var adsetNames: [String?] = []
        var adIDs: [String?] = []
        var adNames: [String?] = []

        var isEmpty: Bool { sources.isEmpty }

        mutating func removeAll() {
            sources.removeAll(keepingCapacity: true)
            accounts.removeAll(keepingCapacity: true)
            campaignIDs.removeAll(keepingCapacity: true)
            campaignNames.removeAll(keepingCapacity: true)
            adsetIDs.removeAll(keepingCapacity: true)
            adsetNames.removeAll(keepingCapacity: true)
            adIDs.removeAll(keepingCapacity: true)
            adNames.removeAll(keepingCapacity: true)
        }
    }

    /// Whether a live row of this run has `key`.
    func holds(_ key: SilverKey) -> Bool {
        precondition(unsettled.isEmpty, "settle() first")
        return winners.row(of: key) != nil
    }

    /// The key of a stored row, in this run's codes, if this run has rows with those values at all.
    func key(source text: String, account: String, ad: String, date: Int32) -> SilverKey? {
        guard let sourceCode = source.existingCode(of: text), let accountCode = accountID.existingCode(of: account),
            let adCode = adID.existingCode(of: ad)
        else { return nil }
        return SilverKey(source: sourceCode, account: accountCode, ad: adCode, date: date)
    }

    /// The date range of the live rows, or nil when there are none.
    var dateRange: ClosedRange<Int32>? {
        guard let low = dates.min(), let high = dates.max() else { return nil }
        return low...high
    }

    /// The campaigns of the live rows: their distinct (source, account, campaign) codes first, so that only
    /// those become text keys.
    var campaigns: Set<CampaignKey> {
        let sources = source.finish()
        let accounts = accountID.finish()
        let campaigns = campaignID.finish()
        var seen = Set<CodeTriple>()
        for index in 0..<count where !superseded[index] {
            seen.insert(CodeTriple(source: sources.codes[index], account: accounts.codes[index], campaign: campaigns.codes[index]))
        }
        return Set(seen.map { codes in
            CampaignKey(
                source: sources.dictionary[Int(codes.source)], accountID: accounts.dictionary[Int(codes.account)],
                campaignID: campaigns.dictionary[Int(codes.campaign)])
        })
    }

    private struct CodeTriple: Hashable {
        var source: UInt32
        var account: UInt32
        var campaign: UInt32
    }

    /// The live rows as an `ad_insights` batch, ordered by month, then source, account, ad and date.
    ///
    /// Month order clusters the run's rows so that date zone maps prune whole row groups; within a month each
    /// ad's days are contiguous, so its ids, names and slowly changing numbers repeat row after row, which the
    /// encodings and zstd turn into a fraction of a byte.
    /// (Gold does not depend on this order: its sums are exact, and ties are broken by (file_id, row).)
    func finish() -> Batch {
        precondition(unsettled.isEmpty, "settle() first")
        let columns: [Column] = [
            .string(source.finish()), .string(accountID.finish()), .string(currency.finish()),
            .string(campaignID.finish()), .string(campaignName.finish()), .string(adsetID.finish()),
            .string(adsetName.finish()), .string(adID.finish()), .string(adName.finish()),
            .date(PrimitiveColumn(values: dates)), .int64(PrimitiveColumn(values: impressions)),
            .int64(PrimitiveColumn(values: clicks)), .double(PrimitiveColumn(values: spend)),
            .double(PrimitiveColumn(values: conversions)), .double(PrimitiveColumn(values: conversionValue)),
            .string(conversionAction.finish()), .int64(PrimitiveColumn(values: fileIDs)),
            .int64(PrimitiveColumn(values: rowNumbers)),
        ]
        let batch = Batch(schema: ContractTable.adInsights.schema, columns: columns)
        guard case .string(let sources) = columns[0], case .string(let accounts) = columns[1],
            case .string(let ads) = columns[7]
        else { preconditionFailure("ad_insights schema") }
        // Rank each dictionary in byte order, as the segment writer will code it, so codes ascend on disk.
        func ranked(_ column: StringColumn) -> [UInt64] {
            let rank = column.byteOrderRanks
            return column.codes.map { UInt64(rank[Int($0)]) }
        }
        let (sourceRanks, accountRanks, adRanks) = (ranked(sources), ranked(accounts), ranked(ads))
        // The sort key packed in two words, (month, source, account) and (ad, date), compared as integers.
        precondition(sources.dictionary.count <= 1 << 8, "at most 256 sources")
        var keys: [SortKey] = []
        keys.reserveCapacity(liveCount)
        var month = (day: Int32.min, value: UInt64(0))
        for index in 0..<count where !superseded[index] {
            if dates[index] != month.day {
                let civil = Date32(days: dates[index]).civil
                month = (dates[index], UInt64(civil.year * 12 + civil.month))
            }
            let date = UInt64(UInt32(bitPattern: dates[index]) ^ 0x8000_0000)  // signed order as unsigned
            keys.append(SortKey(
                high: month.value << 40 | sourceRanks[index] << 32 | accountRanks[index],
                low: adRanks[index] << 32 | date, row: index))
        }
        // (The row breaks ties: a total order, so the unstable sort gives the stable result.)
        Parallel.sort(&keys) { ($0.high, $0.low, $0.row) < ($1.high, $1.low, $1.row) }
        return batch.gather(keys.map(\.row))
    }

    private struct SortKey {
        var high: UInt64
        var low: UInt64
        var row: Int
    }
}
