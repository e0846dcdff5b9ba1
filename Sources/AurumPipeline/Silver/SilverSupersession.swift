import AurumCore
import AurumStorage

/// Finds the stored Silver rows that a run's rows supersede (same dedup key, earlier in ingest order) and
/// deletes them in the transaction (contract rule 5 across runs).
///
/// Only row groups whose date zone map overlaps the run's dates are read (Silver is stored by month, so a
/// run of recent days reads the recent months' row groups, not every segment that holds one), and only their
/// key columns; a chunk's dictionaries are translated to the run's codes once, so the per-row work is array
/// lookups and one hash probe.
enum SilverSupersession {
    struct Result {
        /// Stored rows deleted because a row of this run restates them.
        var restated = 0
        /// Of ``restated``, the rows an earlier step of the same command stored (file_id at or past its
        /// first): one run's row superseding another, which is how one-step ingest counts them.
        var restatedOwn = 0
        /// The campaigns those deleted rows belonged to.
        var campaigns = Set<CampaignKey>()
    }

    /// - Parameter ownRowsFrom: the first file_id of the command this step belongs to, when earlier steps of it
    ///   are committed (``Result/restatedOwn`` then counts their rows); nil for a command's first step.
    static func apply(run: SilverRowsBuilder, store: Store, transaction: Transaction, ownRowsFrom: Int64? = nil) throws -> Result {
        var result = Result()
        guard let dates = run.dateRange else { return result }
        let table = ContractTable.adInsights.rawValue
        var deletions: [Int: [Int]] = [:]
        // file_id is read only when an earlier step's rows may be among those deleted.
        let columns = ["source", "account_id", "ad_id", "date", "campaign_id"] + (ownRowsFrom == nil ? [] : ["file_id"])
        try store.scanChunks(
            table, in: transaction.manifest, columns: columns,
            rowGroupFilter: { group, schema in
                guard let position = schema.index(of: "date"), case .date(let low) = group.blocks[position].stats.min,
                    case .date(let high) = group.blocks[position].stats.max
                else { return true }
                return low.days <= dates.upperBound && high.days >= dates.lowerBound
            }
        ) { chunk in
            guard case .string(let sources) = chunk.batch.columns[0], case .string(let accounts) = chunk.batch.columns[1],
                case .string(let ads) = chunk.batch.columns[2], case .date(let days) = chunk.batch.columns[3],
                case .string(let campaigns) = chunk.batch.columns[4]
            else { return }
            let sourceCodes = sources.dictionary.map { run.source.existingCode(of: $0) }
            let accountCodes = accounts.dictionary.map { run.accountID.existingCode(of: $0) }
            let adCodes = ads.dictionary.map { run.adID.existingCode(of: $0) }
            for row in 0..<chunk.batch.rowCount {
                if let live = chunk.live, !live[row] { continue }
                guard let source = sourceCodes[Int(sources.codes[row])], let account = accountCodes[Int(accounts.codes[row])],
                    let ad = adCodes[Int(ads.codes[row])]
                else { continue }
                let key = SilverKey(source: source, account: account, ad: ad, date: days.values[row])
                guard run.holds(key) else { continue }
                deletions[chunk.segmentIndex, default: []].append(chunk.firstRow + row)
                result.restated += 1
                if let ownRowsFrom, case .int64(let fileIDs) = chunk.batch.columns[5], fileIDs.values[row] >= ownRowsFrom {
                    result.restatedOwn += 1
                }
                result.campaigns.insert(
                    CampaignKey(source: sources.dictionary[Int(sources.codes[row])], accountID: accounts.dictionary[Int(accounts.codes[row])],
                        campaignID: campaigns.dictionary[Int(campaigns.codes[row])]))
            }
        }
        for (segment, rows) in deletions.sorted(by: { $0.key < $1.key }) {
            try transaction.delete(rows: rows, segment: segment, of: table)
        }
        return result
    }
}
