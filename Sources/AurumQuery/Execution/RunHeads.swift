import AurumCore

/// The rows of a batch that begin a run of rows alike on every given column: the first row, and each row where
/// some column's stored value, or its being NULL, differs from the row before's. Alike means stored alike: the
/// same dictionary entry for text, the same bits for a double (so two entries of one text, or -0.0 after 0.0,
/// only keep one row more).
///
/// What an aggregation whose every aggregate is DISTINCT reads instead of every row (``Aggregator``): a row that
/// repeats the one before on every key and argument adds no value to any group's set, and sorted or clustered
/// data repeats them run after run (Silver's rows of one ad in a month lie side by side, a row a day).
enum RunHeads {
    /// The run heads of `columns` (each of `rowCount` rows), ascending; nil when they are more than half the rows
    /// (reading those costs about what reading every row does).
    static func heads(of columns: [Column], rowCount: Int) -> [Int]? {
        guard rowCount > 1 else { return nil }
        var changed = [UInt8](repeating: 0, count: rowCount)
        changed.withUnsafeMutableBufferPointer { changed in
            changed[0] = 1
            for column in columns {
                switch column {
                case .int64(let values): values.values.withUnsafeBufferPointer { mark($0, into: changed) }
                case .double(let values):
                    values.values.withUnsafeBufferPointer { $0.withMemoryRebound(to: UInt64.self) { mark($0, into: changed) } }
                case .date(let values): values.values.withUnsafeBufferPointer { mark($0, into: changed) }
                case .bool(let values): values.values.withUnsafeBufferPointer { mark($0, into: changed) }
                case .string(let text): text.codes.withUnsafeBufferPointer { mark($0, into: changed) }
                }
                column.validity?.withUnsafeBufferPointer { mark($0, into: changed) }
            }
        }
        var count = 0
        let heads = [Int](unsafeUninitializedCapacity: rowCount) { heads, written in
            // Without a branch per row: each row is written, and the count passes the heads only.
            changed.withUnsafeBufferPointer { changed in
                for row in 0..<rowCount {
                    heads[count] = row
                    count &+= Int(changed[row])
                }
            }
            written = count
        }
        return count * 2 <= rowCount ? heads : nil
    }

    /// Sets `changed[row]` to 1 where `values[row]` differs from `values[row - 1]`.
    @inline(__always)
    private static func mark<Value: FixedWidthInteger>(_ values: UnsafeBufferPointer<Value>, into changed: UnsafeMutableBufferPointer<UInt8>) {
        precondition(values.count == changed.count, "a value per row")
        for row in 1..<values.count { changed[row] |= values[row] != values[row - 1] ? 1 : 0 }
    }
}
