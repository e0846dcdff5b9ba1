/// The kind of one JSON value on a ``JSONScanner`` tape.
enum JSONKind: UInt8, Sendable {
    case null, `false`, `true`, number, string, array, object

    /// How a detail sentence names a value of this kind ("an object", "a string", "null", …).
    var phrase: String {
        switch self {
        case .null: "null"
        case .false: "false"
        case .true: "true"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One JSON value (or object member name) on the tape that ``JSONScanner`` builds, in document order.
///
/// A container is followed by its children: an array by its elements, an object by a member-name string and the
/// member's value, for each member. `next` skips a whole subtree, so walking siblings costs one load per sibling.
/// Offsets are 32-bit to keep a node at 20 bytes: pages are limited to ``JSONScanner/byteCountMax`` bytes.
struct JSONNode: Sendable {
    /// What the value is.
    var kind: JSONKind
    /// For strings: whether the text holds a backslash escape (then it must be decoded, not copied).
    var hasEscapes: Bool
    /// The byte offset of the value's first byte (a string's opening quote).
    var start: UInt32
    /// The byte offset just after the value's last byte (a string's closing quote).
    var end: UInt32
    /// The tape index of the node after this value's subtree (the next sibling, or the parent's successor).
    var next: UInt32
    /// Objects: the number of members; arrays: the number of elements; others 0.
    var count: UInt32
}
