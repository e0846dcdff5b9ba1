#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string compared and hashed by its UTF-8 bytes, where `String` compares by Unicode canonical equivalence.
///
/// Swift says "Café" (precomposed `é`) == "Cafe\u{301}" (`e` + combining accent). A dictionary keyed by `String`
/// would intern both as one entry and silently give the second row the first one's bytes; data keeps its bytes,
/// so string dictionaries are keyed by this instead.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        sameBytes(lhs.text, rhs.text)
    }

    /// Whether `a` and `b` hold the same UTF-8 bytes (a byte compare where both are contiguous, as native strings
    /// are).
    @inlinable
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `a`'s UTF-8 bytes sort before `b`'s (unsigned bytes, a prefix first: the order of DuckDB, BigQuery
    /// and the contract); a `memcmp` where both are contiguous.
    @inlinable
    public static func bytesPrecede(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// `a` against `b` in that order (``bytesPrecede(_:_:)``): negative when `a` comes first, 0 for the same
    /// bytes, positive when `b` does; one `memcmp` where both are contiguous.
    @inlinable
    public static func compare(_ a: String, _ b: String) -> Int {
        let compared = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in compareBytes(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) }
        }
        if let order = compared ?? nil { return order }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
    }

    /// Bytes `a` against bytes `b` in that order (unsigned bytes, a prefix first): negative, 0 or positive.
    @inlinable
    public static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
        return order != 0 ? order : a.count - b.count
    }

    /// `indices` into `texts`, ordered by their texts' UTF-8 bytes (as ``bytesPrecede(_:_:)``; equal texts keep
    /// their order): ``PackedUTF8/byteOrder()`` of the texts copied out once.
    public static func byteOrder(of indices: [Int], in texts: [String]) -> [Int] {
        PackedUTF8(texts, at: indices).byteOrder().map { indices[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        // Always the same byte sequence whether or not the string is stored contiguously.
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
