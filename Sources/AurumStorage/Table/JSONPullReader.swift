/// A strict reader of one JSON text (RFC 8259), pulled value by value by a caller that knows the shape it
/// expects: the manifest's (``Manifest/parse(_:file:)``).
///
/// Every `aurum` process reads the manifest, and `JSONDecoder` spent 8.5M instructions on it for a store of 1M
/// rows (a 10 KB manifest), most of them in the Swift runtime looking up protocol conformances for Codable's
/// generic containers; this reader spends 1.3M (docs/performance.md, "The installed binary").
///
/// Whitespace between tokens, escapes (`\/`, `\uXXXX` with surrogate pairs) and members in any order are
/// accepted, as any JSON writer may produce them. Refused, as a ``Failure`` naming the byte offset and the path
/// of the value (`tables.t.segments[0]`): raw control characters, invalid UTF-8 and lone surrogates in
/// strings, numbers outside the grammar or the type's range, a member name that appears twice in one object,
/// nesting deeper than ``depthMax`` and anything after the value.
struct JSONPullReader {
    /// Why and where the text is not what the caller expected.
    struct Failure: Error, Equatable {
        /// The byte offset in the text where reading stopped.
        var offset: Int
        /// The value being read, as `key.key[index]`; empty at the top level.
        var path: String
        var message: String
    }

    private enum Step {
        case key(String)
        case index(Int)
    }

    /// Deeper nesting is refused before the recursion that skips unknown members can exhaust the stack.
    static let depthMax = 256

    private let bytes: [UInt8]
    private var offset = 0
    /// The members and elements being read, outermost first; a failure names them.
    private var path: [Step] = []
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Structure

    /// Reads an object, calling `member` with each member's name; `member` must read (or skip) its value.
    mutating func object(_ member: (inout JSONPullReader, String) throws -> Void) throws {
        try open(UInt8(ascii: "{"), "an object")
        if closes(UInt8(ascii: "}")) { return }
        // The manifest's objects have a few members each (a Bronze pack four, and there are thousands of packs):
        // compared in a list, which only an object of many members turns into a set.
        var names: [String] = []
        var manyNames: Set<String>?
        repeat {
            skipBlanks()
            let start = offset
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a member name (a string), found \(found())") }
            let name = try string()
            let repeated: Bool
            if manyNames != nil {
                repeated = !manyNames!.insert(name).inserted
            } else {
                repeated = names.contains(name)
                names.append(name)
                if names.count > 16 { manyNames = Set(names) }
            }
            guard !repeated else {
                offset = start
                throw failure("the member '\(name)' appears twice")
            }
            skipBlanks()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after the member name '\(name)', found \(found())") }
            offset += 1
            skipBlanks()
            path.append(.key(name))
            try member(&self, name)
            path.removeLast()
        } while try continues(UInt8(ascii: "}"), "a member")
        depth -= 1
    }

    /// Reads an array, calling `element` once per element; `element` must read its value.
    mutating func array(_ element: (inout JSONPullReader) throws -> Void) throws {
        try open(UInt8(ascii: "["), "an array")
        if closes(UInt8(ascii: "]")) { return }
        var index = 0
        repeat {
            skipBlanks()
            path.append(.index(index))
            try element(&self)
            path.removeLast()
            index += 1
        } while try continues(UInt8(ascii: "]"), "an element")
        depth -= 1
    }

    /// An array's elements, each read by `element`.
    mutating func elements<Element>(_ element: (inout JSONPullReader) throws -> Element) throws -> [Element] {
        var read: [Element] = []
        try array { reader in read.append(try element(&reader)) }
        return read
    }

