#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Some columns of one batch, compared row against row, within the batch or against another batch's (each
/// with its own text dictionary), in ``BatchSort``'s ascending order: text by UTF-8 bytes, NULLs last.
///
/// What a merge of sorted runs compares: ``BatchSort`` ranks a whole batch at once, which rows of different
/// batches cannot share.
public struct KeyRow {
    private let columns: [Column]

    /// The columns `indices` of `batch`, compared in that order.
    public init(_ batch: Batch, columns indices: [Int]) {
        columns = indices.map { batch.columns[$0] }
    }

    /// Negative, zero or positive as row `row` comes before, with, or after row `otherRow` of `other` (whose
    /// columns must have the same types).
    public func compare(_ row: Int, with other: KeyRow, _ otherRow: Int) -> Int {
        compare(row, with: other, otherRow, oneDictionary: false)
    }

    /// Row `row` against row `otherRow` of the same batch.
    public func compare(_ row: Int, _ otherRow: Int) -> Int {
        compare(row, with: self, otherRow, oneDictionary: true)
    }

    private func compare(_ row: Int, with other: KeyRow, _ otherRow: Int, oneDictionary: Bool) -> Int {
        for (left, right) in zip(columns, other.columns) {
            let (leftNull, rightNull) = (left.isNull(row), right.isNull(otherRow))
            if leftNull || rightNull {
                if leftNull && rightNull { continue }
                return leftNull ? 1 : -1
            }
            let order: Int
            switch (left, right) {
            case (.string(let a), .string(let b)):
                let (codeA, codeB) = (Int(a.codes[row]), Int(b.codes[otherRow]))
                // One dictionary (the same batch): equal codes are equal text.
                if oneDictionary && codeA == codeB { continue }
                order = Self.compareBytes(a.dictionary[codeA], b.dictionary[codeB])
            case (.int64(let a), .int64(let b)): order = Self.compare(a.values[row], b.values[otherRow])
            case (.date(let a), .date(let b)): order = Self.compare(a.values[row], b.values[otherRow])
            case (.double(let a), .double(let b)): order = Self.compare(a.values[row], b.values[otherRow])
            case (.bool(let a), .bool(let b)): order = Self.compare(a.values[row], b.values[otherRow])
            default: preconditionFailure("compared key columns have the same types")
            }
            if order != 0 { return order }
        }
        return 0
    }

    private static func compare<T: Comparable>(_ left: T, _ right: T) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }

    /// `left` against `right` byte by byte (UTF-8), the shorter first when one begins the other.
    static func compareBytes(_ left: String, _ right: String) -> Int {
        var (left, right) = (left, right)
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let baseA = a.baseAddress, let baseB = b.baseAddress {
                    let order = memcmp(baseA, baseB, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return compare(a.count, b.count)
            }
        }
    }
}
