/// One batch's rows of a group-by column as ``KeyEncoder`` codes, read through a table of codes (one per
/// dictionary entry of text, one per value of a small integer or date range) instead of written out row by row:
/// what lets ``Aggregator`` pack several keys' codes into one integer per row in one pass per key, with no array
/// of codes in between (``pack(into:shift:first:)``). Columns without such a table carry their codes written out.
struct KeyRowCodes {
    /// Where each row's code is read.
    enum Rows {
        /// Text: `table[entry]`, each row's dictionary entry.
        case entries([UInt32])
        /// Integers of a small range: `table[value - low]`.
        case int64([Int64], low: Int64)
        /// Dates of a small range: `table[day - low]`.
        case date([Int32], low: Int32)
        /// The codes themselves (NULL rows included).
        case codes([UInt32])
        /// `count` rows of one code, `table[0]` (text of one dictionary entry and no NULL: a sorted key column
        /// through its row group).
        case constant(count: Int)
    }

    let rows: Rows
    /// The code of each entry or value offset that a non-NULL row holds (other slots are never read).
    let table: [UInt32]
    /// The rows' validity (0: NULL), for the table forms; nil when no row is NULL or for ``Rows/codes(_:)``.
    let validity: [UInt8]?
    /// NULL's code, for the rows `validity` marks NULL.
    let nullCode: UInt32

    /// ORs each row's code, shifted left by `shift` bits, into `packed[row]`; with a `base`, writes the code
    /// ORed with `base` instead (the first key packed, so that the packed keys need no clearing — they may start
    /// uninitialized — and the keys constant through the batch, ``constantCode``, cost no pass of their own).
    func pack(into packed: UnsafeMutableBufferPointer<UInt64>, shift: Int, base: UInt64?) {
        let by = UInt64(shift)
        switch rows {
        case .entries(let entries): Self.pack(entries, offset: 0, table, validity, nullCode, into: packed, by: by, base: base)
        case .int64(let values, let low): Self.pack(values, offset: low, table, validity, nullCode, into: packed, by: by, base: base)
        case .date(let values, let low): Self.pack(values, offset: low, table, validity, nullCode, into: packed, by: by, base: base)
        case .codes(let codes):
            codes.withUnsafeBufferPointer { codes in
                if let base {
                    for row in 0..<packed.count { packed[row] = UInt64(codes[row]) << by | base }
                } else {
                    for row in 0..<packed.count { packed[row] |= UInt64(codes[row]) << by }
                }
            }
        case .constant(let count):
            precondition(count == packed.count, "one packed key per row")
            let code = UInt64(table[0]) << by
            if let base {
                for row in 0..<packed.count { packed[row] = code | base }
            } else {
                for row in 0..<packed.count { packed[row] |= code }
            }
        }
    }

    /// The one code of every row, for ``Rows/constant(count:)``; nil for the other forms.
    var constantCode: UInt32? {
        if case .constant = rows { return table[0] }
        return nil
    }

    /// Text's dictionary entry of every row (all 0 for ``Rows/constant(count:)``), nil for the other forms.
    var entries: [UInt32]? {
        switch rows {
        case .entries(let entries): entries
        case .constant(let count): [UInt32](repeating: 0, count: count)
        case .int64, .date, .codes: nil
        }
    }

    /// The code of every row (the pairwise form of ``MultiKeyGroupIndex``, whose keys are not packed).
    func codes() -> [UInt32] {
        if case .codes(let codes) = rows { return codes }
        var packed = [UInt64](repeating: 0, count: rowCount)
        packed.withUnsafeMutableBufferPointer { pack(into: $0, shift: 0, base: 0) }
        return packed.map { UInt32(truncatingIfNeeded: $0) }
    }

    private var rowCount: Int {
        switch rows {
        case .entries(let entries): return entries.count
        case .int64(let values, _): return values.count
        case .date(let values, _): return values.count
        case .codes(let codes): return codes.count
        case .constant(let count): return count
        }
    }

    /// `packed[row] = table[values[row] - offset] << by | base` (with a `base`), else ORed in; NULL rows
    /// (`validity`) take `nullCode` instead: a NULL row's value may lie outside the table, so it is never looked
    /// up. (Four loops, not one with a mask: the mask's extra load and and measured 5 instructions a row more
    /// under callgrind.)
    private static func pack<Element: FixedWidthInteger>(
        _ values: [Element], offset: Element, _ table: [UInt32], _ validity: [UInt8]?, _ nullCode: UInt32,
        into packed: UnsafeMutableBufferPointer<UInt64>, by: UInt64, base: UInt64?
    ) {
        precondition(values.count == packed.count, "one packed key per row")
        let null = UInt64(nullCode) << by
        values.withUnsafeBufferPointer { values in
            table.withUnsafeBufferPointer { table in
                @inline(__always) func code(_ row: Int) -> UInt64 {
                    UInt64(table[Int(truncatingIfNeeded: values[row] &- offset)]) << by
                }
                if let validity {
                    validity.withUnsafeBufferPointer { validity in
                        if let base {
                            for row in 0..<values.count { packed[row] = (validity[row] == 0 ? null : code(row)) | base }
                        } else {
                            for row in 0..<values.count { packed[row] |= validity[row] == 0 ? null : code(row) }
                        }
                    }
                } else if let base {
                    for row in 0..<values.count { packed[row] = code(row) | base }
                } else {
                    for row in 0..<values.count { packed[row] |= code(row) }
                }
            }
        }
    }
}
