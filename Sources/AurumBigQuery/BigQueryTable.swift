import AurumCore
import AurumPipeline
import Foundation

/// How one contract table lands in BigQuery: its schema (`[{name, type, mode, description}]`, the form of the
/// `bq` CLI's schema files and of a load job's `schema.fields`), and its partitioning and clustering.
///
/// Types follow the Parquet files Aurum writes (docs/parquet.md): VARCHAR → STRING, DATE → DATE, BIGINT → INT64,
/// DOUBLE → FLOAT64 (money included: the store and the contract keep money as doubles, and the Parquet file holds
/// those doubles; a NUMERIC column would make BigQuery convert them on load). Nullable columns are NULLABLE,
/// the others REQUIRED; descriptions are the contract's column meanings.
public struct BigQueryTable: Sendable {
    /// The contract table.
    public let table: ContractTable

    /// How `table` lands in BigQuery.
    public init(_ table: ContractTable) {
        self.table = table
    }

    /// Every contract table, in `aurum tables`' order.
    public static var all: [BigQueryTable] { ContractTable.listingOrder.map(BigQueryTable.init) }

    /// The table's name, which is its BigQuery table id too.
    public var name: String { table.rawValue }

    /// One column as BigQuery's schema JSON has it.
    public struct Field: Sendable, Equatable {
        /// The column's name.
        public let name: String
        /// STRING, DATE, INT64, FLOAT64 or BOOL.
        public let type: String
        /// REQUIRED or NULLABLE.
        public let mode: String
        /// The data contract's meaning of the column.
        public let description: String

        var json: [String: String] { ["name": name, "type": type, "mode": mode, "description": description] }
    }

    /// The BigQuery type of an Aurum column type.
    public static func type(of type: DataType) -> String {
        switch type {
        case .string: "STRING"
        case .date: "DATE"
        case .int64: "INT64"
        case .double: "FLOAT64"
        case .bool: "BOOL"
        }
    }

    /// The table's columns as BigQuery fields, in the table's order.
    public var fields: [Field] {
        let meanings = table.columnMeanings
        return table.schema.fields.map { field in
            Field(
                name: field.name, type: Self.type(of: field.type), mode: field.nullable ? "NULLABLE" : "REQUIRED",
                description: meanings[field.name] ?? "")
        }
    }

    /// The day column BigQuery partitions the table by: Silver's and daily Gold's `date`; nil for the others
    /// (weekly and total Gold, the catalogues and settings are small next to them).
    public var partitionField: String? {
        table == .adInsights || table == .kpiCampaignDaily ? "date" : nil
    }

    /// The columns BigQuery clusters a partitioned table by: the ones analysts filter on first.
    public var clusteringFields: [String] {
        partitionField == nil ? [] : ["source", "account_id", "campaign_id"]
    }

    /// The schema file's bytes: a JSON array of fields, one per line, keys sorted (the same bytes every time).
    public func schemaJSON() -> [UInt8] {
        let lines = fields.map { field -> String in
            let data = (try? JSONSerialization.data(withJSONObject: field.json, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return "  " + String(decoding: data, as: UTF8.self)
        }
        return Array(("[\n" + lines.joined(separator: ",\n") + "\n]\n").utf8)
    }

    /// `schema.fields` of a load job.
    var schemaObject: [[String: String]] { fields.map(\.json) }
}
