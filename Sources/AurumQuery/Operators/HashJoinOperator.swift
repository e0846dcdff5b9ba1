import AurumCore
import AurumStorage

/// `left [INNER|LEFT] JOIN right ON l1 = r1 [AND l2 = r2 …]`: builds a hash table on the right side (read whole,
/// once), then streams the left side batch by batch, each left row joined to every right row with equal keys —
/// or, for an INNER JOIN whose left side is the smaller catalogue table, the other way round (``buildsOnLeft``).
/// NULL keys match nothing (SQL); a LEFT JOIN keeps a left row without a match once, with NULL in every right
/// column. Output rows come in the streamed side's row order (each row's matches in the built side's order); the
/// streamed side's batches are joined on every core, a window at a time, and handed up in order.
///
/// Keys are expressions over each side's own columns, already cast to one type per pair by the binder (BIGINT
/// beside DOUBLE compares as DOUBLE). The build side's rows are chained by key in a ``JoinHashTable``, whose key
/// encoders each probe worker copies, so that equal values get equal codes on both sides; dictionary-coded text
/// is matched once per dictionary entry, not once per row.
final class HashJoinOperator: PlanOperator {
    let kind: JoinKind
    let left: PlanOperator
    let right: PlanOperator
    let leftKeys: [BoundExpression]
    let rightKeys: [BoundExpression]
    /// The ON condition as written (normalised), for EXPLAIN.
    let conditionText: String
    /// The left side's columns, then the right side's.
    let schema: Schema
    private(set) var rowsOut = 0
    private(set) var seconds: Double?

    init(kind: JoinKind, left: PlanOperator, right: PlanOperator, leftKeys: [BoundExpression], rightKeys: [BoundExpression], conditionText: String) {
        precondition(leftKeys.count == rightKeys.count && !leftKeys.isEmpty, "one key pair at least")
        self.kind = kind
        self.left = left
        self.right = right
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.conditionText = conditionText
        let rightFields = right.schema.fields.map { Field($0.name, $0.type, nullable: kind == .left || $0.nullable) }
        schema = Schema(left.schema.fields + rightFields)
    }

    /// The columns of one side to read for `wanted` (that side's indices) and its keys, and the keys renumbered
    /// onto them.
    private static func reading(_ wanted: [Int], keys: [BoundExpression]) -> (columns: [Int], keys: [BoundExpression]) {
        var used = Set(wanted)
        for key in keys { key.collectColumns(into: &used) }
        let columns = used.isEmpty ? [0] : used.sorted()
        let mapping = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        return (columns, keys.map { $0.remapColumns(mapping) })
    }

    /// The columns each side reads when the block above asks for `columns` (for EXPLAIN, before any run).
    func plannedColumns(_ columns: [Int]) -> (left: [Int], right: [Int]) {
        let leftCount = left.schema.count
        return (Self.reading(columns.filter { $0 < leftCount }, keys: leftKeys).columns,
                Self.reading(columns.filter { $0 >= leftCount }.map { $0 - leftCount }, keys: rightKeys).columns)
    }

