import AurumCore
import AurumStorage

/// Every live row of a contract table sorted by its key columns (``ContractTable/keyColumns``, as
/// ``TableReader/readSorted(_:store:)`` sorts them: stable, text by bytes), handed over a piece at a time so
/// that `aurum export` writes a table of any size through bounded memory.
///
/// A table is stored as sorted runs: Gold is written whole in key order, and each ingest run writes Silver by
/// (month, source, account, ad, date), so each of its months is in key order. A first pass reads the key
/// columns only and finds where the order breaks; the second merges the runs, each through a cursor that holds
/// one decoded row group, and hands on stretches of rows that come from one row group. One run (the usual Gold)
/// is simply a scan in the store's order. Ties are settled in the store's order, as a stable sort settles them.
///
/// Memory: one row group per run. When the runs would hold more than ``residentRowsMax`` rows at once (many
/// small ingests, each month of each its own run), or for `bronze_rows` read out of order, the table is read
/// whole and sorted in memory instead, as before.
public enum KeyOrderedScan {
    /// The most rows the merge's cursors may hold decoded together (about 100 MB of `ad_insights`).
    public static let residentRowsMax = 1 << 20

    /// Hands every live row of `table`, in key order, to `emit` as stretches `rows` of a batch; `prepare` is
    /// called once per batch before its first stretch (to spell its dictionaries once, say), and its result is
    /// passed back with each stretch. `emit` returns false to stop early (the reader is gone).
    public static func scan<State>(
        _ table: ContractTable, store: Store, prepare: (Batch) throws -> State, emit: (inout State, Range<Int>) throws -> Bool
    ) throws {
        do {
            try scanOrThrowStop(table, store: store, prepare: prepare) { state, rows in
                guard try emit(&state, rows) else { throw Stop() }
            }
        } catch is Stop {
            return
        }
    }

    /// Thrown by `emit`'s wrapper to leave a scan early.
    private struct Stop: Error {}

    private static func scanOrThrowStop<State>(
        _ table: ContractTable, store: Store, prepare: (Batch) throws -> State, emit: (inout State, Range<Int>) throws -> Void
    ) throws {
        func whole(_ batch: Batch) throws {
            guard batch.rowCount > 0 else { return }
            var state = try prepare(batch)
            try emit(&state, 0..<batch.rowCount)
        }
        guard table.isStored else {
            // bronze_rows: read from the Bronze files, in ingest order, which is its key order unless a file's
            // numbers came out of order.
            if try runStarts(of: table, store: store).starts.count <= 1 {
                try TableReader.scan(table, store: store, whole)
            } else {
                try whole(TableReader.readSorted(table, store: store))
            }
            return
        }
        guard store.manifest.tables[table.rawValue] != nil else { return }
        let (starts, chunkRows) = try runStarts(of: table, store: store)
        if starts.count <= 1 { return try TableReader.scan(table, store: store, whole) }
        var chunkStarts = [0]
        for rows in chunkRows { chunkStarts.append(chunkStarts[chunkStarts.count - 1] + rows) }
        let runs = zip(starts, starts.dropFirst() + [chunkStarts[chunkStarts.count - 1]]).map { $0..<$1 }
        guard residentRows(runs, chunkStarts: chunkStarts) <= residentRowsMax else {
            return try whole(TableReader.readSorted(table, store: store))
        }
        try merge(table, runs: runs, chunkStarts: chunkStarts, groups: TableRowGroups(table.rawValue, store: store), prepare: prepare, emit: emit)
    }

    /// Where each sorted run of `table` starts (positions among its live rows in the store's order), and the
    /// live rows of each batch of a scan (for a stored table, each row group), reading the key columns only.
    static func runStarts(of table: ContractTable, store: Store) throws -> (starts: [Int], chunkRows: [Int]) {
        var starts: [Int] = []
        var chunkRows: [Int] = []
        var previous: (keys: KeyRow, row: Int)?
        var position = 0
        func visit(_ keys: KeyRow, rowCount: Int) {
            chunkRows.append(rowCount)
            guard rowCount > 0 else { return }
            if let previous {
                if previous.keys.compare(previous.row, with: keys, 0) > 0 { starts.append(position) }
            } else {
                starts.append(position)
            }
            for row in 1..<max(1, rowCount) where keys.compare(row - 1, row) > 0 { starts.append(position + row) }
            previous = (keys, rowCount - 1)
            position += rowCount
        }
        if table.isStored {
            let keyColumns = table.keyColumns
            try store.scan(table.rawValue, columns: keyColumns) { batch in
                visit(KeyRow(batch, columns: Array(keyColumns.indices)), rowCount: batch.rowCount)
            }
        } else {
            let indices = table.keyColumns.compactMap { table.schema.index(of: $0) }
            try TableReader.scan(table, store: store) { batch in visit(KeyRow(batch, columns: indices), rowCount: batch.rowCount) }
        }
        return (starts, chunkRows)
    }

