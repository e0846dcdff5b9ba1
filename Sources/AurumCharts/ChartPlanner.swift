import AurumCore

/// Decides from a result's columns which chart it makes, and gathers the chart's data.
///
/// - A **line chart**: one DATE column and 1 to ``seriesCountMax`` numeric columns; or one DATE column, one
///   text column and one numeric column, drawn as one line per text value (at most ``seriesCountMax``). One
///   row per date (per text value); the rows are drawn in date order whatever their order in the result.
/// - A **bar chart**: one text column and one numeric column, one bar per row in the result's order; or with
///   a second text column that the caller says keeps scales apart (a currency), a group of bars per value.
///
/// `auto` tries the line chart, then the bar chart; a result that fits neither gets no chart. Anything that
/// would make the picture say something the rows do not (a date repeated, which a line would silently join; a
/// row without a date; too many lines to tell apart) is refused with the reason rather than drawn.
public enum ChartPlanner {
    /// Most lines one line chart draws.
    public static let seriesCountMax = 4

    /// How the caller reads some columns (the CLI knows the domain; charts know only batches).
    public struct ColumnRules: Sendable {
        /// Which double columns hold ratios, shown as percentages.
        public var isPercent: @Sendable (Field) -> Bool
        /// Which text columns name units that must never share a scale (currencies): lines split by one get an
        /// axis each, bars grouped by one a scale per group.
        public var separatesScales: @Sendable (Field) -> Bool

        /// Rules that read no column as a percentage and let every column share scales, unless given.
        public init(isPercent: @escaping @Sendable (Field) -> Bool = { _ in false }, separatesScales: @escaping @Sendable (Field) -> Bool = { _ in false }) {
            self.isPercent = isPercent
            self.separatesScales = separatesScales
        }
    }

    /// The chart `request` asks for over `batch`: nil for `.none`; for `.auto`, nil when the result fits no
    /// chart (``reason(for:)`` says why).
    ///
    /// - Throws: ``ChartRefusal`` when `.line` or `.bar` was asked and the result does not fit it, or when it
    ///   fits but cannot be drawn truthfully (a repeated or missing date, too many lines).
    public static func chart(for batch: Batch, request: ChartRequest, rules: ColumnRules = ColumnRules()) throws(ChartRefusal) -> Chart? {
        switch request {
        case .none: return nil
        case .line: return try line(batch, rules: rules)
        case .bar: return try bar(batch, rules: rules)
        case .auto:
            if lineShapeProblem(batch.schema) == nil { return try line(batch, rules: rules) }
            if barShape(batch.schema, rules: rules) != nil { return try bar(batch, rules: rules) }
            return nil
        }
    }

    /// Why `auto` draws nothing for a result of `schema`: one line naming both shapes.
    public static func reason(for schema: Schema) -> String {
        "no chart fits this result (\(describe(schema))): a line chart needs one DATE column and 1 to \(seriesCountMax) numeric columns (or one text column and one numeric column), a bar chart one text column and one numeric column"
    }

    // MARK: - Line

    private static func lineShapeProblem(_ schema: Schema) -> String? {
        let dates = schema.fields.filter { $0.type == .date }.count
        let numbers = schema.fields.filter { $0.type.isNumeric }.count
        let texts = schema.fields.filter { $0.type == .string }.count
        let fits = dates == 1 && dates + numbers + texts == schema.count && (texts == 0 ? (1...seriesCountMax).contains(numbers) : texts == 1 && numbers == 1)
        guard fits else {
            return "a line chart needs one DATE column and 1 to \(seriesCountMax) numeric columns, or one DATE, one text and one numeric column; this result has \(describe(schema))"
        }
        return nil
    }

