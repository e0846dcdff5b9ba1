import AurumCore

/// The columns a SELECT block may name: those of its FROM items, in order, each with the name of the item it
/// comes from (a table, a CTE, an alias). Resolves `column` and `qualifier.column` to a position, refusing a bare
/// name that two FROM items both have.
struct ColumnScope {
    struct Entry {
        /// The FROM item's name (its alias when it has one), lower-cased.
        var qualifier: String
        var field: Field
    }

    var entries: [Entry]

    /// Every column of `schema`, qualified by `qualifier`.
    init(_ schema: Schema, qualifier: String) {
        entries = schema.fields.map { Entry(qualifier: qualifier.lowercased(), field: $0) }
    }

    init(entries: [Entry]) { self.entries = entries }

    /// The columns of `left`, then those of `right` (a join's output).
    static func + (left: ColumnScope, right: ColumnScope) -> ColumnScope { ColumnScope(entries: left.entries + right.entries) }

    var schema: Schema { Schema(entries.map(\.field)) }

    /// The FROM items' names, in order, without repeats.
    var qualifiers: [String] {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.qualifier) { seen.append(entry.qualifier) }
        return seen
    }

    /// The position of `name` (of the FROM item `qualifier`, when given).
    /// - Throws: ``QueryError/unknownTable(name:suggestion:offset:)`` for a qualifier no FROM item has,
    ///   ``QueryError/unknownColumn(name:suggestion:offset:)`` with the nearest name (or a synonym's), and
    ///   and ``QueryError/syntax(message:offset:)`` ("ambiguous column") when several FROM items have an unqualified `name`.
    func resolve(_ name: String, qualifier: String?, offset: Int, synonyms: ColumnSynonyms) throws(QueryError) -> Int {
        let lowered = name.lowercased()
        var candidates = Array(entries.indices)
        if let qualifier {
            let q = qualifier.lowercased()
            guard qualifiers.contains(q) else {
                throw .unknownTable(name: qualifier, suggestion: nearestName(q, among: qualifiers), offset: offset)
            }
            candidates = candidates.filter { entries[$0].qualifier == q }
        }
        // A table's columns are lower-case; a computed column keeps its text (`NULL`, `CAST(x AS DOUBLE)`, an alias).
        let matches = candidates.filter { entries[$0].field.name.lowercased() == lowered }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            let owners = matches.map { entries[$0].qualifier }
            throw .syntax(
                message: "ambiguous column '\(name)': \(owners.map { "\($0).\(lowered)" }.joined(separator: " or ")); name it with its table",
                offset: offset)
        }
        let names = candidates.map { entries[$0].field.name }
        let suggestion = synonyms.column(for: lowered).flatMap { names.contains($0) ? $0 : nil } ?? nearestName(lowered, among: names)
        throw .unknownColumn(name: qualifier.map { "\($0).\(name)" } ?? name, suggestion: suggestion, offset: offset)
    }
}
