import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// The tables the query tests run on, kept in a real store so scans, segments and zone maps are exercised.
///
/// `t` (10 rows, 3 segments of row groups of 4 rows; NULLs in every nullable column):
///
/// | id | name | amount | qty | day | flag |
/// |---|---|---|---|---|---|
/// | 1 | alpha | 10.5 | 3 | 2024-01-01 | true |
/// | 2 | beta | 20.25 | 0 | 2024-01-02 | false |
/// | 3 | Gamma | NULL | 5 | 2024-01-15 | true |
/// | 4 | NULL | 0.0 | 7 | 2024-02-01 | NULL |
/// | 5 | alpha | -4.5 | 1 | 2024-02-29 | false |
/// | 6 | délta ✓ | 100.0 | NULL | 2024-03-10 | true |
/// | 7 | beta | 2.5 | 2 | 2024-03-11 | true |
/// | 8 | =sum(A1) | 1.25 | 4 | 2024-04-01 | false |
/// | 9 | '' | 3.75 | 9 | 2024-04-30 | true |
/// | 10 | alpha | 7.0 | 6 | 2024-05-01 | false |
///
/// (`''` is the empty text.) `empty` has the same columns and no rows.
enum Fixture {
    static let schema = Schema([
        Field("id", .int64), Field("name", .string, nullable: true), Field("amount", .double, nullable: true),
        Field("qty", .int64, nullable: true), Field("day", .date), Field("flag", .bool, nullable: true),
    ])

    static func batch(_ rows: Range<Int>) -> Batch {
        let names: [String?] = ["alpha", "beta", "Gamma", nil, "alpha", "délta ✓", "beta", "=sum(A1)", "", "alpha"]
        let amounts: [Double?] = [10.5, 20.25, nil, 0.0, -4.5, 100.0, 2.5, 1.25, 3.75, 7.0]
        let quantities: [Int64?] = [3, 0, 5, 7, 1, nil, 2, 4, 9, 6]
        let days = ["2024-01-01", "2024-01-02", "2024-01-15", "2024-02-01", "2024-02-29", "2024-03-10", "2024-03-11", "2024-04-01", "2024-04-30", "2024-05-01"]
        let flags: [Bool?] = [true, false, true, nil, false, true, true, false, true, false]
        var amount = PrimitiveColumnBuilder<Double>(zero: 0)
        var quantity = PrimitiveColumnBuilder<Int64>(zero: 0)
        var flag = PrimitiveColumnBuilder<UInt8>(zero: 0)
        for row in rows {
            amount.append(amounts[row])
            quantity.append(quantities[row])
            flag.append(flags[row].map { $0 ? 1 : 0 })
        }
        return Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: rows.map { Int64($0 + 1) })), .string(StringColumn(rows.map { names[$0] })),
            .double(amount.finish()), .int64(quantity.finish()),
            .date(PrimitiveColumn(values: rows.map { Date32(iso: days[$0])!.days })), .bool(flag.finish()),
        ])
    }

    /// A store holding `t` as three segments (rows 1–4, 5–8, 9–10) and `empty`.
    static func store(_ test: XCTestCase) throws -> Store {
        let directory = NSTemporaryDirectory() + "aurum-query-" + UUID().uuidString
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try Store(directory: directory, mode: .write)
        let transaction = writer.begin()
        transaction.segmentRows = 4
        try transaction.ensureTable("t", schema: schema)
        try transaction.ensureTable("empty", schema: schema)
        try transaction.append(batch(0..<10), to: "t")
        try transaction.commit()
        return try Store(directory: directory, mode: .read)
    }

    static func catalog(_ store: Store) throws -> TableCatalog {
        DictionaryCatalog(
            ["t": try StoreTable(store: store, name: "t"), "empty": try StoreTable(store: store, name: "empty")],
            columnSynonyms: ["cost": "amount"])
    }
}
