import AurumCore
import AurumStorage

/// A contract table written as one Parquet file (``ParquetWriter``), streamed from the store a stored row group at
/// a time, so memory stays bounded by one Parquet row group. `aurum export --format parquet`, `export --for
/// bigquery` and `push bigquery` all write their files through this.
///
/// Rows come in the store's order, not sorted by key as CSV is (sorting would hold the whole table); the rows,
/// types and values are the CSV export's. docs/parquet.md describes the files.
public enum TableParquet {
    /// `created_by` in the footer.
    public static let createdBy = "aurum (Parquet writer of Aurum's storage layer)"

    /// Writes every row of `table` to `path`: `converted` when given (a Gold table in another currency, which
    /// comes whole), else streamed from the store; only the rows `restrict` keeps of each batch when given
    /// (`--client`).
    @discardableResult
    public static func write(
        _ table: ContractTable, store: Store, converted: Batch? = nil, restrict: ((Batch) throws -> Batch)? = nil,
        limits: ParquetWriter.Limits, to path: String
    ) throws -> ParquetWriter.Summary {
        let writer = try ParquetWriter(path: path, schema: table.schema, limits: limits, createdBy: createdBy, protecting: [store.directory])
        let keep = restrict ?? { $0 }
        if let converted {
            try writer.append(keep(converted))
        } else {
            try TableReader.scan(table, store: store) { try writer.append(keep($0)) }
        }
        return try writer.finish()
    }
}
