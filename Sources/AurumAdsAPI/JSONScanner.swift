import AurumCore

/// A strict RFC 8259 JSON parser that turns a file's bytes into a flat tape of ``JSONNode``s in one pass.
///
/// No value is materialised: strings are validated (escapes, surrogate pairs, UTF-8, no raw control characters)
/// but decoded only when a reader asks (``JSONView/string(_:)``), numbers are checked against the JSON grammar
/// and kept as text. Every violation — bad escape, lone surrogate, raw control character, invalid UTF-8, bad
/// number, bad literal, missing separator, trailing data, nesting deeper than `depthMax` — throws
/// ``PageError/invalidJSON(offset:line:column:message:)`` at the offending byte. Any input ends in a tape or an
/// error; none traps.
///
/// Duplicate member names are kept on the tape; readers take the last one (as JavaScript and Python do).
///
/// - Complexity: O(n) time in the input length; one tape allocation (amortised) and one small stack.
enum JSONScanner {
    /// The largest input the 32-bit tape offsets can address.
    static let byteCountMax = Int(UInt32.max) - 1
    /// The default nesting limit; ads pages nest five levels deep.
    static let depthMaxDefault = 512

    /// The tape of `bytes`, which must hold exactly one JSON value (blanks around it allowed).
    static func scan(_ bytes: UnsafeRawBufferPointer, depthMax: Int = depthMaxDefault) throws(PageError)
        -> [JSONNode]
    {
        guard bytes.count <= byteCountMax else {
            throw PageError.fileTooLarge(byteCount: bytes.count, byteCountMax: byteCountMax)
        }
        var builder = TapeBuilder(bytes: bytes, depthMax: depthMax)
        try builder.run()
        return builder.nodes
    }

    /// The 1-based line and byte column of `offset` in `bytes` (lines end at LF).
    static func location(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == ASCII.lineFeed {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// An ``PageError/invalidJSON(offset:line:column:message:)`` at `offset`.
    static func error(at offset: Int, in bytes: UnsafeRawBufferPointer, _ message: String) -> PageError {
        let (line, column) = location(of: offset, in: bytes)
        return .invalidJSON(offset: offset, line: line, column: column, message: message)
    }

    /// How an error message names one byte: `'x'` when printable ASCII, else `byte 0xC3`.
    static func describe(byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(ASCII.hex(byte))"
    }
}

/// The byte values the scanner and the readers compare against.
enum ASCII {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")

    /// Whether `byte` is JSON whitespace (space, tab, CR, LF): the contract's "blank".
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == lineFeed || byte == carriageReturn || byte == tab
    }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `0xC3` for 195.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}

/// The one-pass state of ``JSONScanner/scan(_:depthMax:)``.
private struct TapeBuilder {
    let bytes: UnsafeRawBufferPointer
    let depthMax: Int
    var position = 0
    var nodes: [JSONNode] = []
    /// Tape indices of the open containers, innermost last.
    var open: [Int] = []

    init(bytes: UnsafeRawBufferPointer, depthMax: Int) {
        self.bytes = bytes
        self.depthMax = depthMax
        // Ads pages run to one node every 9-12 bytes (a Google stream row: ~40 nodes in ~380 bytes). Room for
        // one every 8 spares the copies of growing a big file's tape (a 115 MB stream grew twice, copying
        // 290 MB); what is reserved and not used is never touched, so costs no memory. Only address space: but
        // past a quarter of the machine's memory the kernel may refuse it, so a huge file on a small machine
        // reserves as before (one node every 24 bytes) and grows as it must.
        nodes.reserveCapacity(min(bytes.count / 8, max(bytes.count / 24, Self.generousReserveNodes)) + 16)
    }

    /// The most nodes reserved up front beyond one every 24 bytes: a quarter of the memory this process may use.
    private static let generousReserveNodes = SystemMemory.availableBytes / 4 / MemoryLayout<JSONNode>.stride

