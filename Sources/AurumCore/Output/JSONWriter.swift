/// Writes a batch as a JSON array of objects, one per row, keys in column order, typed values: numbers as
/// numbers (doubles in shortest round-trip form; NaN and infinities, which Aurum never produces, as null),
/// dates as "YYYY-MM-DD" strings, booleans as true/false, NULL as null.
public enum JSONWriter {
    public static func write(_ batch: Batch, into output: inout [UInt8]) {
        open(into: &output)
        rows(of: batch, 0..<batch.rowCount, following: 0, into: &output)
        close(rowCount: batch.rowCount, into: &output)
    }

    /// The opening of the array (`[`), for a result written a few rows at a time: ``rows(of:_:following:into:)``
    /// for each piece, then ``close(rowCount:into:)``.
    public static func open(into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
    }

    /// The objects of `batch`'s rows `rows`, after `previous` rows already written (which decides the comma).
    public static func rows(of batch: Batch, _ rows: Range<Int>, following previous: Int, into output: inout [UInt8]) {
        // Each field's `"name": ` (after `, ` from the second field on), spelled once for all the rows.
        let keys = batch.schema.fields.enumerated().map { index, field in
            var key: [UInt8] = index > 0 ? Array(", ".utf8) : []
            appendString(field.name, into: &key)
            key.append(contentsOf: ": ".utf8)
            return key
        }
        for row in rows {
            output.append(contentsOf: (previous == 0 && row == rows.lowerBound ? "\n  {" : ",\n  {").utf8)
            for (index, key) in keys.enumerated() {
                output.append(contentsOf: key)
                appendValue(batch.columns[index].value(at: row), into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The end of an array of `rowCount` rows.
    public static func close(rowCount: Int, into output: inout [UInt8]) {
        output.append(contentsOf: (rowCount == 0 ? "]\n" : "\n]\n").utf8)
    }

    static func appendValue(_ value: Value, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .int64(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            if number.isFinite {
                DoubleFormat.append(number, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .string(let text): appendString(text, into: &output)
        case .date(let date): appendString(date.description, into: &output)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; other UTF-8 kept as is.
    public static func appendString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: Array("\\\"".utf8))
            case UInt8(ascii: "\\"): output.append(contentsOf: Array("\\\\".utf8))
            case 10: output.append(contentsOf: Array("\\n".utf8))
            case 13: output.append(contentsOf: Array("\\r".utf8))
            case 9: output.append(contentsOf: Array("\\t".utf8))
            case 0..<32:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
