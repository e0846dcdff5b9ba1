import AurumCore
import XCTest

@testable import AurumQuery

/// Binds and evaluates one expression over a small batch, the way the engine does, for the function tests.
enum FunctionProbe {
    /// `d` DATE, `n` BIGINT, `x` DOUBLE, `s` VARCHAR; every column is NULL in the last row.
    static func batch(dates: [String], numbers: [Int64] = [], doubles: [Double] = [], texts: [String] = []) -> Batch {
        let rows = dates.count + 1
        func pad<T>(_ values: [T], _ zero: T) -> [T] { Array((values + Array(repeating: zero, count: rows)).prefix(rows)) }
        var validity = [UInt8](repeating: 1, count: rows)
        validity[rows - 1] = 0
        let days = dates.map { Date32(iso: $0)?.days ?? 0 }
        return Batch(
            schema: Schema([Field("d", .date, nullable: true), Field("n", .int64, nullable: true), Field("x", .double, nullable: true), Field("s", .string, nullable: true)]),
            columns: [
                .date(PrimitiveColumn(values: pad(days, 0), validity: validity)),
                .int64(PrimitiveColumn(values: pad(numbers, 0), validity: validity)),
                .double(PrimitiveColumn(values: pad(doubles, 0), validity: validity)),
                .string(StringColumn(pad(texts, "").enumerated().map { $0.offset == rows - 1 ? nil : $0.element })),
            ])
    }

    /// `expression` bound over `batch`'s columns (today is 2024-05-15).
    static func bind(_ expression: String, over batch: Batch) throws(QueryError) -> BoundExpression {
        let statement = try Parser.parse("SELECT \(expression) FROM t")
        guard let item = statement.items.first?.expression else { throw .syntax(message: "no expression", offset: 0) }
        let binder = ExpressionBinder(schema: batch.schema, tableName: "t", today: Date32(days: 19_858), synonyms: [:], clause: "the select list")
        return try binder.bind(item)
    }

    /// The values of `expression` over `batch`, row by row (the last row has every column NULL).
    static func values(_ expression: String, over batch: Batch) throws(QueryError) -> [Value] {
        let column = try ExpressionEvaluator.evaluate(try bind(expression, over: batch), batch)
        return (0..<batch.rowCount).map { column.value(at: $0) }
    }

    /// The error `expression` is refused with, at bind or run time; nil when it runs.
    static func refusal(_ expression: String, over batch: Batch) -> QueryError? {
        do {
            _ = try values(expression, over: batch)
            return nil
        } catch {
            return error
        }
    }
}

extension Value {
    /// A date value from `YYYY-MM-DD`, for expectations.
    static func day(_ iso: String) -> Value { Date32(iso: iso).map(Value.date) ?? .null }
}
