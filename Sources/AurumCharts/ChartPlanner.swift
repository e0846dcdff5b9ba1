import AurumCore

/// Decides from a result's columns which chart it makes, and gathers the chart's data.
///
/// - A **line chart**: exactly one DATE column and 1 to ``seriesCountMax`` numeric columns, nothing else; one
///   row per date (the rows are drawn in date order whatever their order in the result).
/// - A **bar chart**: exactly one text column and one numeric column; one bar per row, in the result's order.
///
/// `auto` tries the line chart, then the bar chart; a result that fits neither gets no chart. Anything that
/// would make the picture say something the rows do not (a date repeated, which a line would silently join; a
/// row without a date) is refused with the reason rather than drawn.
public enum ChartPlanner {
    /// Most measures one line chart draws.
    public static let seriesCountMax = 4

    /// The chart `request` asks for over `batch`: nil for `.none`; for `.auto`, nil when the result fits no
    /// chart (``reason(for:)`` says why).
    ///
    /// - Parameter isPercent: which double columns hold ratios, shown as percentages (the caller's rule, as for
    ///   tables).
    /// - Throws: ``ChartRefusal`` when `.line` or `.bar` was asked and the result does not fit it, or when it
    ///   fits but cannot be drawn truthfully (a repeated or missing date).
    public static func chart(for batch: Batch, request: ChartRequest, isPercent: (Field) -> Bool = { _ in false }) throws(ChartRefusal) -> Chart? {
        switch request {
        case .none: return nil
        case .line: return try line(batch, isPercent: isPercent)
        case .bar: return try bar(batch, isPercent: isPercent)
        case .auto:
            if lineShapeProblem(batch.schema) == nil { return try line(batch, isPercent: isPercent) }
            if barShapeProblem(batch.schema) == nil { return try bar(batch, isPercent: isPercent) }
            return nil
        }
    }

    /// Why `auto` draws nothing for a result of `schema`: one line naming both shapes.
    public static func reason(for schema: Schema) -> String {
        "no chart fits this result (\(describe(schema))): a line chart needs one DATE column and 1 to \(seriesCountMax) numeric columns, a bar chart one text column and one numeric column"
    }

    // MARK: - Line

    private static func lineShapeProblem(_ schema: Schema) -> String? {
        let dates = schema.fields.filter { $0.type == .date }.count
        let numbers = schema.fields.filter { $0.type.isNumeric }.count
        guard dates == 1, (1...seriesCountMax).contains(numbers), dates + numbers == schema.count else {
            return "a line chart needs one DATE column and 1 to \(seriesCountMax) numeric columns, nothing else; this result has \(describe(schema))"
        }
        return nil
    }

    private static func line(_ batch: Batch, isPercent: (Field) -> Bool) throws(ChartRefusal) -> Chart {
        if let problem = lineShapeProblem(batch.schema) { throw ChartRefusal(problem) }
        guard batch.rowCount > 0 else { throw ChartRefusal("no chart: the result has no rows") }
        guard let dateIndex = batch.schema.fields.firstIndex(where: { $0.type == .date }),
            case .date(let dateColumn) = batch.columns[dateIndex]
        else { throw ChartRefusal("a line chart needs a DATE column") }
        let dateName = batch.schema.fields[dateIndex].name
        if let row = (0..<batch.rowCount).first(where: { dateColumn.isNull($0) }) {
            throw ChartRefusal("no line chart: row \(row + 1) has no \(dateName) (NULL); every point needs a date")
        }
        let order = (0..<batch.rowCount).sorted { dateColumn.values[$0] < dateColumn.values[$1] }
        for (earlier, later) in zip(order, order.dropFirst()) where dateColumn.values[earlier] == dateColumn.values[later] {
            let date = Date32(days: dateColumn.values[earlier])
            throw ChartRefusal(
                "no line chart: \(dateName) \(date) appears in more than one row (rows \(min(earlier, later) + 1) and \(max(earlier, later) + 1)); group by \(dateName) to get one value per date")
        }
        let sorted = batch.gather(order)
        var series: [ChartSeries] = []
        for index in sorted.schema.fields.indices where sorted.schema.fields[index].type.isNumeric {
            let measure = ChartSeries(batch: sorted, column: index, isPercent: isPercent)
            guard measure.bounds != nil else { throw ChartRefusal("no line chart: \(measure.name) has no values (every row is NULL)") }
            series.append(measure)
        }
        guard case .date(let sortedDates) = sorted.columns[dateIndex] else { throw ChartRefusal("a line chart needs a DATE column") }
        return .line(TimeSeries(dateName: dateName, dates: sortedDates.values.map(Date32.init(days:)), series: series))
    }

    // MARK: - Bar

    private static func barShapeProblem(_ schema: Schema) -> String? {
        let texts = schema.fields.filter { $0.type == .string }.count
        let numbers = schema.fields.filter { $0.type.isNumeric }.count
        guard texts == 1, numbers == 1, schema.count == 2 else {
            return "a bar chart needs one text column and one numeric column, nothing else; this result has \(describe(schema))"
        }
        return nil
    }

    private static func bar(_ batch: Batch, isPercent: (Field) -> Bool) throws(ChartRefusal) -> Chart {
        if let problem = barShapeProblem(batch.schema) { throw ChartRefusal(problem) }
        guard batch.rowCount > 0 else { throw ChartRefusal("no chart: the result has no rows") }
        guard let labelIndex = batch.schema.fields.firstIndex(where: { $0.type == .string }),
            let valueIndex = batch.schema.fields.firstIndex(where: { $0.type.isNumeric }),
            case .string(let labelColumn) = batch.columns[labelIndex]
        else { throw ChartRefusal("a bar chart needs a text column") }
        let measure = ChartSeries(batch: batch, column: valueIndex, isPercent: isPercent)
        guard measure.bounds != nil else { throw ChartRefusal("no bar chart: \(measure.name) has no values (every row is NULL)") }
        let labels = (0..<batch.rowCount).map { labelColumn[$0] ?? "NULL" }
        return .bar(Ranking(labelName: batch.schema.fields[labelIndex].name, labels: labels, measure: measure))
    }

    /// `2 columns: campaign_name VARCHAR, spend DOUBLE`, for refusals.
    private static func describe(_ schema: Schema) -> String {
        let columns = schema.fields.prefix(6).map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        return "\(schema.count) column\(schema.count == 1 ? "" : "s"): \(columns)" + (schema.count > 6 ? ", …" : "")
    }
}