    private static func line(_ batch: Batch, rules: ColumnRules) throws(ChartRefusal) -> Chart {
        if let problem = lineShapeProblem(batch.schema) { throw ChartRefusal(problem) }
        guard batch.rowCount > 0 else { throw ChartRefusal("no chart: the result has no rows") }
        let fields = batch.schema.fields
        guard let dateIndex = fields.firstIndex(where: { $0.type == .date }), case .date(let dateColumn) = batch.columns[dateIndex] else {
            throw ChartRefusal("a line chart needs a DATE column")
        }
        let dateName = fields[dateIndex].name
        if let row = (0..<batch.rowCount).first(where: { dateColumn.isNull($0) }) {
            throw ChartRefusal("no line chart: row \(row + 1) has no \(dateName) (NULL); every point needs a date")
        }
        let order = (0..<batch.rowCount).sorted { dateColumn.values[$0] < dateColumn.values[$1] }
        let sorted = batch.gather(order)
        guard case .date(let sortedDates) = sorted.columns[dateIndex] else { throw ChartRefusal("a line chart needs a DATE column") }
        let measures = fields.indices.filter { fields[$0].type.isNumeric }.map { ChartSeries(batch: sorted, column: $0, isPercent: rules.isPercent) }

        // Each series: its name and, per sorted row, whether the row belongs to it.
        var members: [(name: String, measure: Int, rows: [Int])] = []
        var separateAxes = false
        if let keyIndex = fields.firstIndex(where: { $0.type == .string }), case .string(let keys) = sorted.columns[keyIndex] {
            var rowsByKey: [String: [Int]] = [:]
            for row in 0..<sorted.rowCount { rowsByKey[keys[row] ?? "NULL", default: []].append(row) }
            guard rowsByKey.count <= seriesCountMax else {
                throw ChartRefusal(
                    "no line chart: \(fields[keyIndex].name) has \(rowsByKey.count) values and a line chart draws at most \(seriesCountMax) lines; keep fewer with WHERE")
            }
            members = rowsByKey.keys.sorted().map { key in (measures[0].name + " (" + key + ")", 0, rowsByKey[key] ?? []) }
            separateAxes = rules.separatesScales(fields[keyIndex])
        } else {
            members = measures.indices.map { (measures[$0].name, $0, Array(0..<sorted.rowCount)) }
        }

        let dates = Array(Set(sortedDates.values)).sorted()
        let position = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($0.element, $0.offset) })
        var series: [ChartSeries] = []
        for member in members {
            var values = [Double?](repeating: nil, count: dates.count)
            var texts = [String](repeating: "–", count: dates.count)
            var seen = [Int?](repeating: nil, count: dates.count)
            for row in member.rows {
                guard let at = position[sortedDates.values[row]] else { continue }
                if let earlier = seen[at] {
                    let rows = [order[earlier] + 1, order[row] + 1].sorted()
                    throw ChartRefusal(
                        "no line chart: \(dateName) \(Date32(days: sortedDates.values[row])) appears in more than one row (rows \(rows[0]) and \(rows[1])) of \(member.name); group by \(dateName) to get one value per date")
                }
                seen[at] = row
                values[at] = measures[member.measure].values[row]
                texts[at] = measures[member.measure].texts[row]
            }
            let drawn = ChartSeries(name: member.name, values: values, texts: texts, isPercent: measures[member.measure].isPercent)
            guard let bounds = drawn.bounds else { throw ChartRefusal("no line chart: \(member.name) has no values (every row is NULL)") }
            try refuseHuge(member.name, bounds)
            series.append(drawn)
        }
        return .line(TimeSeries(dateName: dateName, dates: dates.map(Date32.init(days:)), series: series, separateAxes: separateAxes))
    }

    // MARK: - Bar

    /// The label, group (nil: none) and value columns of a bar-chart result; nil when it is not one.
    private static func barShape(_ schema: Schema, rules: ColumnRules) -> (label: Int, group: Int?, value: Int)? {
        let texts = schema.fields.indices.filter { schema.fields[$0].type == .string }
        let numbers = schema.fields.indices.filter { schema.fields[$0].type.isNumeric }
        guard numbers.count == 1, texts.count + 1 == schema.count else { return nil }
        if texts.count == 1 { return (texts[0], nil, numbers[0]) }
        guard texts.count == 2 else { return nil }
        let groups = texts.filter { rules.separatesScales(schema.fields[$0]) }
        guard groups.count == 1, let label = texts.first(where: { $0 != groups[0] }) else { return nil }
        return (label, groups[0], numbers[0])
    }

    private static func bar(_ batch: Batch, rules: ColumnRules) throws(ChartRefusal) -> Chart {
        guard let shape = barShape(batch.schema, rules: rules), case .string(let labelColumn) = batch.columns[shape.label] else {
            throw ChartRefusal(
                "a bar chart needs one text column and one numeric column (and at most a currency column besides); this result has \(describe(batch.schema))")
        }
        guard batch.rowCount > 0 else { throw ChartRefusal("no chart: the result has no rows") }
        let measure = ChartSeries(batch: batch, column: shape.value, isPercent: rules.isPercent)
        guard let bounds = measure.bounds else { throw ChartRefusal("no bar chart: \(measure.name) has no values (every row is NULL)") }
        try refuseHuge(measure.name, bounds)
        let labels = (0..<batch.rowCount).map { labelColumn[$0] ?? "NULL" }
        var groups: [String]?
        if let group = shape.group, case .string(let groupColumn) = batch.columns[group] {
            groups = (0..<batch.rowCount).map { groupColumn[$0] ?? "NULL" }
        }
        return .bar(Ranking(labelName: batch.schema.fields[shape.label].name, labels: labels, measure: measure, groups: groups))
    }

    /// Refuses values too large to place on an axis (their differences overflow).
    private static func refuseHuge(_ name: String, _ bounds: (lower: Double, upper: Double)) throws(ChartRefusal) {
        guard max(abs(bounds.lower), abs(bounds.upper)) <= ChartSeries.magnitudeMax else {
            throw ChartRefusal("no chart: \(name) has values too large to draw (beyond 1e300)")
        }
    }

    /// `2 columns: campaign_name VARCHAR, spend DOUBLE`, for refusals.
    private static func describe(_ schema: Schema) -> String {
        let columns = schema.fields.prefix(6).map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        return "\(schema.count) column\(schema.count == 1 ? "" : "s"): \(columns)" + (schema.count > 6 ? ", …" : "")
    }
}
