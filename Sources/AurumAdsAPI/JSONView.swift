/// Read access to a ``JSONScanner`` tape together with the bytes it indexes.
///
/// A view lives only inside the `withUnsafe…` scope that lends it its buffers; it never escapes. Node arguments
/// are tape indices; an optional index (`Int?`) stands for "this field is absent".
struct JSONView {
    /// The file's bytes.
    let bytes: UnsafeRawBufferPointer
    /// The tape of `bytes`.
    let nodes: UnsafeBufferPointer<JSONNode>

    @inline(__always)
    func kind(_ node: Int) -> JSONKind { nodes[node].kind }

    /// The number of members (object) or elements (array).
    @inline(__always)
    func count(_ node: Int) -> Int { Int(nodes[node].count) }

    /// The tape index after `node`'s subtree.
    @inline(__always)
    func next(_ node: Int) -> Int { Int(nodes[node].next) }

    /// The byte range of the value's JSON text (a string's quotes included).
    @inline(__always)
    func range(_ node: Int) -> Range<Int> { Int(nodes[node].start)..<Int(nodes[node].end) }

    /// The value's JSON text.
    func text(_ node: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[range(node)]) }

    /// A string's bytes between its quotes, escapes not decoded.
    func content(_ node: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(Int(nodes[node].start) + 1)..<(Int(nodes[node].end) - 1)])
    }

    /// A string's value, decoded.
    func string(_ node: Int) -> String {
        let content = content(node)
        if nodes[node].hasEscapes { return JSONStringDecoder.decode(content) }
        return String(decoding: content, as: UTF8.self)
    }

    /// Calls `body` with a string's decoded UTF-8 bytes; copies nothing unless the string has escapes.
    func withDecodedBytes<Result>(_ node: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard nodes[node].hasEscapes else { return body(content(node)) }
        var decoded = JSONStringDecoder.decode(content(node))
        return decoded.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether string node `node` decodes to exactly `expected`.
    func stringEquals(_ node: Int, _ expected: UnsafeRawBufferPointer) -> Bool {
        withDecodedBytes(node) { JSONView.bytesEqual($0, expected) }
    }

    /// Whether string node `node` decodes to exactly `expected`.
    @inline(__always)
    func stringEquals(_ node: Int, _ expected: StaticString) -> Bool {
        let expectedBytes = UnsafeRawBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount)
        if !nodes[node].hasEscapes {
            // Fast reject on length before touching the bytes.
            guard Int(nodes[node].end - nodes[node].start) - 2 == expectedBytes.count else { return false }
            return JSONView.bytesEqual(content(node), expectedBytes)
        }
        return stringEquals(node, expectedBytes)
    }

    /// The value of the member called `name` of `object` (the last one if the name repeats); nil when `object`
    /// is nil or not an object, or has no such member.
    func member(_ object: Int?, _ name: StaticString) -> Int? {
        guard let object, kind(object) == .object else { return nil }
        var found: Int?
        var key = object + 1
        for _ in 0..<count(object) {
            let value = key + 1
            if stringEquals(key, name) { found = value }
            key = next(value)
        }
        return found
    }

    /// How many members of `object` are called `name` (0 when `object` is not an object).
    func memberCount(_ object: Int, _ name: StaticString) -> Int {
        guard kind(object) == .object else { return 0 }
        var found = 0
        var key = object + 1
        for _ in 0..<count(object) {
            if stringEquals(key, name) { found += 1 }
            key = next(key + 1)
        }
        return found
    }

    /// How a detail sentence shows a value: its JSON text (strings quoted, escapes as sent), cut at 64 bytes;
    /// containers by kind ("an object").
    func describe(_ node: Int) -> String {
        let kind = kind(node)
        if kind == .object || kind == .array { return kind.phrase }
        let text = text(node)
        let limit = 64
        guard text.count > limit else { return String(decoding: text, as: UTF8.self) }
        var cut = limit
        while cut > 0 && text[cut] & 0xC0 == 0x80 { cut -= 1 }  // do not split a UTF-8 sequence
        return String(decoding: UnsafeRawBufferPointer(rebasing: text[0..<cut]), as: UTF8.self) + "…"
    }

    static func bytesEqual(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        guard left.count == right.count else { return false }
        for index in 0..<left.count where left[index] != right[index] { return false }
        return true
    }
}