    /// The most rows the merge's cursors hold at once: each run's largest row group.
    private static func residentRows(_ runs: [Range<Int>], chunkStarts: [Int]) -> Int {
        runs.reduce(0) { total, run in
            var largest = 0
            var chunk = chunkIndex(of: run.lowerBound, chunkStarts: chunkStarts)
            while chunk < chunkStarts.count - 1 && chunkStarts[chunk] < run.upperBound {
                largest = max(largest, chunkStarts[chunk + 1] - chunkStarts[chunk])
                chunk += 1
            }
            return total + largest
        }
    }

    /// The row group holding live row `position` (the last one starting at or before it, skipping empty ones).
    private static func chunkIndex(of position: Int, chunkStarts: [Int]) -> Int {
        var low = 0
        var high = chunkStarts.count - 1  // chunkStarts[high] is the end
        while high - low > 1 {
            let middle = (low + high) / 2
            if chunkStarts[middle] <= position { low = middle } else { high = middle }
        }
        return low
    }

    /// One run being merged: its next row and the row group holding it.
    private struct Cursor<State> {
        var run: Int
        var position: Int
        var end: Int
        var chunk: Int
        var batch: Batch
        var keys: KeyRow
        var state: State

        /// The row of `batch` at `position`.
        func row(_ chunkStarts: [Int]) -> Int { position - chunkStarts[chunk] }
    }

    private static func merge<State>(
        _ table: ContractTable, runs: [Range<Int>], chunkStarts: [Int], groups: TableRowGroups,
        prepare: (Batch) throws -> State, emit: (inout State, Range<Int>) throws -> Void
    ) throws {
        let keyIndices = table.keyColumns.compactMap { table.schema.index(of: $0) }
        precondition(keyIndices.count == table.keyColumns.count, "key columns are in the schema")
        func load(_ chunk: Int) throws -> (Batch, KeyRow, State) {
            let stored = try groups.read(chunk)
            let batch = table.isGold ? GoldKPIs.complete(stored, as: table) : stored
            guard batch.rowCount == chunkStarts[chunk + 1] - chunkStarts[chunk] else {
                throw StorageError.corrupt(
                    file: table.rawValue, location: "row group \(chunk)", reason: "holds \(batch.rowCount) live rows, its scan held \(chunkStarts[chunk + 1] - chunkStarts[chunk])")
            }
            return (batch, KeyRow(batch, columns: keyIndices), try prepare(batch))
        }
        var cursors: [Cursor<State>] = []
        for (index, run) in runs.enumerated() where !run.isEmpty {
            let chunk = chunkIndex(of: run.lowerBound, chunkStarts: chunkStarts)
            let (batch, keys, state) = try load(chunk)
            cursors.append(Cursor(run: index, position: run.lowerBound, end: run.upperBound, chunk: chunk, batch: batch, keys: keys, state: state))
        }
        while !cursors.isEmpty {
            // The cursor whose row comes first (the earliest run on ties), and the runner-up.
            var best = 0
            var second: Int?
            for index in 1..<max(1, cursors.count) {
                let order = cursors[index].keys.compare(cursors[index].row(chunkStarts), with: cursors[best].keys, cursors[best].row(chunkStarts))
                if order < 0 {
                    second = best
                    best = index
                } else if let current = second {
                    if cursors[index].keys.compare(cursors[index].row(chunkStarts), with: cursors[current].keys, cursors[current].row(chunkStarts)) < 0 {
                        second = index
                    }
                } else {
                    second = index
                }
            }
            // Take the best cursor's rows while they still come first (cursors stay in run order, so the best is
            // the earlier run on a tie exactly when its index is lower).
            var cursor = cursors[best]
            let first = cursor.row(chunkStarts)
            let last = min(cursor.end, chunkStarts[cursor.chunk + 1]) - chunkStarts[cursor.chunk]
            var stop = first + 1
            if let second {
                let other = cursors[second]
                let otherRow = other.row(chunkStarts)
                let tieGoesFirst = best < second
                while stop < last {
                    let order = cursor.keys.compare(stop, with: other.keys, otherRow)
                    if order > 0 || (order == 0 && !tieGoesFirst) { break }
                    stop += 1
                }
            } else {
                stop = last
            }
            try emit(&cursor.state, first..<stop)
            cursor.position += stop - first
            if cursor.position == cursor.end {
                cursors.remove(at: best)
                continue
            }
            if cursor.position == chunkStarts[cursor.chunk + 1] {
                // Next row group (empty ones hold no position, so the search skips them).
                cursor.chunk = chunkIndex(of: cursor.position, chunkStarts: chunkStarts)
                (cursor.batch, cursor.keys, cursor.state) = try load(cursor.chunk)
            }
            cursors[best] = cursor
        }
    }
}
