import AurumCore
import AurumQuery
import XCTest

@testable import AurumPipeline

/// The packed (date, file_id, row) key of Gold's latest name and currency: nil when the bounds cannot be packed
/// exactly, and the same Gold daily rows with the key (one arg_max) as without it (two steps).
final class ProvenanceOrderKeyTests: XCTestCase {
    private func bounds(_ days: (Int32, Int32)?, files: (Int64, Int64), rows: (Int64, Int64)) -> Batch {
        let date = { (day: Int32) in Column.date(PrimitiveColumn(values: [day], validity: days == nil ? [0] : nil)) }
        let int = { (value: Int64) in Column.int64(PrimitiveColumn(values: [value])) }
        return Batch(
            schema: Schema((0..<6).map { Field("b\($0)", $0 < 2 ? .date : .int64, nullable: true) }),
            columns: [date(days?.0 ?? 0), date(days?.1 ?? 0), int(files.0), int(files.1), int(rows.0), int(rows.1)])
    }

    func testKeyExistsOnlyWhenThePackingFits() {
        XCTAssertNil(ProvenanceOrderKey(bounds: bounds(nil, files: (1, 1), rows: (0, 0))), "an empty table")
        XCTAssertNil(ProvenanceOrderKey(bounds: bounds((0, 40_000), files: (1, 1 << 20), rows: (0, 1 << 30))), "2^65 keys")
        XCTAssertNil(ProvenanceOrderKey(bounds: bounds((0, 1), files: (Int64.min, Int64.max), rows: (0, 0))))
        let key = ProvenanceOrderKey(bounds: bounds((19_000, 19_400), files: (3, 1_002), rows: (0, 99_999)))
        XCTAssertEqual(key?.fileSpan, 1_000)
        XCTAssertEqual(key?.rowSpan, 100_000)
        XCTAssertEqual(key?.sql, "(date - DATE '2022-01-08') * 100000000 + (file_id - 3) * 100000 + (\"row\" - 0)")
    }

    /// Silver rows of two campaigns over three days from four files, names empty, NULL or varying, currencies
    /// sometimes NULL; many rows share a day, so the file and row decide.
    private func silver(seed: UInt64) -> Batch {
        var generator = SplitMix(seed: seed)
        let schema = ContractTable.adInsights.schema
        var values: [[Value]] = []
        for index in 0..<60 {
            let names: [Value] = [.null, .string(""), .string("Alpha"), .string("Beta"), .string("gamma")]
            let row: [Value] = schema.fields.map { field in
                switch field.name {
                case "source": .string("meta")
                case "account_id": .string("act")
                case "campaign_id": .string(generator.next() % 2 == 0 ? "c1" : "c2")
                case "campaign_name": names[Int(generator.next() % 5)]
                case "currency": generator.next() % 3 == 0 ? .null : .string(["USD", "EUR", "BRL"][Int(generator.next() % 3)])
                case "date": .date(Date32(days: 19_700 + Int32(generator.next() % 3)))
                case "file_id": .int64(Int64(1 + generator.next() % 4))
                case "row": .int64(Int64(index))
                case "impressions", "clicks": .int64(Int64(generator.next() % 100))
                default: field.type == .double ? .double(Double(generator.next() % 1000) / 100) : (field.nullable ? .null : .string("x"))
                }
            }
            values.append(row)
        }
        return Batch(schema: schema, columns: schema.fields.indices.map { column in
            Self.column(values.map { $0[column] }, type: schema.fields[column].type)
        })
    }

    private static func column(_ values: [Value], type: DataType) -> Column {
        switch type {
        case .string: return .string(StringColumn(values.map { if case .string(let text) = $0 { text } else { nil } }))
        case .date: return .date(PrimitiveColumn(values: values.map { if case .date(let day) = $0 { day.days } else { 0 } }))
        case .double: return .double(PrimitiveColumn(values: values.map { if case .double(let number) = $0 { number } else { 0 } }))
        default: return .int64(PrimitiveColumn(values: values.map { if case .int64(let number) = $0 { number } else { 0 } }))
        }
    }

    func testOneArgMaxPicksWhatTheTwoStepsPick() throws {
        for seed in 1...5 as ClosedRange<UInt64> {
            let batch = silver(seed: seed)
            let table = LazyTable(schema: ContractTable.adInsights.schema) { batch }
            let engine = QueryEngine(catalog: DictionaryCatalog(["ad_insights": table]), today: Date32(days: 0))
            let key = try XCTUnwrap(ProvenanceOrderKey(bounds: try engine.run(ProvenanceOrderKey.boundsQuery).batch))
            let packed = try engine.run(GoldQueries.daily(orderKey: key)).batch
            let stepped = try engine.run(GoldQueries.daily(orderKey: nil)).batch
            let rows = { (batch: Batch) in (0..<batch.rowCount).map { row in batch.columns.map { "\($0.value(at: row))" } } }
            XCTAssertEqual(rows(packed), rows(stepped), "seed \(seed)")
            XCTAssertGreaterThan(packed.rowCount, 2)
        }
    }
}
