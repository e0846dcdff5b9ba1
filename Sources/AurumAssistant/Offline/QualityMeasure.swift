/// Measures of the data itself rather than of the ads: rows that failed validation (`quarantine`) and the files
/// ingested (`bronze_files`). "How many rows were quarantined, by reason", "qual o principal motivo de
/// quarentena do Google?", "how many files were ingested", "last ingest".
///
/// Such a question may break down by platform (both tables have `source`) and, for the quarantine, by reason,
/// filter by platform, and rank ("main reason"); it has no dates (the quarantine keeps none, and
/// `ingested_at` is when a file was loaded, not the days it covers), so a window is refused, as is any ads
/// measure or filter.
enum QualityMeasure: String, Equatable, Sendable {
    case quarantinedRows = "quarantined_rows"
    case files
    case lastIngest = "last_ingest"

    var table: String { self == .quarantinedRows ? "quarantine" : "bronze_files" }

    /// The aggregate: rows, files, or the latest `ingested_at` (ISO-8601 text, so the maximum is the latest).
    var expression: String { self == .lastIngest ? "max(ingested_at)" : "count(*)" }

    /// The query answering `measure` broken down by `breakdowns` (platform, reason), for `sources` (one platform,
    /// or none for all), excluding `excludedSources`, ranked largest first and cut to `limit` when `ranked`.
    static func query(
        _ measure: QualityMeasure, breakdowns: [Breakdown], sources: [SourcePlatform], excludedSources: [SourcePlatform], ranked: Bool,
        limit: Int?
    ) -> String {
        let keys = breakdowns.map(\.rawValue)
        var text = "SELECT " + (keys + ["\(measure.expression) AS \(measure.rawValue)"]).joined(separator: ", ") + " FROM \(measure.table)"
        let conditions =
            sources.map { "source = \(QueryComposer.literal($0.rawValue))" } + excludedSources.map { "source <> \(QueryComposer.literal($0.rawValue))" }
        if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }
        if !keys.isEmpty { text += " GROUP BY " + keys.joined(separator: ", ") }
        if ranked {
            text += " ORDER BY \(measure.rawValue) DESC, " + keys.joined(separator: ", ")
            if let limit { text += " LIMIT \(limit)" }
        } else if !keys.isEmpty {
            text += " ORDER BY " + keys.joined(separator: ", ")
        }
        return text
    }
}
