import AurumCore

/// Where a query hands its rows as they are produced, instead of gathering them into one result: what lets
/// `aurum query --format csv|json` print a result of any size through bounded memory.
///
/// Only a block whose rows come out in scan order and all of them is streamed — a plain scan, filter and
/// projection (joins included), without ORDER BY, DISTINCT, LIMIT, OFFSET, aggregation or window functions;
/// any other block gathers its result as before (``QueryEngine/Result/streamed`` says which happened).
public final class RowSink {
    let body: (Batch) -> Bool
    /// Rows handed over so far.
    public private(set) var rowCount = 0
    /// False once `body` said to stop (its reader is gone): the query then ends early, without an error.
    public private(set) var isOpen = true

    /// A sink that hands each batch of rows, in result order, to `body`, which returns false to stop the query.
    public init(_ body: @escaping (Batch) -> Bool) {
        self.body = body
    }

    /// Whether `plan`'s rows can be handed over as they are produced, in the order a gathered result has them.
    static func canStream(_ plan: QueryPlan) -> Bool {
        plan.windowStage == nil && plan.aggregation == nil && plan.sortKeys.isEmpty && !plan.distinct && plan.limit == nil
            && plan.offset == 0
    }

    /// Hands `batch` (its visible columns) on; false once the sink wants no more.
    func send(_ batch: Batch, visibleCount: Int) -> Bool {
        guard isOpen else { return false }
        guard batch.rowCount > 0 else { return true }
        let visible =
            batch.columns.count == visibleCount
            ? batch : Batch(schema: Schema(Array(batch.schema.fields.prefix(visibleCount))), columns: Array(batch.columns.prefix(visibleCount)))
        rowCount += visible.rowCount
        isOpen = body(visible)
        return isOpen
    }
}
