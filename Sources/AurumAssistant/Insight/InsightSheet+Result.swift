import AurumCore
import AurumDomain

extension InsightSheet {
    /// The sheet of `ask --insight`: the question, the query and the first `rowsMax` rows of its result (CSV);
    /// the numbers that may be quoted are the result's cells and its row count, the fraction KPIs' cells (`ctr`,
    /// `conversion_rate`) also as percentages; a number written with a currency must be a cell of a row in that
    /// `currency` (when the result has the column); the reply's number style follows the question's language.
    public static func result(question: String, query: String, result: Batch, rowsMax: Int) -> InsightSheet {
        let rowsShown = min(result.rowCount, max(0, rowsMax))
        let writer = CSVWriter(formulaGuard: .none)
        var csv: [UInt8] = []
        writer.header(result.schema, into: &csv)
        writer.rows(result, order: Array(0..<rowsShown), into: &csv)
        var amounts: [Double] = [Double(result.rowCount)]
        var fractions: [Double] = []
        var dates: [String] = []
        var names: [String] = []
        // A row's amounts are in its `currency` (when the result has one): money is per currency.
        var money: [String: [Double]] = [:]
        if let index = result.schema.fields.firstIndex(where: { $0.name == "currency" }), case .string(let codes) = result.columns[index] {
            for row in 0..<rowsShown {
                let figures = result.columns.compactMap { column -> Double? in if case .double(let value) = column.value(at: row) { value } else { nil } }
                money[codes[row] ?? "", default: []] += figures
            }
        }
        for (field, column) in zip(result.schema.fields, result.columns) {
            let isFraction = KPI(rawValue: field.name)?.unit == .fraction
            for row in 0..<rowsShown {
                switch column.value(at: row) {
                case .int64(let value): amounts.append(Double(value))
                case .double(let value):
                    amounts.append(value)
                    if isFraction { fractions.append(value) }
                case .date(let day): dates.append(day.description)
                case .string(let text): names.append(text)
                case .null, .bool: break
                }
            }
        }
        let shown = rowsShown < result.rowCount ? "the first \(rowsShown) of \(result.rowCount) rows" : "all \(result.rowCount) row\(result.rowCount == 1 ? "" : "s")"
        let task = """
            The analyst asked: \(question.trimmingCharacters(in: .whitespacesAndNewlines))
            Aurum answered with this query: \(query)
            Its result (CSV, \(shown)) is the facts. If it does not answer the question, say so in the headline.
            """
        let language = QuestionLanguage(QuestionTokenizer.tokens(question))
        return InsightSheet(
            task: task, facts: String(decoding: csv, as: UTF8.self), amounts: amounts, fractions: fractions, money: money, dates: dates, campaigns: names,
            style: language == .portuguese ? .portuguese : .english)
    }
}