    /// An array of integers of type `T` in one loop, as `elements { try $0.integer(T.self) }` reads it (its
    /// failures name the element the same way) without a closure call and a path step for each element: the
    /// manifest's Bronze keys, one per file ever ingested.
    mutating func integers<T: FixedWidthInteger>(_ type: T.Type) throws -> [T] {
        try open(UInt8(ascii: "["), "an array")
        if closes(UInt8(ascii: "]")) { return [] }
        var read: [T] = []
        repeat {
            do {
                read.append(try integer(T.self))
            } catch let failure as Failure {
                path.append(.index(read.count))
                throw self.failure(failure.message)
            }
        } while try continues(UInt8(ascii: "]"), "an element")
        depth -= 1
        return read
    }

    /// An object's members by name, each value read by `value`.
    mutating func members<Value>(_ value: (inout JSONPullReader) throws -> Value) throws -> [String: Value] {
        var read: [String: Value] = [:]
        try object { reader, name in read[name] = try value(&reader) }
        return read
    }

    /// Ends the text: nothing but blanks may follow the value.
    mutating func finish() throws {
        skipBlanks()
        guard offset == bytes.count else { throw failure("unexpected \(found()) after the JSON value") }
    }

    /// A failure at the current position and path, for what the caller found wrong (a missing member).
    func failure(_ message: String) -> Failure {
        var text = ""
        for step in path {
            switch step {
            case .key(let name): text += text.isEmpty ? name : "." + name
            case .index(let index): text += "[\(index)]"
            }
        }
        return Failure(offset: offset, path: text, message: message)
    }

    // MARK: Values

