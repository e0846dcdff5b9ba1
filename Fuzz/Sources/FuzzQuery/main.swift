import AurumCore
import AurumQuery
import FuzzSupport

/// The query lexer, parser, binder, planner and executor: any text is either a result or a ``QueryError``;
/// never a crash (a trap on overflow, a stack overflow, a precondition), a hang or unbounded memory.
///
/// Runs on table `t` of the golden tests (Tests/AurumQueryTests/Fixture.swift), so the golden queries are
/// good seeds, plus rows at the ends of every range (Int64.min and .max, ±1e308, the first and last dates).
struct MemoryTable: TableSource {
    let batch: Batch
    var schema: Schema { batch.schema }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        stats.rowsScanned += batch.rowCount
        try body(Batch(schema: Schema(columns.map { batch.schema.fields[$0] }), columns: columns.map { batch.columns[$0] }))
    }
}

let table: MemoryTable = {
    let names: [String?] = ["alpha", "beta", "Gamma", nil, "alpha", "délta ✓", "beta", "=sum(A1)", "", "alpha", "x", "%_%"]
    let amounts: [Double?] = [10.5, 20.25, nil, 0.0, -4.5, 100.0, 2.5, 1.25, 3.75, 7.0, 1e308, -1e308]
    let quantities: [Int64?] = [3, 0, 5, 7, 1, nil, 2, 4, 9, 6, .max, .min]
    let days = ["2024-01-01", "2024-01-02", "2024-01-15", "2024-02-01", "2024-02-29", "2024-03-10", "2024-03-11", "2024-04-01",
                "2024-04-30", "2024-05-01", "0001-01-01", "9999-12-31"]
    let flags: [Bool?] = [true, false, true, nil, false, true, true, false, true, false, nil, true]
    var amount = PrimitiveColumnBuilder<Double>(zero: 0)
    var quantity = PrimitiveColumnBuilder<Int64>(zero: 0)
    var flag = PrimitiveColumnBuilder<UInt8>(zero: 0)
    for row in names.indices {
        amount.append(amounts[row])
        quantity.append(quantities[row])
        flag.append(flags[row].map { $0 ? 1 : 0 })
    }
    let schema = Schema([
        Field("id", .int64), Field("name", .string, nullable: true), Field("amount", .double, nullable: true),
        Field("qty", .int64, nullable: true), Field("day", .date), Field("flag", .bool, nullable: true),
    ])
    return MemoryTable(batch: Batch(schema: schema, columns: [
        .int64(PrimitiveColumn(values: names.indices.map { Int64($0 + 1) })), .string(StringColumn(names)),
        .double(amount.finish()), .int64(quantity.finish()),
        .date(PrimitiveColumn(values: days.map { Date32(iso: $0)?.days ?? 0 })), .bool(flag.finish()),
    ]))
}()

nonisolated(unsafe) let engine = QueryEngine(catalog: DictionaryCatalog(["t": table, "empty": MemoryTable(batch: Batch(empty: table.schema))]),
                         today: Date32(iso: "2024-05-15") ?? Date32(days: 0))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    do {
        _ = try engine.run(text)
    } catch {
        _ = error.render(in: text)  // the caret rendering must cope with any offset and any text
    }
    return 0
}

FuzzDriver.main { data, size in fuzzQuery(data, size) }
