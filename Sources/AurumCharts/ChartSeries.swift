import AurumCore

/// One measure to draw: its name, its values (nil for NULL) and how each value reads as text, the way a table
/// shows it (grouped thousands, the same decimals down the column, ratios as percentages).
public struct ChartSeries: Sendable, Equatable {
    /// The column's name (the legend's and the axis' title).
    public var name: String
    /// One value per point (nil: NULL, or a value that is not finite: drawn as a gap).
    public var values: [Double?]
    /// One text per point, as a table cell shows it (`NULL` for NULL).
    public var texts: [String]
    /// Whether the values are ratios to read as percentages (axis labels `12%`).
    public var isPercent: Bool

    /// A series of `values`, shown as `texts` (one per value).
    public init(name: String, values: [Double?], texts: [String], isPercent: Bool = false) {
        precondition(values.count == texts.count, "one text per value")
        self.name = name
        self.values = values
        self.texts = texts
        self.isPercent = isPercent
    }

    /// Column `index` of `batch`, which must be numeric; `isPercent` is the caller's rule for ratio columns.
    init(batch: Batch, column index: Int, isPercent: (Field) -> Bool) {
        let field = batch.schema.fields[index]
        let percent = field.type == .double && isPercent(field)
        var values: [Double?] = []
        var texts: [String] = []
        switch batch.columns[index] {
        case .int64(let column):
            for row in 0..<column.count {
                if column.isNull(row) {
                    values.append(nil)
                    texts.append("NULL")
                } else {
                    values.append(Double(column.values[row]))
                    texts.append(ReadableNumber.integer(column.values[row]))
                }
            }
        case .double(let column):
            let magnitude = (0..<column.count).lazy.filter { !column.isNull($0) && column.values[$0].isFinite }
                .map { column.values[$0].magnitude }.max() ?? 0
            let decimals = ReadableNumber.decimals(forMagnitude: magnitude)
            for row in 0..<column.count {
                if column.isNull(row) {
                    values.append(nil)
                    texts.append("NULL")
                } else {
                    let value = column.values[row]
                    values.append(value.isFinite ? value : nil)
                    texts.append(percent ? ReadableNumber.percent(value) : ReadableNumber.double(value, decimals: decimals))
                }
            }
        default:
            preconditionFailure("ChartSeries needs a numeric column")
        }
        self.init(name: field.name, values: values, texts: texts, isPercent: percent)
    }

    /// Largest magnitude drawn: beyond it the distances between values overflow.
    static let magnitudeMax = 1e300

    /// The smallest and largest values drawn; nil when every value is NULL.
    var bounds: (lower: Double, upper: Double)? {
        let present = values.compactMap { $0 }
        guard let lower = present.min(), let upper = present.max() else { return nil }
        return (lower, upper)
    }
}