    mutating func run() throws(PageError) {
        var expectingValue = true
        while true {
            if expectingValue {
                skipBlanks()
                guard position < bytes.count else { throw fail(position, "unexpected end of input; expected a value") }
                switch bytes[position] {
                case ASCII.openBrace:
                    try openContainer(.object)
                    skipBlanks()
                    if position < bytes.count && bytes[position] == ASCII.closeBrace {
                        closeContainer()
                        expectingValue = false
                    } else {
                        try memberName()
                    }
                case ASCII.openBracket:
                    try openContainer(.array)
                    skipBlanks()
                    if position < bytes.count && bytes[position] == ASCII.closeBracket {
                        closeContainer()
                        expectingValue = false
                    }
                case ASCII.quote:
                    try string()
                    expectingValue = false
                case UInt8(ascii: "t"):
                    try literal("true", .true)
                    expectingValue = false
                case UInt8(ascii: "f"):
                    try literal("false", .false)
                    expectingValue = false
                case UInt8(ascii: "n"):
                    try literal("null", .null)
                    expectingValue = false
                case ASCII.minus, ASCII.zero...UInt8(ascii: "9"):
                    try number()
                    expectingValue = false
                case let byte:
                    throw fail(position, "unexpected \(JSONScanner.describe(byte: byte)); expected a value")
                }
            } else {
                // A value just ended: a scalar, or a container just closed.
                guard let parent = open.last else {
                    skipBlanks()
                    guard position == bytes.count else {
                        throw fail(
                            position,
                            "unexpected \(JSONScanner.describe(byte: bytes[position])) after the end of the JSON value")
                    }
                    return
                }
                nodes[parent].count += 1
                skipBlanks()
                let isObject = nodes[parent].kind == .object
                guard position < bytes.count else {
                    throw fail(position, "unexpected end of input; expected ',' or '\(isObject ? "}" : "]")'")
                }
                let byte = bytes[position]
                if byte == ASCII.comma {
                    position += 1
                    if isObject {
                        skipBlanks()
                        try memberName()
                    }
                    expectingValue = true
                } else if byte == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
                    closeContainer()
                } else {
                    throw fail(
                        position,
                        "unexpected \(JSONScanner.describe(byte: byte)) after "
                            + (isObject
                                ? "an object member; expected ',' or '}'" : "an array element; expected ',' or ']'"))
                }
            }
        }
    }

    @inline(__always)
    mutating func skipBlanks() {
        while position < bytes.count && ASCII.isBlank(bytes[position]) {
            position += 1
            // Pretty-printed pages indent every line: the spaces after a blank are skipped up to eight at a time
            // (the first non-space byte of a word found by its lowest differing bit), not one by one. Compact
            // JSON never gets here.
            while position + 8 <= bytes.count {
                let differing = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self) ^ 0x2020_2020_2020_2020
                if differing != 0 {
                    position += differing.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
        }
    }

    func fail(_ offset: Int, _ message: String) -> PageError {
        JSONScanner.error(at: offset, in: bytes, message)
    }

    mutating func openContainer(_ kind: JSONKind) throws(PageError) {
        guard open.count < depthMax else { throw fail(position, "nesting deeper than \(depthMax) levels") }
        open.append(nodes.count)
        nodes.append(JSONNode(kind: kind, hasEscapes: false, start: UInt32(position), end: 0, next: 0, count: 0))
        position += 1
    }

    /// Closes the innermost container at `position`, which holds its closing bracket.
    mutating func closeContainer() {
        let index = open.removeLast()
        position += 1
        nodes[index].end = UInt32(position)
        nodes[index].next = UInt32(nodes.count)
    }

    /// A member name and its colon; `position` is at the name's opening quote (after blanks).
    mutating func memberName() throws(PageError) {
        guard position < bytes.count else {
            throw fail(position, "unexpected end of input; expected a member name (a string in double quotes)")
        }
        guard bytes[position] == ASCII.quote else {
            throw fail(
                position,
                "unexpected \(JSONScanner.describe(byte: bytes[position])); "
                    + "expected a member name (a string in double quotes)")
        }
        try string()
        skipBlanks()
        guard position < bytes.count, bytes[position] == ASCII.colon else {
            throw fail(
                position,
                position < bytes.count
                    ? "unexpected \(JSONScanner.describe(byte: bytes[position])) after a member name; expected ':'"
                    : "unexpected end of input; expected ':'")
        }
        position += 1
    }

    mutating func literal(_ word: StaticString, _ kind: JSONKind) throws(PageError) {
        let length = word.utf8CodeUnitCount
        var matches = position + length <= bytes.count
        if matches {
            for index in 0..<length where bytes[position + index] != word.utf8Start[index] {
                matches = false
                break
            }
        }
        guard matches else { throw fail(position, "invalid literal; expected true, false or null") }
        appendScalar(kind, start: position, end: position + length, hasEscapes: false)
        position += length
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    mutating func number() throws(PageError) {
        let start = position
        var index = position
        if bytes[index] == ASCII.minus { index += 1 }
        guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
            throw fail(index, "a number needs a digit after '-'")
        }
        if bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count && ASCII.isDigit(bytes[index]) {
                throw fail(start, "a number must not have a leading zero")
            }
        } else {
            while index < bytes.count && ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && bytes[index] == ASCII.dot {
            index += 1
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw fail(index, "a number needs a digit after '.'")
            }
            while index < bytes.count && ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count && (bytes[index] == ASCII.plus || bytes[index] == ASCII.minus) { index += 1 }
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw fail(index, "a number needs a digit in its exponent")
            }
            while index < bytes.count && ASCII.isDigit(bytes[index]) { index += 1 }
        }
        appendScalar(.number, start: start, end: index, hasEscapes: false)
        position = index
    }

    /// A string; `position` is at its opening quote.
    mutating func string() throws(PageError) {
        let start = position
        var index = position + 1
        var hasEscapes = false
        while true {
            // Skip eight plain bytes at a time (no quote, backslash, control character or non-ASCII byte), then
            // straight to the first byte that needs attention.
            while index + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let attention = TapeBuilder.attentionBits(word)
                if attention != 0 {
                    index += attention.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < bytes.count else { throw fail(start, "string is never closed (it starts here)") }
            let byte = bytes[index]
            if byte == ASCII.quote {
                index += 1
                break
            } else if byte == ASCII.backslash {
                index = try escape(at: index)
                hasEscapes = true
            } else if byte < 0x20 {
                throw fail(index, "raw control character \(ASCII.hex(byte)) in a string; it must be escaped")
            } else if byte >= 0x80 {
                index = try utf8Sequence(at: index)
            } else {
                index += 1
            }
        }
        appendScalar(.string, start: start, end: index, hasEscapes: hasEscapes)
        position = index
    }

    /// The high bit of each byte of `word` (little-endian) that is a quote, a backslash, below 0x20 or above
    /// 0x7F; zero when none is. The lowest bit set marks the first such byte exactly (a byte above it may be
    /// marked by a borrow without being one).
    @inline(__always)
    static func attentionBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        // "has a byte below n" (exact as an existence test for n <= 0x80): (x - n·ones) & ~x & highs.
        let quoteHit = (quotes &- ones) & ~quotes
        let backslashHit = (backslashes &- ones) & ~backslashes
        let controlHit = (word &- ones &* 0x20) & ~word
        return ((quoteHit | backslashHit | controlHit) & highs) | (word & highs)
    }

    /// The index after the escape that starts at `index` (a backslash).
    mutating func escape(at index: Int) throws(PageError) -> Int {
        guard index + 1 < bytes.count else { throw fail(index, "string ends inside an escape") }
        switch bytes[index + 1] {
        case ASCII.quote, ASCII.backslash, ASCII.slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: index + 2, escapeAt: index)
            switch unit {
            case 0xD800...0xDBFF:
                guard index + 7 < bytes.count, bytes[index + 6] == ASCII.backslash,
                    bytes[index + 7] == UInt8(ascii: "u")
                else {
                    throw fail(
                        index, "lone high surrogate \\u\(hex16(unit)); it must be followed by a \\uDC00-\\uDFFF escape")
                }
                let low = try hex4(at: index + 8, escapeAt: index + 6)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail(
                        index + 6,
                        "\\u\(hex16(low)) after high surrogate \\u\(hex16(unit)) is not a low surrogate (DC00-DFFF)")
                }
                return index + 12
            case 0xDC00...0xDFFF:
                throw fail(index, "lone low surrogate \\u\(hex16(unit)) without a high surrogate before it")
            default:
                return index + 6
            }
        case let other:
            throw fail(index, "invalid escape '\\' followed by \(JSONScanner.describe(byte: other)) in a string")
        }
    }

    func hex4(at index: Int, escapeAt: Int) throws(PageError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail(escapeAt, "\\u escape cut short by the end of input") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = ASCII.hexValue(bytes[index + offset]) else {
                throw fail(escapeAt, "\\u must be followed by four hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    func hex16(_ unit: UInt32) -> String {
        String(ASCII.hex(UInt8(unit >> 8)).dropFirst(2) + ASCII.hex(UInt8(unit & 0xFF)).dropFirst(2))
    }

    /// The index after the well-formed UTF-8 sequence that starts at `index` (Unicode Table 3-7).
    func utf8Sequence(at index: Int) throws(PageError) -> Int {
        let lead = bytes[index]
        var length = 0
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondHigh = 0x9F
        case 0xF0:
            length = 4
            secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondHigh = 0x8F
        default: throw fail(index, "invalid UTF-8: \(ASCII.hex(lead)) cannot start a character")
        }
        guard index + length <= bytes.count else { throw fail(index, "invalid UTF-8: sequence cut short") }
        guard (secondLow...secondHigh).contains(bytes[index + 1]) else {
            throw fail(index, "invalid UTF-8: \(ASCII.hex(lead)) followed by \(ASCII.hex(bytes[index + 1]))")
        }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw fail(index, "invalid UTF-8: \(ASCII.hex(lead)) sequence has a bad continuation byte")
        }
        return index + length
    }

    @inline(__always)
    mutating func appendScalar(_ kind: JSONKind, start: Int, end: Int, hasEscapes: Bool) {
        nodes.append(
            JSONNode(
                kind: kind, hasEscapes: hasEscapes, start: UInt32(start), end: UInt32(end),
                next: UInt32(nodes.count + 1), count: 0))
    }
}
