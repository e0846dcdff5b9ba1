import AurumCore
import AurumStorage

/// Stored rows of one Gold table found by key, for the incremental refresh: which to delete, and the full
/// values of those whose measures the refresh needs.
///
/// Rows are found in two passes, so that a refresh reads little more than keys: the first matches the
/// campaign_id of the row groups that `rowGroups` admits (zone maps on campaign_id and the date) on its
/// dictionary's bytes and reads the other key columns of the rows it keeps; the second reads the columns the
/// caller needs (every one unless it says) of the rows to read alone. So the cost follows the rows found,
/// not the table: the all-time table holds one distinct campaign_id and name a row.
struct GoldStoredRows {
    /// What the refresh wants with a stored row, given its campaign's position and its date (nil for the
    /// all-time table).
    enum Match {
        case skip
        /// Delete it; its values are not needed.
        case delete
        /// Delete it and hand back its values.
        case deleteReading
        /// Keep it, and report that it exists.
        case witness
    }

    /// Row numbers to delete, by segment position in the table's manifest.
    var deletions: [Int: [Int]] = [:]
    /// The stored rows of the ``Match/deleteReading`` matches (the columns asked for), in table order.
    var rows: Batch
    /// The campaign position of each row of ``rows``.
    var rowCampaigns: [Int] = []
    /// (campaign position, date) of each ``Match/witness`` match.
    var witnesses: [(campaign: Int, day: Int32)] = []

    static func find(
        _ table: ContractTable, store: Store, snapshot: Manifest, campaigns position: [CampaignKey: Int], campaignIDs: Set<String>,
        reading columns: [String]? = nil, rowGroups: @escaping (RowGroupInfo, Schema) -> Bool, match: (Int, Int32?) -> Match
    ) throws -> GoldStoredRows {
        let name = table.rawValue
        let schema = columns.map { Schema($0.compactMap { table.storedSchema.field(named: $0) }) } ?? table.storedSchema
        var found = GoldStoredRows(rows: Batch(empty: schema))
        let keys = table.keyColumns
        // 1. Keys only.
        var toRead: [Int: [(row: Int, campaign: Int)]] = [:]
        let wanted = CampaignIDSet(campaignIDs)
        let probe = TextProbe(campaignIDs)
        for group in try store.pendingRowGroups(name, in: snapshot, columns: keys, rowGroupFilter: rowGroups) {
            // campaign_id (the third key) is matched on its dictionary's bytes; only the rows it keeps are read.
            let candidates = try group.liveRows(whereText: 2, in: probe)
            guard !candidates.isEmpty else { continue }
            let batch = try group.read(rows: candidates)
            guard var campaigns = ChunkCampaigns(batch.columns[0..<3], position: position, campaignIDs: wanted) else { continue }
            var days: PrimitiveColumn<Int32>?
            if keys.count == 4, case .date(let column) = batch.columns[3] { days = column }
            for (index, row) in candidates.enumerated() {
                guard let campaign = campaigns.campaign(ofRow: index) else { continue }
                let day = days?.values[index]
                let stored = group.firstRow + row
                switch match(campaign, day) {
                case .skip: continue
                case .delete:
                    found.deletions[group.segmentIndex, default: []].append(stored)
                case .deleteReading:
                    found.deletions[group.segmentIndex, default: []].append(stored)
                    toRead[group.segmentIndex, default: []].append((stored, campaign))
                case .witness:
                    found.witnesses.append((campaign, day ?? 0))
                }
            }
        }
        guard !toRead.isEmpty, let segments = snapshot.tables[name]?.segments else { return found }
        // 2. The columns asked for (every one when nil), of only the rows to read: a caller that needs only the
        // measures skips the names, the costliest columns to decode, and one that needs the names of a few rows
        // makes Strings of those alone.
        let files = Set(toRead.keys.map { segments[$0].segment.file })
        var batches: [Batch] = []
        for group in try store.pendingRowGroups(name, in: snapshot, columns: columns, where: { files.contains($0.name) }, rowGroupFilter: rowGroups) {
            guard let wanted = toRead[group.segmentIndex] else { continue }
            // `wanted` is in row order (pass 1 visited rows in order).
            let end = group.firstRow + group.rowCount
            let inGroup = wanted.filter { $0.row >= group.firstRow && $0.row < end }
            guard !inGroup.isEmpty else { continue }
            batches.append(try group.read(rows: inGroup.map { $0.row - group.firstRow }))
            found.rowCampaigns += inGroup.map(\.campaign)
        }
        if !batches.isEmpty { found.rows = Batch.concatenate(batches, schema: schema) }
        return found
    }
}
