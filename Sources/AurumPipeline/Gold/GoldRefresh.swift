import AurumCore
import AurumStorage

/// Brings the Gold tables of a transaction up to date after Silver changed for some campaigns on some days.
///
/// A full build (`campaigns == nil`: the first ingest into an empty store, `aurum rebuild`) aggregates every
/// Silver row and rewrites the three tables whole, sorted by key (the latest week in a segment of its own:
/// ``GoldLayout``). An ingest into a store with Gold changes only
/// the Gold rows its days touch (``GoldDayRefresh``): the old rows are marked deleted with delete vectors and
/// the new ones appended as a new segment, so Gold is no longer one sorted run; ``GoldCompaction`` rewrites a
/// table whole and sorted when it has fragmented. Every reader that promises an order sorts (export's CSV by
/// the table's key; queries by their ORDER BY).
enum GoldRefresh {
    static let tables: [ContractTable] = [.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal]

    /// - Parameter days: the dates of the run's Silver rows (the rows they restate have the same dates); nil
    ///   with `campaigns` nil.
    /// - Parameter restated: the campaigns of the stored Silver rows the run deleted (restated).
    static func refresh(
        store: Store, transaction: Transaction, campaigns: Set<CampaignKey>?, days: Set<Int32>? = nil, restated: Set<CampaignKey> = []
    ) throws {
        for table in tables { try transaction.ensureTable(table.rawValue, schema: table.storedSchema) }
        if let campaigns, campaigns.isEmpty { return }
        // Without stored totals there is nothing to update (a store whose Gold is missing): build it whole.
        let goldHeld = (transaction.manifest.tables[ContractTable.kpiCampaignTotal.rawValue]?.liveRowCount ?? 0) > 0
        if let campaigns, let days, goldHeld {
            try GoldDayRefresh(store: store, transaction: transaction, campaigns: campaigns, days: days, restated: restated).apply()
            for table in tables { try GoldCompaction.compact(table, store: store, transaction: transaction) }
            return
        }
        let fresh = try GoldBuilder.build(store: store, snapshot: transaction.manifest)
        for (table, rows) in zip(tables, [fresh.daily, fresh.weekly, fresh.total]) {
            try GoldLayout.replace(table, with: rows, in: transaction)
        }
    }
}
