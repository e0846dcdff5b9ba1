import AurumAdsAPI
import AurumCore
import AurumStorage

/// Reads any contract table as batches: stored tables from their segments, `bronze_rows` by re-reading the
/// Bronze files kept in the store (it is not stored twice: the verbatim files are the Bronze).
public enum TableReader {
    /// The table called `name`, or ``PipelineError/unknownTable(name:suggestion:)`` with the nearest name.
    public static func table(named name: String) throws -> ContractTable {
        if let table = ContractTable(rawValue: name.lowercased()) { return table }
        throw PipelineError.unknownTable(name: name, suggestion: nearestName(name, among: ContractTable.allCases.map(\.rawValue)))
    }

    /// Every live row of `table`, sorted by its key columns.
    public static func readSorted(_ table: ContractTable, store: Store) throws -> Batch {
        if table == .bronzeRows { return BatchSort.sorted(try bronzeRows(store: store), by: table.keyColumns) }
        return try readSorted(table, store: store) { $0 }
    }

    /// The live rows of stored table `table` that `keep` keeps of each batch a scan reads (it returns them),
    /// sorted by the key columns, Gold's KPI columns computed on them alone: ``readSorted(_:store:)`` holding
    /// only the rows kept, a row group at a time besides (a report of recent weeks over a store of years).
    public static func readSorted(_ table: ContractTable, store: Store, keeping keep: (Batch) throws -> Batch) throws -> Batch {
        precondition(table != .bronzeRows, "bronze_rows is not stored")
        guard store.manifest.tables[table.rawValue] != nil else { return Batch(empty: table.schema) }
        var kept: [Batch] = []
        try store.scan(table.rawValue) { batch in
            let rows = try keep(batch)
            if rows.rowCount > 0 { kept.append(rows) }
        }
        let schema = try store.table(table.rawValue).schema
        let stored = kept.isEmpty ? Batch(empty: schema) : Batch.concatenate(kept, schema: schema)
        return BatchSort.sorted(table.isGold ? GoldKPIs.complete(stored, as: table) : stored, by: table.keyColumns)
    }

    /// The live row count of `table` (for `bronze_rows`, the Bronze row total).
    public static func rowCount(_ table: ContractTable, store: Store) -> Int {
        table == .bronzeRows ? Pipeline.totals(store.manifest).bronzeRows : store.manifest.tables[table.rawValue]?.liveRowCount ?? 0
    }

    /// Every live row of `table` in the store's order (not sorted), a batch at a time: at most one stored row
    /// group, or ``bronzeRowsBatchRows`` rows of `bronze_rows`, is in memory at once, whatever the table's size.
    public static func scan(_ table: ContractTable, store: Store, _ body: (Batch) throws -> Void) throws {
        if table == .bronzeRows {
            try scanBronzeRows(store: store, body)
            return
        }
        guard store.manifest.tables[table.rawValue] != nil else { return }
        try store.scan(table.rawValue) { stored in
            try body(table.isGold ? GoldKPIs.complete(stored, as: table) : stored)
        }
    }

    /// `bronze_rows`: (file_id, row, source, raw) for every row of every stored Bronze file, in ingest order.
    public static func bronzeRows(store: Store) throws -> Batch {
        var batches: [Batch] = []
        try scanBronzeRows(store: store) { batches.append($0) }
        return batches.isEmpty ? Batch(empty: ContractTable.bronzeRows.schema) : Batch.concatenate(batches, schema: ContractTable.bronzeRows.schema)
    }

    /// The most `bronze_rows` rows ``scan(_:store:_:)`` hands over at once (a file's rows may span two batches).
    public static let bronzeRowsBatchRows = 65_536

    /// `bronze_rows` in batches of up to ``bronzeRowsBatchRows`` rows, in ingest order.
    private static func scanBronzeRows(store: Store, _ body: (Batch) throws -> Void) throws {
        var fileIDs: [Int64] = []
        var rowNumbers: [Int64] = []
        var sources = StringColumnBuilder()
        var raws = StringColumnBuilder()
        func flush() throws {
            guard !fileIDs.isEmpty else { return }
            try body(
                Batch(
                    schema: ContractTable.bronzeRows.schema,
                    columns: [.int64(PrimitiveColumn(values: fileIDs)), .int64(PrimitiveColumn(values: rowNumbers)), .string(sources.finish()), .string(raws.finish())]))
            fileIDs = []
            rowNumbers = []
            sources = StringColumnBuilder()
            raws = StringColumnBuilder()
        }
        let parser = PageParser(conversionPreference: [])
        try store.readBlobs { key, bytes in
            let page = try parser.parse(bytes)
            for (index, row) in page.rows.enumerated() {
                fileIDs.append(Int64(key))
                rowNumbers.append(Int64(index))
                sources.append(page.source.rawValue)
                raws.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[row.rawRange]), as: UTF8.self))
                if fileIDs.count == bronzeRowsBatchRows { try flush() }
            }
        }
        try flush()
    }
}
