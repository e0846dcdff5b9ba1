/// A string compared and hashed by its UTF-8 bytes, where `String` compares by Unicode canonical equivalence.
///
/// Swift says "Café" (precomposed `é`) == "Cafe\u{301}" (`e` + combining accent). A dictionary keyed by `String`
/// would intern both as one entry and silently give the second row the first one's bytes; data keeps its bytes,
/// so string dictionaries are keyed by this instead.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.count == rhs.text.utf8.count && lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        // Always the same byte sequence whether or not the string is stored contiguously.
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