    /// Whether an INNER JOIN builds on its left side: when both sides' sizes are known from metadata (catalogue
    /// tables) and the left one is smaller. A LEFT JOIN always builds on the right, the side it may leave NULL.
    var buildsOnLeft: Bool {
        guard kind == .inner, let leftRows = left.rowsToScan(pruning: PruningPredicate()),
            let rightRows = right.rowsToScan(pruning: PruningPredicate())
        else { return false }
        return leftRows < rightRows
    }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        try scan(columns: columns, pruning: pruning, fixedPoint: [:], stats: &stats, body)
    }

    /// The joined batches, handed over read (the join's own workers read the probe side).
    func scanPending(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (PendingBatch) throws -> Void
    ) throws {
        try scan(columns: columns, pruning: pruning, fixedPoint: fixedPoint, stats: &stats) { batch in try body(PendingBatch(batch)) }
    }

    /// The positions in `fixedPoint` that are the probe side's columns (not its keys) are asked of the probe side
    /// in that form (``FixedPoint``), so a sum of money over a join adds the stored decimals as they are; the build
    /// side's are read as usual.
    func scan(
        columns: [Int], pruning _: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (Batch) throws -> Void
    ) throws {
        let leftCount = left.schema.count
        let (leftRead, leftKeysRead) = Self.reading(columns.filter { $0 < leftCount }, keys: leftKeys)
        let (rightRead, rightKeysRead) = Self.reading(columns.filter { $0 >= leftCount }.map { $0 - leftCount }, keys: rightKeys)
        var clock = OperatorClock()
        defer { seconds = clock.seconds }
        let swapped = buildsOnLeft
        let (buildSide, buildRead, buildKeys) = swapped ? (left, leftRead, leftKeysRead) : (right, rightRead, rightKeysRead)
        let (probeSide, probeRead, probeKeys) = swapped ? (right, rightRead, rightKeysRead) : (left, leftRead, leftKeysRead)

        // A probe side still to compute (a CTE, a subquery) computes on another thread meanwhile; its reads are
        // counted once it is done, and an error of the build side is the one reported, as when run in order.
        let probeAhead = (probeSide as? MaterializeOperator)?.startAhead()
        // Build: the whole build side, chained by key (``JoinHashTable``).
        var parts: [Batch] = []
        let cancellation = RunContext.cancellation
        let buildSchema = Schema(buildRead.map { buildSide.schema.fields[$0] })
        var built: Batch
        let table: JoinHashTable
        do {
            try buildSide.scan(columns: buildRead, pruning: PruningPredicate(), stats: &stats) { batch in
                if cancellation?.isCancelled == true { throw QueryError.cancelled }
                parts.append(batch)
            }
            built = parts.isEmpty ? Batch(empty: buildSchema) : Batch.concatenate(parts, schema: buildSchema)
            parts = []
            table = try JoinHashTable(keys: buildKeys, of: built)
        } catch {
            _ = probeAhead?.value
            throw error
        }
        if let probeAhead { stats.addReads(of: try probeAhead.value.get()) }
        // A LEFT JOIN's unmatched rows take `unmatched` as their right row: NULL in every right column. (An empty
        // right side becomes one row of NULLs, so that there is a row to gather.)
        let unmatched = JoinHashTable.noMatch
        if kind == .left && built.rowCount == 0 { built = Self.nullRow(buildSchema) }

        // Probe: the other side's batches a window at a time (growing from one batch to two a worker, so that a
        // LIMIT above stops the scan soon), each batch's keys matched on its own worker with its own copy of the
        // key encoders, and its first ``pairsPerBatch`` pairs made there too; then handed up in order, a batch
        // whose keys repeat on the build side making its further pairs a piece at a time, so that memory stays
        // bounded and Ctrl-C is answered between pieces. Only the columns asked for are gathered, and the probe
        // side's not at all when each of its rows matched one build row.
        let leftPositions = Dictionary(uniqueKeysWithValues: leftRead.enumerated().map { ($0.element, $0.offset) })
        let rightPositions = Dictionary(uniqueKeysWithValues: rightRead.enumerated().map { ($0.element, $0.offset) })
        var probeFixedPoint: [Int: FixedPoint] = [:]
        var probeKeyPositions = Set<Int>()
        for key in probeKeys { key.collectColumns(into: &probeKeyPositions) }
        for (position, form) in fixedPoint where position < columns.count {
            let column = columns[position]
            let probePosition = swapped
                ? (column >= leftCount ? rightPositions[column - leftCount] : nil) : (column < leftCount ? leftPositions[column] : nil)
            if let probePosition, !probeKeyPositions.contains(probePosition) { probeFixedPoint[probePosition] = form }
        }
        let outputFields = columns.map { schema.fields[$0] }
        let (kind, builtRows) = (self.kind, built)
        /// One probe batch being joined: its rows' first matches and how far its pairs are made.
        struct Probe {
            var batch: Batch
            var firstMatches: [Int]
            var cursor = JoinHashTable.PairCursor()
        }
        func nextPiece(_ probe: inout Probe) -> Batch? {
            let (probeRows, buildRows) = table.pairs(
                probe.firstMatches, keepUnmatched: kind == .left, from: &probe.cursor, limit: Self.pairsPerBatch)
            guard !buildRows.isEmpty else { return nil }
            let batch = probe.batch
            let (leftBatch, leftRows, rightBatch, rightRows) = swapped ? (builtRows, buildRows, batch, probeRows) : (batch, probeRows, builtRows, buildRows)
            let output = columns.map { column -> Column in
                if column < leftCount, let position = leftPositions[column] {
                    return leftRows.map(leftBatch.columns[position].gather) ?? leftBatch.columns[position]
                }
                guard let position = rightPositions[column - leftCount] else { preconditionFailure("a column the join did not read") }
                guard let rightRows else { return rightBatch.columns[position] }
                // (Only a LEFT JOIN has unmatched rows to leave NULL.)
                return kind == .left ? Self.gather(rightBatch.columns[position], rightRows, nullAt: unmatched) : rightBatch.columns[position].gather(rightRows)
            }
            // A probe column read as fixed point is BIGINT in the batches that hold it so.
            let fields = zip(outputFields, output).map { field, column in
                var field = field
                field.type = column.type
                return field
            }
            return Batch(schema: Schema(fields), columns: output)
        }
        let workerCount = Parallel.threadCount
        var encoders = [[KeyEncoder]](repeating: table.encoders, count: workerCount)
        var window: [Batch] = []
        var windowSize = 1
        func drain() throws {
            defer { window.removeAll(keepingCapacity: true) }
            var probes = [Probe?](repeating: nil, count: window.count)
            var joined = [Batch?](repeating: nil, count: window.count)
            try probes.withUnsafeMutableBufferPointer { probes throws(QueryError) in
                try joined.withUnsafeMutableBufferPointer { joined throws(QueryError) in
                    try encoders.withUnsafeMutableBufferPointer { encoders throws(QueryError) in
                        try Executor.eachWorker(min(workerCount, window.count)) { worker throws(QueryError) in
                            for index in stride(from: worker, to: window.count, by: workerCount) {
                                if cancellation?.isCancelled == true { throw QueryError.cancelled }
                                var probe = Probe(
                                    batch: window[index],
                                    firstMatches: try table.firstMatches(of: probeKeys, in: window[index], encoders: &encoders[worker]))
                                joined[index] = nextPiece(&probe)
                                probes[index] = probe
                            }
                        }
                    }
                }
            }
            for index in joined.indices {
                var piece = joined[index]
                joined[index] = nil
                while true {
                    if let output = piece {
                        rowsOut += output.rowCount
                        try clock.handUp { try body(output) }
                    }
                    guard var probe = probes[index], !probe.cursor.finished else { break }
                    if cancellation?.isCancelled == true { throw QueryError.cancelled }
                    piece = nextPiece(&probe)
                    probes[index] = probe
                }
            }
            windowSize = min(2 * windowSize, 2 * workerCount)
        }
        try probeSide.scan(columns: probeRead, pruning: PruningPredicate(), fixedPoint: probeFixedPoint, stats: &stats) { batch in
            window.append(batch)
            if window.count >= windowSize { try drain() }
        }
        if !window.isEmpty { try drain() }
    }

    /// The most pairs one output batch holds (a probe batch whose keys repeat on the build side makes several).
    static let pairsPerBatch = 1 << 20

    /// The rows of `column` at `rows`, NULL where the row is `nullAt` (kept as a gather, so that text keeps its
    /// dictionary and shared codes).
    private static func gather(_ column: Column, _ rows: [Int], nullAt: Int) -> Column {
        guard rows.contains(nullAt) else { return column.gather(rows) }
        let safe = rows.map { $0 == nullAt ? 0 : $0 }
        func validity(_ gathered: [UInt8]?) -> [UInt8] {
            rows.indices.map { rows[$0] == nullAt ? 0 : (gathered?[$0] ?? 1) }
        }
        func nulled<Element>(_ values: PrimitiveColumn<Element>) -> PrimitiveColumn<Element> {
            var gathered = values.gather(safe)
            gathered.validity = validity(gathered.validity)
            return gathered
        }
        switch column {
        case .int64(let values): return .int64(nulled(values))
        case .double(let values): return .double(nulled(values))
        case .date(let values): return .date(nulled(values))
        case .bool(let values): return .bool(nulled(values))
        case .string(let values):
            var gathered = values.gather(safe)
            gathered.validity = validity(gathered.validity)
            return .string(gathered)
        }
    }

    /// One row of NULLs of `schema`.
    private static func nullRow(_ schema: Schema) -> Batch {
        Batch(schema: schema, columns: schema.fields.map { field -> Column in
            switch field.type {
            case .int64: .int64(PrimitiveColumn(values: [0], validity: [0]))
            case .double: .double(PrimitiveColumn(values: [0], validity: [0]))
            case .date: .date(PrimitiveColumn(values: [0], validity: [0]))
            case .bool: .bool(PrimitiveColumn(values: [0], validity: [0]))
            case .string: .string(StringColumn(dictionary: [""], codes: [0], validity: [0]))
            }
        })
    }

    func explain(analyze: Bool) -> [String] {
        ["HASH JOIN \(kind.rawValue) on [\(conditionText)]" + (buildsOnLeft ? " (hash table on the left side)" : "") + rowsNote(rowsOut, seconds: seconds, analyze: analyze)]
            + indented(left.explain(analyze: analyze)) + indented(right.explain(analyze: analyze))
    }
}
