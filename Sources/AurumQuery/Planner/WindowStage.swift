import AurumCore

/// The window stage of a plan: the block below the windows (``input``: scan, filter, aggregate, HAVING, and a
/// projection of what the windows and the final select list read), then each window call computed over its
/// output. The plan that holds the stage reads the result as a table (QUALIFY, the final projection, DISTINCT,
/// ORDER BY, LIMIT). A class, since a plan holds it and it holds a plan.
final class WindowStage {
    /// The block below the windows; the outer block reads its output columns as `#0`, `#1`, ….
    let input: QueryPlan
    let calls: [WindowCall]
    /// The wall-clock seconds each of ``sortGroups`` took in the latest run (its sort and its calls), for
    /// `EXPLAIN ANALYZE`; empty before a run.
    var sortSeconds: [Double] = []

    init(input: QueryPlan, calls: [WindowCall]) {
        self.input = input
        self.calls = calls
    }

    /// The stage's output: the input's columns, then one column per call (`#w0`, `#w1`, …).
    var schema: Schema {
        Schema(input.outputFields.indices.map { Field("#\($0)", input.outputFields[$0].type, nullable: true) }
            + calls.indices.map { Field("#w\($0)", calls[$0].type, nullable: true) })
    }

    /// One line per sort the stage runs, for EXPLAIN; with `analyze`, each with the time it took.
    func steps(analyze: Bool) -> [String] {
        var lines: [String] = []
        for (index, group) in sortGroups.enumerated() {
            let call = calls[group[0]]
            let names = group.map { calls[$0].text }.joined(separator: ", ")
            let keys = call.partition.count + call.order.count
            lines.append("WINDOW [\(names)]" + (keys == 0 ? " over the whole input" : " sorted by \(keys) key\(keys == 1 ? "" : "s")")
                + (analyze && index < sortSeconds.count ? StepTimes.note(sortSeconds[index]) : ""))
        }
        return lines
    }

    /// The calls grouped by their PARTITION BY and ORDER BY, in order of first appearance: each group shares one sort.
    var sortGroups: [[Int]] {
        var groups: [[Int]] = []
        for index in calls.indices {
            if let group = groups.firstIndex(where: { calls[$0[0]].sharesOrder(with: calls[index]) }) {
                groups[group].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups
    }
}

/// One window function call, bound to the columns of the window stage's input.
struct WindowCall: Sendable {
    var function: WindowFunction
    /// The input column of the argument (nil for `row_number()`, `rank()`, `dense_rank()`, `count(*)`).
    var argument: Int?
    /// lag/lead: the value comes from `rowOffset` positions before the current row in the partition (lead's `n`
    /// is stored as `-n`; lag by -1 is lead by 1).
    var rowOffset = 1
    /// lag/lead: the input column of the default (cast to the argument's type), if given.
    var defaultValue: Int?
    var partition: [Int]
    var order: [BatchSort.Key]
    /// The frame, the default one (RANGE UNBOUNDED PRECEDING to CURRENT ROW) filled in.
    var frame: WindowFrame
    var type: DataType
    /// As written, for EXPLAIN.
    var text: String
    /// Where the call starts in the query text, for errors while computing it.
    var offset: Int

    /// Whether `other` sorts the rows the same way (same PARTITION BY and ORDER BY).
    func sharesOrder(with other: WindowCall) -> Bool {
        partition == other.partition && order.count == other.order.count
            && zip(order, other.order).allSatisfy { $0.column == $1.column && $0.descending == $1.descending && $0.nullsFirst == $1.nullsFirst }
    }
}
