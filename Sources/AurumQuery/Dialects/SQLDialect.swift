import AurumCore

/// An engine Aurum's queries translate into (`aurum translate --to`, `aurum query --on bigquery`): how it spells
/// names, literals and types. What each construct becomes is ``DialectTranslator``'s; this is only the spelling.
public enum SQLDialect: String, CaseIterable, Sendable {
    case bigquery, duckdb, spark

    /// `name` quoted as an identifier (BigQuery and Spark: backticks; DuckDB: double quotes).
    func identifier(_ name: String) -> String {
        switch self {
        case .duckdb: "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .bigquery: "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
        case .spark: "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// `text` as a string literal. BigQuery and Spark read a backslash as an escape, so it is doubled there.
    func string(_ text: String) -> String {
        switch self {
        case .duckdb: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .bigquery, .spark:
            var out = "'"
            for character in text {
                switch character {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out.append(character)
                }
            }
            return out + "'"
        }
    }

    /// The dialect's name for an Aurum type.
    func typeName(_ type: DataType) -> String {
        switch (self, type) {
        case (.bigquery, .int64): "INT64"
        case (.bigquery, .double): "FLOAT64"
        case (.bigquery, .string): "STRING"
        case (.bigquery, .bool): "BOOL"
        case (.spark, .string): "STRING"
        case (_, .date): "DATE"
        default: type.description
        }
    }

    /// The exact decimal type a money column is summed in (BigQuery's NUMERIC has 9 decimal places; the others
    /// are given the same).
    var exactDecimal: String { self == .bigquery ? "NUMERIC(38, 9)" : "DECIMAL(38, 9)" }
}
