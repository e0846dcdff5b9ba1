import AurumCore
import Foundation

/// One column of a BigQuery query result, built from its cells (each value as BigQuery's JSON text, or null) into
/// the type Aurum's plan gives it: INT64 into BIGINT; INT64, FLOAT64 and NUMERIC into DOUBLE; STRING, DATE and
/// BOOL into their own. Anything else is an error naming the column and row, never a guessed value.
struct ResultColumnBuilder {
    let type: DataType
    private var integers: [Int64] = []
    private var doubles: [Double] = []
    private var dates: [Int32] = []
    private var booleans: [UInt8] = []
    private var texts: [String?] = []
    private var validity: [UInt8] = []

    init(type: DataType) { self.type = type }

    mutating func append(_ cell: Any?, bigQueryType: String, column: String, row: Int) throws {
        guard let text = cell as? String else {
            guard cell == nil || cell is NSNull else {
                throw BigQueryError.queryResult(detail: "column \(column), row \(row): a value that is not text")
            }
            validity.append(0)
            switch type {
            case .int64: integers.append(0)
            case .double: doubles.append(0)
            case .date: dates.append(0)
            case .bool: booleans.append(0)
            case .string: texts.append(nil)
            }
            return
        }
        func refuse() -> BigQueryError {
            .queryResult(detail: "column \(column), row \(row): \(bigQueryType) '\(text)' is not a \(type)")
        }
        validity.append(1)
        switch (type, bigQueryType) {
        case (.int64, "INT64"), (.int64, "INTEGER"):
            guard let value = Int64(text) else { throw refuse() }
            integers.append(value)
        case (.double, "INT64"), (.double, "INTEGER"), (.double, "FLOAT64"), (.double, "FLOAT"), (.double, "NUMERIC"), (.double, "BIGNUMERIC"):
            guard let value = Double(text) else { throw refuse() }
            doubles.append(value)
        case (.date, "DATE"):
            guard let value = Date32(iso: text) else { throw refuse() }
            dates.append(value.days)
        case (.bool, "BOOL"), (.bool, "BOOLEAN"):
            guard text == "true" || text == "false" else { throw refuse() }
            booleans.append(text == "true" ? 1 : 0)
        case (.string, "STRING"):
            texts.append(text)
        default:
            throw refuse()
        }
    }

    func finish() -> Column {
        let mask = validity.contains(0) ? validity : nil
        switch type {
        case .int64: return .int64(PrimitiveColumn(values: integers, validity: mask))
        case .double: return .double(PrimitiveColumn(values: doubles, validity: mask))
        case .date: return .date(PrimitiveColumn(values: dates, validity: mask))
        case .bool: return .bool(PrimitiveColumn(values: booleans, validity: mask))
        case .string: return .string(StringColumn(texts))
        }
    }
}
