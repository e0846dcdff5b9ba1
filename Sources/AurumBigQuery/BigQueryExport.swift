#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumCore
import AurumPipeline
import AurumStorage

/// `aurum export --for bigquery DIR`: every contract table as Parquet, its BigQuery schema file, a `load.sh` of
/// `bq load` commands and a README on loading them (docs/scale-out.md).
public struct BigQueryExport {
    let store: Store
    let limits: ParquetWriter.Limits

    /// An export of `store`'s tables, Parquet files cut by `limits`.
    public init(store: Store, limits: ParquetWriter.Limits) {
        self.store = store
        self.limits = limits
    }

    /// What one table's files hold.
    public struct Written: Sendable {
        /// The table's name (and BigQuery table id).
        public let table: String
        /// `DIR/<table>.parquet`.
        public let parquetPath: String
        /// `DIR/<table>.schema.json`.
        public let schemaPath: String
        /// Rows, row groups and bytes of the Parquet file.
        public let summary: ParquetWriter.Summary
    }

    /// Writes the files into `directory` (created if missing); `each` hears of every table as it is written.
    public func write(into directory: String, each: (Written) -> Void = { _ in }) throws {
        try FileIO.makeDirectory(directory)
        for table in BigQueryTable.all {
            let parquet = directory + "/" + table.name + ".parquet"
            let schema = directory + "/" + table.name + ".schema.json"
            let summary = try TableParquet.write(table.table, store: store, limits: limits, to: parquet)
            try OutputFile.write(table.schemaJSON(), to: schema, protecting: [store.directory])
            each(Written(table: table.name, parquetPath: parquet, schemaPath: schema, summary: summary))
        }
        let script = directory + "/load.sh"
        try OutputFile.write(Array(Self.loadScript().utf8), to: script, protecting: [store.directory])
        // Runnable as ./load.sh.
        guard chmod(script, 0o755) == 0 else { throw StorageError.io(file: script, operation: "chmod", errno: errno) }
        try OutputFile.write(Array(Self.readme().utf8), to: directory + "/README.md", protecting: [store.directory])
    }

    /// The `bq load` command of one table (its Parquet file and schema file beside the script).
    static func loadCommand(_ table: BigQueryTable) -> String {
        var flags = ["--source_format=PARQUET", "--replace"]
        if let field = table.partitionField { flags += ["--time_partitioning_type=DAY", "--time_partitioning_field=\(field)"] }
        if !table.clusteringFields.isEmpty { flags.append("--clustering_fields=" + table.clusteringFields.joined(separator: ",")) }
        return "bq ${location[@]+\"${location[@]}\"} load " + flags.joined(separator: " ")
            + " \"$dataset.\(table.name)\" \(table.name).parquet \(table.name).schema.json"
    }

    static func loadScript() -> String {
        """
        #!/usr/bin/env bash
        # Loads the tables `aurum export --for bigquery` wrote beside this script into a BigQuery dataset, replacing
        # each table's rows (see README.md). Needs the bq CLI (Google Cloud SDK), authenticated, and the dataset.
        #   ./load.sh [PROJECT:]DATASET [LOCATION]
        set -euo pipefail
        if [ $# -lt 1 ] || [ $# -gt 2 ]; then
          echo "usage: $0 [PROJECT:]DATASET [LOCATION]" >&2
          exit 2
        fi
        dataset=$1
        location=()
        if [ $# -eq 2 ]; then location=(--location="$2"); fi
        cd "$(dirname "$0")"

        """ + BigQueryTable.all.map(loadCommand).joined(separator: "\n") + "\n"
    }

    static func readme() -> String {
        let rows = BigQueryTable.all.map { table in
            let layout = table.partitionField.map { "partitioned by `\($0)` (day), clustered by " + table.clusteringFields.map { "`\($0)`" }.joined(separator: ", ") } ?? "—"
            return "| `\(table.name)` | \(table.table.summary) | \(layout) |"
        }
        return """
            # Aurum tables for BigQuery

            Written by `aurum export --for bigquery`. For each table of the store: `TABLE.parquet` (the rows, as
            `aurum export TABLE --format parquet` writes them) and `TABLE.schema.json` (its BigQuery schema: name,
            type, mode and the data contract's meaning of each column).

            ## Load

            ```sh
            bq mk --dataset --location=EU myproject:aurum     # once
            ./load.sh myproject:aurum EU                      # every table, replacing its rows
            ```

            `load.sh` runs one `bq load --source_format=PARQUET --replace` per table with its schema file, so a second
            run replaces the tables rather than adding rows twice. `aurum push bigquery --project P --dataset D` does
            the same over the REST API without the `bq` CLI.

            | table | holds | layout |
            |---|---|---|
            \(rows.joined(separator: "\n"))

            ## Types

            Aurum VARCHAR → STRING, DATE → DATE, BIGINT → INT64, DOUBLE → FLOAT64. Money (`spend`,
            `conversion_value` and the KPIs on them) is FLOAT64: Aurum and its data contract keep money as doubles,
            and each amount is in its row's `currency` — never add amounts of different currencies. Columns that
            may be NULL are NULLABLE, the others REQUIRED.

            Rows come in the store's order; sort on read (`ORDER BY` the table's key) when order matters.

            """
    }
}
