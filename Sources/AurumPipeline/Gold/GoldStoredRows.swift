import AurumCore
import AurumStorage

/// Stored rows of one Gold table found by key, for the incremental refresh: which to delete, and the full
/// values of those whose measures the refresh needs.
///
/// Rows are found in two passes, so that a refresh reads little more than keys: the first reads only the key
/// columns of the row groups that `rowGroups` admits (zone maps on campaign_id and the date), the second reads
/// the columns the caller needs (every one unless it says), but only of the row groups that hold a row to read.
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
        try store.scanChunks(name, in: snapshot, columns: keys, rowGroupFilter: rowGroups) { chunk in
            guard var campaigns = ChunkCampaigns(chunk.batch.columns[0..<3], position: position, campaignIDs: wanted) else { return }
            var days: PrimitiveColumn<Int32>?
            if keys.count == 4, case .date(let column) = chunk.batch.columns[3] { days = column }
            for row in campaigns.rowsWithWantedIDs() {
                if let live = chunk.live, !live[row] { continue }
                guard let campaign = campaigns.campaign(ofRow: row) else { continue }
                let day = days?.values[row]
                switch match(campaign, day) {
                case .skip: continue
                case .delete:
                    found.deletions[chunk.segmentIndex, default: []].append(chunk.firstRow + row)
                case .deleteReading:
                    found.deletions[chunk.segmentIndex, default: []].append(chunk.firstRow + row)
                    toRead[chunk.segmentIndex, default: []].append((chunk.firstRow + row, campaign))
                case .witness:
                    found.witnesses.append((campaign, day ?? 0))
                }
            }
        }
        guard !toRead.isEmpty, let segments = snapshot.tables[name]?.segments else { return found }
        // 2. The columns asked for (every one when nil), of the row groups holding a row to read: a caller that
        // needs only the measures skips decoding the names, the costliest columns to decode.
        let files = Set(toRead.keys.map { segments[$0].segment.file })
        var batches: [Batch] = []
        try store.scanChunks(
            name, in: snapshot, columns: columns, where: { files.contains($0.name) },
            rowGroupFilter: rowGroups
        ) { chunk in
            guard let wanted = toRead[chunk.segmentIndex] else { return }
            // `wanted` is in row order (pass 1 visited rows in order).
            let end = chunk.firstRow + chunk.batch.rowCount
            let inChunk = wanted.filter { $0.row >= chunk.firstRow && $0.row < end }
            guard !inChunk.isEmpty else { return }
            batches.append(chunk.batch.gather(inChunk.map { $0.row - chunk.firstRow }))
            found.rowCampaigns += inChunk.map(\.campaign)
        }
        if !batches.isEmpty { found.rows = Batch.concatenate(batches, schema: schema) }
        return found
    }
}
