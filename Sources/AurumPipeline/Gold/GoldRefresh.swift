import AurumCore
import AurumStorage

/// Brings the Gold tables of a transaction up to date after Silver changed for some campaigns.
///
/// Only the changed campaigns are re-aggregated (their Silver rows, found through campaign_id zone maps); the
/// other campaigns' Gold rows are kept as they are. Gold is small — one row per campaign and day — so the
/// three tables are then rewritten whole, sorted by key. A full build (`campaigns == nil`) aggregates all.
enum GoldRefresh {
    static func refresh(store: Store, transaction: Transaction, campaigns: Set<CampaignKey>?) throws {
        let tables: [ContractTable] = [.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal]
        for table in tables { try transaction.ensureTable(table.rawValue, schema: table.storedSchema) }
        if let campaigns, campaigns.isEmpty { return }
        let fresh = try GoldBuilder.build(store: store, snapshot: transaction.manifest, campaigns: campaigns)
        for (table, rows) in zip(tables, [fresh.daily, fresh.weekly, fresh.total]) {
            var merged = rows
            if let campaigns {
                let kept = try keptRows(of: table, store: store, snapshot: transaction.manifest, excluding: campaigns)
                merged = BatchSort.sorted(Batch.concatenate([kept, rows], schema: table.storedSchema), by: table.keyColumns)
            }
            try transaction.replace(table.rawValue, with: merged)
        }
    }

    /// The Gold rows of `table` whose campaign is not in `campaigns`.
    private static func keptRows(of table: ContractTable, store: Store, snapshot: Manifest, excluding campaigns: Set<CampaignKey>) throws -> Batch {
        let old = try store.readAll(table.rawValue, in: snapshot)
        guard case .string(let sources) = old.columns[0], case .string(let accounts) = old.columns[1],
            case .string(let campaignColumn) = old.columns[2]
        else { return old }
        let kept = (0..<old.rowCount).filter { row in
            !campaigns.contains(
                CampaignKey(source: sources[row] ?? "", accountID: accounts[row] ?? "", campaignID: campaignColumn[row] ?? ""))
        }
        return kept.count == old.rowCount ? old : old.gather(kept)
    }
}
