import AurumCore
import FuzzSupport

/// CSVWriter's round trip: a batch made from the input (text cut at 0xFF bytes, NULLs, integers, finite
/// doubles, dates, booleans) is written as CSV, with and without the formula guard, and read back with an RFC
/// 4180 reader: every field must come back as written (NULL as an empty unquoted field, an empty text as `""`,
/// a guarded text with one extra leading `'`). A difference stops the run as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let pieces = bytes.split(separator: 0xFF, omittingEmptySubsequences: false)
    let texts: [String?] = pieces.map { piece in piece.first == 0xFE ? nil : String(decoding: piece, as: UTF8.self) }
    let rows = texts.count
    var integers: [Int64] = []
    var doubles: [Double] = []
    for row in 0..<rows {
        var word: UInt64 = 0
        for (index, byte) in pieces[row].prefix(8).enumerated() { word |= UInt64(byte) << UInt64(8 * index) }
        integers.append(Int64(bitPattern: word))
        let double = Double(bitPattern: word)
        doubles.append(double.isFinite ? double : Double(row))
    }
    let batch = Batch(
        schema: Schema([
            Field("text", .string, nullable: true), Field("integer", .int64), Field("double", .double),
            Field("day", .date), Field("flag", .bool),
        ]),
        columns: [
            .string(StringColumn(texts)), .int64(PrimitiveColumn(values: integers)), .double(PrimitiveColumn(values: doubles)),
            .date(PrimitiveColumn(values: integers.map(day))),
            .bool(PrimitiveColumn(values: integers.map { UInt8($0 & 1) })),
        ])
    for guarded in [false, true] {
        let writer = CSVWriter(formulaGuard: guarded ? .quote : .none)
        var output: [UInt8] = []
        writer.header(batch.schema, into: &output)
        writer.rows(batch, into: &output)
        let records = CSVReader.records(output)
        check(records.count == rows + 1, "\(records.count) records for \(rows) rows")
        check(records[0].map(\.text) == ["text", "integer", "double", "day", "flag"], "header \(records[0])")
        for row in 0..<rows {
            let fields = records[row + 1]
            check(fields.count == 5, "row \(row): \(fields.count) fields")
            if let text = texts[row] {
                var read = fields[0].text
                let risky = text.utf8.first.map { "=+-@\t\r'".utf8.contains($0) } ?? false
                if guarded && risky {
                    check(read.hasPrefix("'"), "row \(row): guard missing")
                    read.removeFirst()
                }
                check(read.utf8.elementsEqual(text.utf8), "row \(row): text \(Array(text.utf8)) came back \(Array(read.utf8))")
                check(!text.isEmpty || fields[0].quoted, "row \(row): empty text not quoted")
            } else {
                check(fields[0].text.isEmpty && !fields[0].quoted, "row \(row): NULL came back \(fields[0])")
            }
            check(Int64(fields[1].text) == integers[row], "row \(row): integer \(integers[row]) came back \(fields[1].text)")
            check(Double(fields[2].text)?.bitPattern == (doubles[row] == 0 ? fields[2].text.hasPrefix("-") ? (-0.0).bitPattern : 0 : doubles[row].bitPattern),
                  "row \(row): double \(doubles[row]) came back \(fields[2].text)")
            check(Date32(iso: fields[3].text)?.days == day(integers[row]), "row \(row): date came back \(fields[3].text)")
            check(fields[4].text == (integers[row] & 1 == 1 ? "true" : "false"), "row \(row): flag came back \(fields[4].text)")
        }
    }
    return 0
}

/// A date from `value`, within the years 0001–9999 that dates may hold.
func day(_ value: Int64) -> Int32 {
    let first: Int64 = -719_162, last: Int64 = 2_932_896
    let span = last - first + 1
    return Int32(((value % span) + span) % span + first)
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("CSV round trip: " + message()) }
}

/// An RFC 4180 reader: records end at LF outside quotes; a quoted field's `""` is one `"`.
enum CSVReader {
    struct Field: CustomStringConvertible {
        var text: String
        var quoted: Bool
        var description: String { quoted ? "\"\(text)\"" : text }
    }

    static func records(_ bytes: [UInt8]) -> [[Field]] {
        var records: [[Field]] = []
        var record: [Field] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") && field.isEmpty && !quoted {
                quoted = true
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                continue
            }
            if byte == UInt8(ascii: ",") || byte == 10 {
                record.append(Field(text: String(decoding: field, as: UTF8.self), quoted: quoted))
                field = []
                quoted = false
                if byte == 10 {
                    records.append(record)
                    record = []
                }
            } else {
                field.append(byte)
            }
            index += 1
        }
        check(field.isEmpty && record.isEmpty, "CSV does not end with a line end")
        return records
    }
}

FuzzDriver.main { data, size in fuzzCSV(data, size) }
