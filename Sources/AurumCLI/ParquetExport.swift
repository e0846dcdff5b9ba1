import AurumCore
import AurumPipeline
import AurumStorage
import Foundation

/// `aurum export --format parquet`: contract tables into Parquet files (``TableParquet``), with the writer's
/// limits from the environment.
struct ParquetExport {
    let store: Store
    let limits: ParquetWriter.Limits

    /// Environment variables that shrink the writer's limits (for tests that want many pages and row groups
    /// from few rows), by ``ParquetWriter/Limits`` property.
    static var limitVariables: [(name: String, limit: WritableKeyPath<ParquetWriter.Limits, Int>)] {
        [
            ("AURUM_PARQUET_ROW_GROUP_BYTES", \.rowGroupBytes), ("AURUM_PARQUET_ROW_GROUP_ROWS", \.rowGroupRows),
            ("AURUM_PARQUET_PAGE_BYTES", \.pageBytes), ("AURUM_PARQUET_DICTIONARY_BYTES", \.dictionaryBytes),
        ]
    }

    /// The default limits, with any of ``limitVariables`` set in `environment` applied.
    static func limits(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ParquetWriter.Limits {
        var limits = ParquetWriter.Limits()
        for (name, limit) in limitVariables {
            guard let text = environment[name] else { continue }
            guard let value = Int(text), value > 0 else { throw CLIError.invalidOption("\(name)='\(text)' is not a positive whole number") }
            limits[keyPath: limit] = value
        }
        try limits.validate()
        return limits
    }

    /// Writes every row of `table` to `path` (``TableParquet/write(_:store:converted:restrict:limits:to:)``).
    @discardableResult
    func export(_ table: ContractTable, converted: Batch? = nil, restrict: ((Batch) throws -> Batch)? = nil, to path: String) throws -> ParquetWriter.Summary {
        try TableParquet.write(table, store: store, converted: converted, restrict: restrict, limits: limits, to: path)
    }

    /// Writes every contract table to `directory/<table>.parquet` (creating `directory`), and says what each holds.
    func exportAll(into directory: String) throws {
        try FileIO.makeDirectory(directory)
        for table in ContractTable.listingOrder {
            let path = directory + "/" + table.rawValue + ".parquet"
            let summary: ParquetWriter.Summary
            do {
                summary = try export(table, to: path)
            } catch {
                // Say which of the files failed; the ones before it are complete.
                throw CLIError.unwritable(path: path, reason: String(describing: error))
            }
            let groups = summary.rowGroupCount == 1 ? "row group" : "row groups"
            Console.print("\(path): \(Console.grouped(summary.rowCount)) rows, \(summary.rowGroupCount) \(groups), \(Console.grouped(summary.byteCount)) bytes")
        }
    }
}
