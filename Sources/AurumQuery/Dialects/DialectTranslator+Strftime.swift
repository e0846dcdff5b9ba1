import AurumCore

/// `strftime(date, format)` in the dialect: DuckDB's own; in BigQuery and Spark the format is cut into pieces
/// (runs of codes their formatter writes as DuckDB does, and codes written as expressions), joined by CONCAT.
extension DialectTranslator {
    func strftime(_ arguments: [Expression], offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        let (dateArgument, format): (Expression, String)
        if arguments.contains(where: { if case .literal(.null, _) = $0 { true } else { false } }) {
            return "CAST(NULL AS \(dialect.typeName(.string)))"
        }
        if case .literal(.string(let text), _) = arguments[1] {
            (dateArgument, format) = (arguments[0], text)
        } else if case .literal(.string(let text), _) = arguments[0] {
            (dateArgument, format) = (arguments[1], text)
        } else {
            throw .unsupported(message: "strftime's format must be a constant to translate it", offset: offset)
        }
        let d = try expression(dateArgument, scope)
        if dialect == .duckdb { return "strftime(\(d), \(dialect.string(format)))" }
        var pieces: [String] = []
        var run = ""  // the formatter's pattern being gathered
        func flush() {
            guard !run.isEmpty else { return }
            pieces.append(dialect == .bigquery ? "FORMAT_DATE(\(dialect.string(run)), \(d))" : "date_format(\(d), \(dialect.string(run)))")
            run = ""
        }
        func literal(_ text: String) {
            if dialect == .bigquery { run += text.replacingOccurrences(of: "%", with: "%%"); return }
            flush()
            pieces.append(dialect.string(text))
        }
        func computed(_ sql: String) {
            flush()
            pieces.append("CAST(\(sql) AS STRING)")
        }
        func padded(_ sql: String) { flush(); pieces.append("LPAD(CAST(\(sql) AS STRING), 2, '0')") }
        var characters = Array(format)[...]
        while let character = characters.popFirst() {
            guard character == "%" else { literal(String(character)); continue }
            guard var code = characters.popFirst() else { literal("%"); break }
            var unpadded = false
            if code == "-", let next = characters.popFirst() { unpadded = true; code = next }
            // Only these codes drop their padding after '-' (Aurum's, as DuckDB's, pad the others anyway).
            if !"dmyjHMSI".contains(code) { unpadded = false }
            let spark = dialect == .spark
            switch (code, unpadded) {
            case ("Y", false): if spark { flush(); pieces.append("LPAD(CAST(year(\(d)) AS STRING), 4, '0')") } else { run += "%Y" }
            case ("y", false): if spark { padded("year(\(d)) % 100") } else { run += "%y" }
            case ("y", true): computed(spark ? "year(\(d)) % 100" : "MOD(EXTRACT(YEAR FROM \(d)), 100)")
            case ("m", false): if spark { run += "MM" } else { run += "%m" }
            case ("m", true): computed(spark ? "month(\(d))" : "EXTRACT(MONTH FROM \(d))")
            case ("d", false): if spark { run += "dd" } else { run += "%d" }
            case ("d", true): computed(spark ? "dayofmonth(\(d))" : "EXTRACT(DAY FROM \(d))")
            case ("B", false): run += spark ? "MMMM" : "%B"
            case ("b", false), ("h", false): run += spark ? "MMM" : "%b"
            case ("A", false): run += spark ? "EEEE" : "%A"
            case ("a", false): run += spark ? "EEE" : "%a"
            case ("j", false): run += spark ? "DDD" : "%j"
            case ("j", true): computed(spark ? "dayofyear(\(d))" : "EXTRACT(DAYOFYEAR FROM \(d))")
            case ("V", false): if spark { padded("weekofyear(\(d))") } else { run += "%V" }
            case ("G", false): if spark { computed(try datePart(.isoyear, dateArgument, scope)) } else { run += "%G" }
            case ("u", false): if spark { computed(try datePart(.isodow, dateArgument, scope)) } else { run += "%u" }
            case ("w", false): if spark { computed(try datePart(.dow, dateArgument, scope)) } else { run += "%w" }
            // Weeks counted from the year's first Sunday (%U) or Monday (%W); days before are week 00.
            case ("U", false): if spark { padded("(dayofyear(\(d)) + 6 - (dayofweek(\(d)) - 1)) div 7") } else { run += "%U" }
            case ("W", false): if spark { padded("(dayofyear(\(d)) + 6 - weekday(\(d))) div 7") } else { run += "%W" }
            // A DATE has no time of day: DuckDB writes midnight.
            case ("H", false), ("M", false), ("S", false): literal("00")
            case ("H", true), ("M", true), ("S", true): literal("0")
            case ("I", _): literal("12")
            case ("p", false): literal("AM")
            case ("T", false), ("X", false): literal("00:00:00")
            case ("f", false): literal("000000")
            case ("g", false): literal("000")
            case ("n", false): literal("000000000")
            case ("z", false): literal("+00")
            case ("Z", false): break
            case ("x", false), ("c", false):
                run += spark ? "yyyy-MM-dd" : "%Y-%m-%d"
                if code == "c" { literal(" 00:00:00") }
            case ("%", false): literal("%")
            default:
                throw .unsupported(message: "strftime code %\(unpadded ? "-" : "")\(code) has no \(dialect.rawValue) translation", offset: arguments[1].offset)
            }
        }
        flush()
        if pieces.isEmpty { return dialect.string("") }
        return pieces.count == 1 ? pieces[0] : "CONCAT(\(pieces.joined(separator: ", ")))"
    }
}
