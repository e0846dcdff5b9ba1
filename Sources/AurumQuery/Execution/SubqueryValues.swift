import AurumCore
import Foundation

/// The values of `x IN (SELECT …)`'s subquery, read once into a set, and the membership test with SQL's NULL
/// rules (DuckDB's): a NULL `x` gives NULL unless the subquery has no rows (then false); a value not found gives
/// NULL when the subquery has a NULL (it might be that one), false otherwise. NOT IN negates true and false.
public final class SubqueryValues: @unchecked Sendable, Equatable {
    let table: MaterializeOperator
    /// The type the test compares in: the subquery's column is cast to it (BIGINT to DOUBLE beside a DOUBLE `x`).
    let type: DataType
    /// Guards ``loaded``: workers filter batches at once.
    private let lock = NSLock()
    private var loaded: (values: Set<Value>, hasNull: Bool, isEmpty: Bool)?

    init(_ table: MaterializeOperator, type: DataType) {
        self.table = table
        self.type = type
    }

    public static func == (left: SubqueryValues, right: SubqueryValues) -> Bool { left === right }

    /// Runs the subquery if it has not run yet (the executor does so before its workers start), counting what
    /// it read from tables in `stats`.
    @discardableResult
    func load(stats: inout ScanStats) throws(QueryError) -> (values: Set<Value>, hasNull: Bool, isEmpty: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let batch = try table.materialize(stats: &stats)
        var column = batch.columns[0]
        if column.type != type {
            column = try ExpressionEvaluator.evaluate(.cast(.column(0, column.type), type, offset: 0), batch)
        }
        var values = Set<Value>()
        var hasNull = false
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isNull { hasNull = true } else { values.insert(value) }
        }
        let result = (values, hasNull, column.count == 0)
        loaded = result
        return result
    }

    /// `value [NOT] IN (the subquery)` for every row of `value` (a column of ``type``).
    func contains(_ value: Column, negated: Bool) throws(QueryError) -> Column {
        var stats = ScanStats()  // (loaded before the workers start: nothing is read here)
        let (values, hasNull, isEmpty) = try load(stats: &stats)
        let count = value.count
        var result = [UInt8](repeating: 0, count: count)
        var validity = [UInt8](repeating: 1, count: count)
        var anyNull = false
        let found: UInt8 = negated ? 0 : 1
        let notFound: UInt8 = negated ? 1 : 0
        for row in 0..<count {
            let item = value.value(at: row)
            if item.isNull {
                if isEmpty { result[row] = notFound } else { validity[row] = 0; anyNull = true }
            } else if values.contains(item) {
                result[row] = found
            } else if hasNull {
                validity[row] = 0
                anyNull = true
            } else {
                result[row] = notFound
            }
        }
        return .bool(PrimitiveColumn(values: result, validity: anyNull ? validity : nil))
    }
}