    /// A string value.
    mutating func string() throws -> String {
        skipBlanks()
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string, found \(found())") }
        offset += 1
        let start = offset
        var ascii = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = try text(start..<offset, ascii: ascii)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw failure("a control character (0x\(String(byte, radix: 16))) inside a string") }
            if byte >= 0x80 { ascii = false }
            offset += 1
        }
        throw failure("a string that does not end")
    }

    /// An integer value of type `T`: `-`? digits, without a fraction or exponent, within `T`'s range.
    mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        skipBlanks()
        let start = offset
        let negative = peek() == UInt8(ascii: "-")
        if negative { offset += 1 }
        let digitsStart = offset
        var magnitude: UInt64 = 0
        var overflow = false
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            magnitude = sum
            overflow = overflow || overflow1 || overflow2
            offset += 1
        }
        guard offset > digitsStart, bytes[digitsStart] != UInt8(ascii: "0") || offset == digitsStart + 1 else {
            offset = start
            throw failure("expected an integer, found \(found())")
        }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            offset = start
            throw failure("expected an integer, found a number with a fraction or an exponent")
        }
        let value: T? =
            overflow ? nil
            : negative ? (magnitude <= UInt64(Int64.max) ? T(exactly: -Int64(magnitude)) : (magnitude == UInt64(Int64.max) + 1 ? T(exactly: Int64.min) : nil))
            : T(exactly: magnitude)
        guard let value else {
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            offset = start
            throw failure("\(text) is out of range (\(T.min) to \(T.max))")
        }
        return value
    }

    /// A `true` or `false` value.
    mutating func bool() throws -> Bool {
        skipBlanks()
        if literal("true") { return true }
        if literal("false") { return false }
        throw failure("expected true or false, found \(found())")
    }

    /// Reads a `null` and returns true when one comes next; otherwise reads nothing.
    mutating func null() -> Bool {
        skipBlanks()
        return literal("null")
    }

    /// Reads and drops any one value (a member this reader's caller does not know), checking its syntax.
    mutating func skipValue() throws {
        skipBlanks()
        switch peek() {
        case UInt8(ascii: "{"): try object { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["): try array { reader in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"):
            guard null() else { throw failure("expected a value, found \(found())") }
        default: try skipNumber()
        }
    }

    // MARK: Private

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// What is at the current position, for a message.
    private func found() -> String {
        guard let byte = peek() else { return "the end of the text" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipBlanks() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { return false }
        offset += count
        return true
    }

    private mutating func open(_ bracket: UInt8, _ what: String) throws {
        skipBlanks()
        guard peek() == bracket else { throw failure("expected \(what), found \(found())") }
        guard depth < Self.depthMax else { throw failure("nested deeper than \(Self.depthMax) levels") }
        offset += 1
        depth += 1
    }

    /// After an opening bracket: true (and reads it, leaving the level) when the closing one comes next.
    private mutating func closes(_ bracket: UInt8) -> Bool {
        skipBlanks()
        guard peek() == bracket else { return false }
        offset += 1
        depth -= 1
        return true
    }

    /// After a member or element: true on a comma, false (having read it) on the closing bracket.
    private mutating func continues(_ bracket: UInt8, _ what: String) throws -> Bool {
        skipBlanks()
        switch peek() {
        case UInt8(ascii: ","):
            offset += 1
            return true
        case bracket:
            offset += 1
            return false
        default:
            throw failure("expected ',' or '\(Character(Unicode.Scalar(bracket)))' after \(what), found \(found())")
        }
    }

    private func text(_ range: Range<Int>, ascii: Bool) throws -> String {
        if ascii { return String(decoding: bytes[range], as: UTF8.self) }
        let text = bytes.withUnsafeBytes { UTF8Text.validated(UnsafeRawBufferPointer(rebasing: $0[range])) }
        guard let text else { throw failure("a string that is not valid UTF-8") }
        return text
    }

    /// The rest of a string that holds escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) throws -> String {
        var decoded = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                let text = decoded.withUnsafeBytes { UTF8Text.validated($0) }
                guard let text else { throw failure("a string that is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                guard let escape = peek() else { break }
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"): decoded.append(contentsOf: try unicodeEscape())
                default:
                    offset -= 2
                    throw failure("an unknown escape \\\(Character(Unicode.Scalar(escape))) in a string")
                }
            case 0..<0x20:
                throw failure("a control character (0x\(String(byte, radix: 16))) inside a string")
            default:
                decoded.append(byte)
                offset += 1
            }
        }
        throw failure("a string that does not end")
    }

    /// The UTF-8 bytes of a `\uXXXX` escape (its `\u` already read), or of a surrogate pair of two.
    private mutating func unicodeEscape() throws -> [UInt8] {
        let escapeStart = offset - 2
        let unit = try hexUnit()
        var scalarValue = UInt32(unit)
        if (0xD800..<0xDC00).contains(unit) {
            guard literal("\\u") else {
                offset = escapeStart
                throw failure("a lone surrogate \\u\(String(unit, radix: 16)) in a string")
            }
            let low = try hexUnit()
            guard (0xDC00..<0xE000).contains(low) else {
                offset = escapeStart
                throw failure("a lone surrogate \\u\(String(unit, radix: 16)) in a string")
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            offset = escapeStart
            throw failure("a lone surrogate \\u\(String(unit, radix: 16)) in a string")
        }
        return Array(String(Character(scalar)).utf8)
    }

    /// Four hex digits.
    private mutating func hexUnit() throws -> UInt16 {
        guard bytes.count - offset >= 4 else { throw failure("a \\u escape cut short") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[offset]) else { throw failure("a \\u escape with a non-hex digit \(found())") }
            unit = unit << 4 | UInt16(digit)
            offset += 1
        }
        return unit
    }

    /// The value of an ASCII hex digit (either case), else nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Any JSON number: `-`? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private mutating func skipNumber() throws {
        let start = offset
        func digits(_ reader: inout JSONPullReader) -> Int {
            let first = reader.offset
            while let byte = reader.peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { reader.offset += 1 }
            return reader.offset - first
        }
        if peek() == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits(&self)
        var valid = integerDigits > 0 && (bytes[integerStart] != UInt8(ascii: "0") || integerDigits == 1)
        if valid, peek() == UInt8(ascii: ".") {
            offset += 1
            valid = digits(&self) > 0
        }
        if valid, let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            offset += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset += 1 }
            valid = digits(&self) > 0
        }
        guard valid else {
            offset = start
            throw failure("expected a value, found \(found())")
        }
    }
}
