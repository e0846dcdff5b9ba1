import AurumCore

/// How a table is listed by `aurum tables` and `.tables`, and described by `aurum schema` and `.schema`.
enum TableListing {
    /// One line: name, row count, what the table holds.
    static func line(name: String, rowCount: Int, summary: String) -> String {
        Console.pad(name, 22) + Console.pad(Console.grouped(rowCount), 12, right: true) + " rows   " + summary
    }

    /// The table's name and summary, then one line per column: name, type, nullability, and `key` for key columns.
    static func schema(name: String, summary: String, schema: Schema, keyColumns: [String]) -> [String] {
        var lines = [summary.isEmpty ? name : "\(name) — \(summary)"]
        for field in schema.fields {
            let key = keyColumns.contains(field.name) ? "  key" : ""
            lines.append("  " + Console.pad(field.name, 20) + Console.pad(field.type.description, 9) + (field.nullable ? "NULL" : "NOT NULL") + key)
        }
        return lines
    }
}
