#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Some columns of one batch, compared row against row, within the batch or against another batch's (each
/// with its own text dictionary), in ``BatchSort``'s ascending order: text by UTF-8 bytes, NULLs last.
///
/// What a merge of sorted runs compares, once or more for every row it hands on: ``BatchSort`` ranks a whole
/// batch at once, which rows of different batches cannot share. So a comparison reads plain memory only — the
/// key columns are copied once into buffers of their own (``KeyBuffers``), a text column as its codes and its
/// dictionary laid out as bytes — rather than taking a `Column` out of an array, retaining its arrays and a
/// `String`, per row.
public struct KeyRow {
    private let keys: KeyBuffers

    /// The columns `indices` of `batch`, compared in that order.
    public init(_ batch: Batch, columns indices: [Int]) {
        keys = KeyBuffers(indices.map { batch.columns[$0] })
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
        let (parts, otherParts) = (keys.parts, other.keys.parts)
        precondition(parts.count == otherParts.count, "compared keys have as many columns")
        for index in parts.indices {
            let (left, right) = (parts[index], otherParts[index])
            let leftNull = left.nulls.map { $0[row] == 0 } ?? false
            let rightNull = right.nulls.map { $0[otherRow] == 0 } ?? false
            if leftNull || rightNull {
                if leftNull && rightNull { continue }
                return leftNull ? 1 : -1
            }
            let order: Int
            switch (left.kind, right.kind) {
            case (.text, .text):
                let (codeA, codeB) = (Int(left.codes[row]), Int(right.codes[otherRow]))
                // One dictionary (the same batch): equal codes are equal text.
                if oneDictionary && codeA == codeB { continue }
                order = Self.compareBytes(left.entry(codeA), right.entry(codeB))
            case (.int64, .int64): order = Self.compare(left.int64s[row], right.int64s[otherRow])
            case (.int32, .int32): order = Self.compare(left.int32s[row], right.int32s[otherRow])
            case (.double, .double): order = Self.compare(left.doubles[row], right.doubles[otherRow])
            case (.uint8, .uint8): order = Self.compare(left.uint8s[row], right.uint8s[otherRow])
            default: preconditionFailure("compared key columns have the same types")
            }
            if order != 0 { return order }
        }
        return 0
    }

    @inline(__always)
    private static func compare<T: Comparable>(_ left: T, _ right: T) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }

    /// `left` against `right` byte by byte (UTF-8), the shorter first when one begins the other.
    private static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let baseA = a.baseAddress, let baseB = b.baseAddress {
            let order = memcmp(baseA, baseB, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return compare(a.count, b.count)
    }
}

/// The key columns of a ``KeyRow`` in memory it owns: each column's values (a text column's codes, and its
/// dictionary as one run of bytes with each entry's bounds) and validity, freed with it. Nothing here is
/// reference-counted per element, so reading a row retains nothing.
private final class KeyBuffers {
    enum Kind { case text, int64, int32, double, uint8 }

    /// One column; only the buffers of its kind are set (the others are empty).
    struct Part {
        var kind: Kind
        var nulls: UnsafeBufferPointer<UInt8>?
        var codes = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        /// Entry `i` of the dictionary is `bytes[bounds[i]..<bounds[i + 1]]`.
        var bounds = UnsafeBufferPointer<Int>(start: nil, count: 0)
        var int64s = UnsafeBufferPointer<Int64>(start: nil, count: 0)
        var int32s = UnsafeBufferPointer<Int32>(start: nil, count: 0)
        var doubles = UnsafeBufferPointer<Double>(start: nil, count: 0)
        var uint8s = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        @inline(__always)
        func entry(_ code: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[bounds[code]..<bounds[code + 1]])
        }
    }

    let parts: UnsafeBufferPointer<Part>
    /// Every buffer allocated, freed at deinit.
    private let owned: [UnsafeMutableRawPointer]

    init(_ columns: [Column]) {
        var owned: [UnsafeMutableRawPointer] = []
        /// A copy of `values` that lives as long as this object.
        func own<Element>(_ values: [Element]) -> UnsafeBufferPointer<Element> {
            let copy = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, values.count))
            _ = copy.initialize(from: values)
            owned.append(UnsafeMutableRawPointer(copy.baseAddress!))
            return UnsafeBufferPointer(rebasing: copy[0..<values.count])
        }
        var parts: [Part] = []
        for column in columns {
            var part = Part(kind: .int64)
            if let validity = column.validity { part.nulls = own(validity) }
            switch column {
            case .string(let text):
                part.kind = .text
                part.codes = own(text.codes)
                var bytes: [UInt8] = []
                var bounds = [0]
                bounds.reserveCapacity(text.dictionary.count + 1)
                for entry in text.dictionary {
                    bytes.append(contentsOf: entry.utf8)
                    bounds.append(bytes.count)
                }
                part.bytes = own(bytes)
                part.bounds = own(bounds)
            case .int64(let values): part.int64s = own(values.values)
            case .date(let values):
                part.kind = .int32
                part.int32s = own(values.values)
            case .double(let values):
                part.kind = .double
                part.doubles = own(values.values)
            case .bool(let values):
                part.kind = .uint8
                part.uint8s = own(values.values)
            }
            parts.append(part)
        }
        self.parts = own(parts)
        self.owned = owned
    }

    deinit {
        for pointer in owned { pointer.deallocate() }
    }
}
