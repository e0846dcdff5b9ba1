import XCTest

@testable import AurumAdsAPI

final class JSONScannerTests: XCTestCase {
    /// The decoded value of the first string node of `json`.
    private func firstString(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let bytes = Array(json.utf8)
        guard case .success(let nodes) = scan(bytes) else {
            XCTFail("did not scan: \(json)", file: file, line: line)
            return nil
        }
        return bytes.withUnsafeBytes { buffer in
            nodes.withUnsafeBufferPointer { tape in
                let view = JSONView(bytes: buffer, nodes: tape)
                return (0..<tape.count).first { view.kind($0) == .string }.map { view.string($0) }
            }
        }
    }

    private func assertError(
        _ json: String, offset: Int, line: Int, column: Int, messageContains: String,
        depthMax: Int = JSONScanner.depthMaxDefault, file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        assertError(
            Array(json.utf8), offset: offset, line: line, column: column, messageContains: messageContains,
            depthMax: depthMax, file: file, sourceLine: sourceLine)
    }

    private func assertError(
        _ bytes: [UInt8], offset: Int, line: Int, column: Int, messageContains: String,
        depthMax: Int = JSONScanner.depthMaxDefault, file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        switch scan(bytes, depthMax: depthMax) {
        case .success:
            XCTFail(
                "expected an error for \(String(decoding: bytes, as: UTF8.self).debugDescription)", file: file,
                line: sourceLine)
        case .failure(.invalidJSON(let gotOffset, let gotLine, let gotColumn, let message)):
            XCTAssertEqual(gotOffset, offset, "offset; message: \(message)", file: file, line: sourceLine)
            XCTAssertEqual(gotLine, line, "line", file: file, line: sourceLine)
            XCTAssertEqual(gotColumn, column, "column", file: file, line: sourceLine)
            XCTAssertTrue(
                message.contains(messageContains),
                "message \(message.debugDescription) lacks \(messageContains.debugDescription)",
                file: file, line: sourceLine)
        case .failure(let other):
            XCTFail("unexpected error \(other)", file: file, line: sourceLine)
        }
    }

    // MARK: Strings

    func testDecodesEveryEscape() {
        XCTAssertEqual(firstString(#"["\"\\\/\b\f\n\r\t"]"#), "\"\\/\u{08}\u{0C}\n\r\t")
        XCTAssertEqual(firstString(#"["a\u00e7\u00C7b"]"#), "açÇb")
        XCTAssertEqual(firstString(#"["c\/ acentua\u00e7\u00e3o \u2014 10"]"#), "c/ acentuação — 10")
        XCTAssertEqual(firstString(#"["\u0000"]"#), "\u{0}")
    }

    func testDecodesSurrogatePairsToEmoji() {
        XCTAssertEqual(firstString(#"["\uD83D\uDE00"]"#), "😀")
        XCTAssertEqual(firstString(#"["x\ud83d\ude80y"]"#), "x🚀y")
        XCTAssertEqual(firstString(#"["\u2764\ufe0f"]"#), "❤️")
        XCTAssertEqual(firstString(#"["\uDBFF\uDFFF"]"#), "\u{10FFFF}")
    }

    func testRawUTF8PassesThroughUndecoded() {
        XCTAssertEqual(firstString("[\"Tênis 🎾 ação\"]"), "Tênis 🎾 ação")
        let nodes = try? scan("[\"Tênis\"]").get()
        XCTAssertEqual(nodes?[1].hasEscapes, false)
        XCTAssertEqual(try? scan(#"["T\u00eanis"]"#).get()[1].hasEscapes, true)
    }

    func testLongStringsCrossTheEightByteFastPath() {
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            XCTAssertEqual(firstString("[\"\(plain)\"]"), plain)
            XCTAssertEqual(firstString("[\"\(plain)\\n\(plain)\"]"), plain + "\n" + plain)
            XCTAssertEqual(firstString("[\"\(plain)é\(plain)\"]"), plain + "é" + plain)
            assertError(
                "[\"\(plain)\u{1}\"]", offset: 2 + length, line: 1, column: 3 + length,
                messageContains: "raw control character 0x01")
        }
    }

    // MARK: Errors, each with its place

    func testInvalidEscape() {
        assertError(#"{"a":"x\qy"}"#, offset: 7, line: 1, column: 8, messageContains: "invalid escape")
        assertError(#"["\x41"]"#, offset: 2, line: 1, column: 3, messageContains: "invalid escape")
        assertError(#"["\u00G1"]"#, offset: 2, line: 1, column: 3, messageContains: "four hex digits")
        assertError(#"["\u00"]"#, offset: 2, line: 1, column: 3, messageContains: "four hex digits")
        assertError(#"["\u00"#, offset: 2, line: 1, column: 3, messageContains: "end of input")
        assertError(#"["\"#, offset: 2, line: 1, column: 3, messageContains: "inside an escape")
    }

    func testLoneSurrogates() {
        assertError(#"["\uD83D"]"#, offset: 2, line: 1, column: 3, messageContains: "lone high surrogate \\uD83D")
        assertError(#"["\uD83Dx"]"#, offset: 2, line: 1, column: 3, messageContains: "lone high surrogate")
        assertError(#"["ab\uDE00"]"#, offset: 4, line: 1, column: 5, messageContains: "lone low surrogate \\uDE00")
        assertError(#"["\uD83D\u0041"]"#, offset: 8, line: 1, column: 9, messageContains: "not a low surrogate")
        assertError(#"["\uD83D\uD83D"]"#, offset: 8, line: 1, column: 9, messageContains: "not a low surrogate")
    }

    func testControlCharactersInStrings() {
        assertError("[\"a\tb\"]", offset: 3, line: 1, column: 4, messageContains: "raw control character 0x09")
        assertError("{\n\"k\": \"a\nb\"}", offset: 9, line: 2, column: 8, messageContains: "0x0A")
        assertError([0x5B, 0x22, 0x00, 0x22, 0x5D], offset: 2, line: 1, column: 3, messageContains: "0x00")
        XCTAssertNoThrow(try scan("[\"\u{7F}\"]").get(), "DEL is not a control character in JSON")
    }

    func testInvalidUTF8() {
        let quote: UInt8 = 0x22
        func inString(_ bytes: [UInt8]) -> [UInt8] { [0x5B, quote] + bytes + [quote, 0x5D] }
        assertError(inString([0xC0, 0x80]), offset: 2, line: 1, column: 3, messageContains: "invalid UTF-8")  // overlong
        assertError(inString([0xED, 0xA0, 0x80]), offset: 2, line: 1, column: 3, messageContains: "invalid UTF-8")  // surrogate
        assertError(
            inString([0xF5, 0x80, 0x80, 0x80]), offset: 2, line: 1, column: 3, messageContains: "invalid UTF-8")
        assertError(inString([0x61, 0x80]), offset: 3, line: 1, column: 4, messageContains: "invalid UTF-8")
        assertError(inString([0xE2, 0x82]), offset: 2, line: 1, column: 3, messageContains: "invalid UTF-8")  // cut short
        assertError([0x5B, quote, 0xF0, 0x9F], offset: 2, line: 1, column: 3, messageContains: "cut short")
        assertError([0x5B, 0xC3, 0xA7, 0x5D], offset: 1, line: 1, column: 2, messageContains: "byte 0xC3")
        XCTAssertNoThrow(try scan(inString([0xF4, 0x8F, 0xBF, 0xBF])).get(), "U+10FFFF is valid")
    }

    func testBadNumbers() {
        assertError("[01]", offset: 1, line: 1, column: 2, messageContains: "leading zero")
        assertError("[-01]", offset: 1, line: 1, column: 2, messageContains: "leading zero")
        assertError("[1.]", offset: 3, line: 1, column: 4, messageContains: "digit after '.'")
        assertError("[-]", offset: 2, line: 1, column: 3, messageContains: "digit after '-'")
        assertError("[1e]", offset: 3, line: 1, column: 4, messageContains: "exponent")
        assertError("[1e+]", offset: 4, line: 1, column: 5, messageContains: "exponent")
        assertError("[.5]", offset: 1, line: 1, column: 2, messageContains: "unexpected '.'")
        assertError("[+1]", offset: 1, line: 1, column: 2, messageContains: "unexpected '+'")
        assertError("[0x10]", offset: 2, line: 1, column: 3, messageContains: "unexpected 'x'")
        assertError("[NaN]", offset: 1, line: 1, column: 2, messageContains: "unexpected 'N'")
        assertError("[1.5.2]", offset: 4, line: 1, column: 5, messageContains: "unexpected '.'")
        XCTAssertNoThrow(try scan("[0, -0, 0.5, -1.25e+10, 1E-3, 123456789012345678901234567890]").get())
    }

    func testBadLiterals() {
        assertError("[tru]", offset: 1, line: 1, column: 2, messageContains: "invalid literal")
        assertError("[nul", offset: 1, line: 1, column: 2, messageContains: "invalid literal")
        assertError("[True]", offset: 1, line: 1, column: 2, messageContains: "unexpected 'T'")
        assertError("[truex]", offset: 5, line: 1, column: 6, messageContains: "unexpected 'x'")
    }

    func testStructuralErrors() {
        assertError("[1,]", offset: 3, line: 1, column: 4, messageContains: "expected a value")
        assertError(#"{"a":1,}"#, offset: 7, line: 1, column: 8, messageContains: "member name")
        assertError(#"{"a" 1}"#, offset: 5, line: 1, column: 6, messageContains: "expected ':'")
        assertError("{a:1}", offset: 1, line: 1, column: 2, messageContains: "member name")
        assertError("[1 2]", offset: 3, line: 1, column: 4, messageContains: "expected ',' or ']'")
        assertError(#"{"a":1 "b":2}"#, offset: 7, line: 1, column: 8, messageContains: "expected ',' or '}'")
        assertError("[1", offset: 2, line: 1, column: 3, messageContains: "end of input")
        assertError(#"{"a":"#, offset: 5, line: 1, column: 6, messageContains: "end of input")
        assertError(#"{"a":"abc"#, offset: 5, line: 1, column: 6, messageContains: "never closed")
        assertError("", offset: 0, line: 1, column: 1, messageContains: "end of input")
        assertError("  \n ", offset: 4, line: 2, column: 2, messageContains: "end of input")
        assertError("[1]]", offset: 3, line: 1, column: 4, messageContains: "after the end of the JSON value")
        assertError("{\"data\":[]}\n\n  x", offset: 15, line: 3, column: 3, messageContains: "unexpected 'x'")
        assertError("[1]\u{0}", offset: 3, line: 1, column: 4, messageContains: "byte 0x00")
        assertError("[}", offset: 1, line: 1, column: 2, messageContains: "expected a value")
        assertError("{]", offset: 1, line: 1, column: 2, messageContains: "member name")
    }

    func testLinesAndColumnsCountFromOne() {
        let text = "{\n  \"data\": [\n    {\"a\": 1},\n    {\"b\": tru}\n  ]\n}"
        // The bad literal is on line 4, after four spaces and `{"b": `.
        let offset = Array(text.utf8).lastIndex(of: UInt8(ascii: "t"))!
        assertError(text, offset: offset, line: 4, column: 11, messageContains: "invalid literal")
    }

    func testNestingDepthLimit() {
        let limit = 8
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        XCTAssertNoThrow(try scan(atLimit, depthMax: limit).get())
        let beyond = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        assertError(
            beyond, offset: limit, line: 1, column: limit + 1, messageContains: "nesting deeper than 8", depthMax: limit
        )
        // The default limit holds for objects too, and a very deep input fails cleanly instead of overflowing a stack.
        let deepObjects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        assertError(
            deepObjects, offset: 512 * 5, line: 1, column: 512 * 5 + 1, messageContains: "nesting deeper than 512")
        let veryDeep = String(repeating: "[", count: 200_000)
        assertError(veryDeep, offset: 512, line: 1, column: 513, messageContains: "nesting")
    }

    // MARK: Tape shape

    func testTapeLinksSiblingsAndCountsChildren() throws {
        let text = #" {"a": [1, {"b": null}, "x"], "c": true} "#
        let nodes = try scan(text).get()
        // object, "a", array, 1, object, "b", null, "x", "c", true
        XCTAssertEqual(
            nodes.map(\.kind), [.object, .string, .array, .number, .object, .string, .null, .string, .string, .true])
        XCTAssertEqual(nodes[0].count, 2)
        XCTAssertEqual(nodes[0].next, 10)
        XCTAssertEqual(nodes[2].count, 3)
        XCTAssertEqual(nodes[2].next, 8)
        XCTAssertEqual(nodes[4].next, 7)
        XCTAssertEqual(nodes[3].next, 4)
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[Int(nodes[4].start)..<Int(nodes[4].end)], as: UTF8.self), #"{"b": null}"#)
        XCTAssertEqual(String(decoding: bytes[Int(nodes[7].start)..<Int(nodes[7].end)], as: UTF8.self), #""x""#)
    }

    func testIndentationOfAnyWidthScansLikeCompactJSON() throws {
        // Blank runs of every length around the eight-space fast path, mixed with tabs, CR and LF, and an error
        // after a long run still points at its byte.
        let compact = try scan(#"{"a":[1,{"b":"x"}],"c":true}"#).get().map(\.kind)
        for width in [0, 1, 7, 8, 9, 15, 16, 17, 40] {
            let pad = String(repeating: " ", count: width)
            for blank in ["\n" + pad, pad + "\t", "\r\n" + pad + "\t" + pad, pad] {
                let text = "{" + blank + #""a":"# + blank + "[1," + blank + #"{"b":"x"}"# + blank + "]," + blank
                    + #""c":true"# + blank + "}" + blank
                XCTAssertEqual(try scan(text).get().map(\.kind), compact, "width \(width)")
            }
            let bad = "[1,\n" + pad + "x]"
            assertError(bad, offset: 4 + width, line: 2, column: width + 1, messageContains: "expected a value")
        }
    }

    func testRepeatedMemberNameKeepsTheLast() throws {
        let bytes = Array(#"{"k": 1, "k": 2}"#.utf8)
        let nodes = try scan(bytes).get()
        let value = bytes.withUnsafeBytes { buffer in
            nodes.withUnsafeBufferPointer { tape in
                let view = JSONView(bytes: buffer, nodes: tape)
                return view.member(0, "k").map { String(decoding: view.text($0), as: UTF8.self) }
            }
        }
        XCTAssertEqual(value, "2")
    }

    // MARK: Properties

    /// A JSON value for round trips.
    private indirect enum Tree: Equatable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Tree])
        case object([Member])

        struct Member: Equatable {
            var key: String
            var value: Tree
        }
    }

    private func randomScalar(_ rng: inout SplitMix64) -> Unicode.Scalar {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &rng))
        case 1: return ["\"", "\\", "/"].randomElement(using: &rng)!
        case 2: return Unicode.Scalar(UInt32.random(in: 0x80...0x7FF, using: &rng))!
        case 3:
            let value = UInt32.random(in: 0x800...0xFFFD, using: &rng)
            return Unicode.Scalar((0xD800...0xDFFF).contains(value) ? 0xE7 : value)!
        case 4: return Unicode.Scalar(UInt32.random(in: 0x10000...0x10FFFF, using: &rng))!
        default: return Unicode.Scalar(UInt8.random(in: 0x20..<0x7F, using: &rng))
        }
    }

    private func randomTree(_ rng: inout SplitMix64, depth: Int) -> Tree {
        let pick = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let numbers = ["0", "-0", "12", "-3.25", "1e10", "6.02E+23", "1.5e-7", "123456789012345678901"]
            return .number(numbers.randomElement(using: &rng)!)
        case 3:
            var text = ""
            for _ in 0..<Int.random(in: 0..<20, using: &rng) { text.unicodeScalars.append(randomScalar(&rng)) }
            return .string(text)
        case 4:
            return .array((0..<Int.random(in: 0..<5, using: &rng)).map { _ in randomTree(&rng, depth: depth + 1) })
        default:
            return .object(
                (0..<Int.random(in: 0..<5, using: &rng)).map { _ in
                    guard case .string(let key) = randomTree(&rng, depth: 99) else {
                        return Tree.Member(key: "k", value: .null)
                    }
                    return Tree.Member(key: key, value: randomTree(&rng, depth: depth + 1))
                })
        }
    }

    /// JSON text of a string, choosing at random among the valid spellings of each character.
    private func encode(_ text: String, _ rng: inout SplitMix64) -> String {
        func hex4(_ value: UInt32) -> String {
            let digits = Array("0123456789abcdef")
            let upper = Bool.random(using: &rng)
            return "\\u"
                + (0..<4).reversed().map { shift -> String in
                    let digit = String(digits[Int((value >> (UInt32(shift) * 4)) & 0xF)])
                    return upper ? digit.uppercased() : digit
                }.joined()
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            let escapeAnyway = Int.random(in: 0..<4, using: &rng) == 0
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += escapeAnyway ? "\\/" : "/"
            case "\n": out += escapeAnyway ? hex4(0x0A) : "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += hex4(scalar.value)
            case _ where scalar.value >= 0x10000 && escapeAnyway:
                let value = scalar.value - 0x10000
                out += hex4(0xD800 + (value >> 10)) + hex4(0xDC00 + (value & 0x3FF))
            case _ where escapeAnyway && scalar.value < 0x10000: out += hex4(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func encode(_ tree: Tree, _ rng: inout SplitMix64) -> String {
        let blank = [" ", "", "\n", "\t", "\r\n"].randomElement(using: &rng)!
        switch tree {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return encode(text, &rng)
        case .array(let elements):
            return "[" + blank + elements.map { encode($0, &rng) }.joined(separator: "," + blank) + "]"
        case .object(let members):
            return "{"
                + members.map { encode($0.key, &rng) + blank + ":" + encode($0.value, &rng) }.joined(separator: ",")
                + blank + "}"
        }
    }

    private func rebuild(_ view: JSONView, _ node: Int) -> Tree {
        switch view.kind(node) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(String(decoding: view.text(node), as: UTF8.self))
        case .string: return .string(view.string(node))
        case .array:
            var child = node + 1
            return .array(
                (0..<view.count(node)).map { _ in
                    defer { child = view.next(child) }
                    return rebuild(view, child)
                })
        case .object:
            var key = node + 1
            return .object(
                (0..<view.count(node)).map { _ in
                    defer { key = view.next(key + 1) }
                    return Tree.Member(key: view.string(key), value: rebuild(view, key + 1))
                })
        }
    }

    func testRandomDocumentsRoundTrip() throws {
        var rng = SplitMix64(seed: 20_240_301)
        for iteration in 0..<1500 {
            let tree = randomTree(&rng, depth: 0)
            let bytes = Array(encode(tree, &rng).utf8)
            let nodes: [JSONNode]
            do {
                nodes = try scan(bytes).get()
            } catch {
                XCTFail(
                    "iteration \(iteration): \(error) for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return
            }
            let rebuilt = bytes.withUnsafeBytes { buffer in
                nodes.withUnsafeBufferPointer { tape in rebuild(JSONView(bytes: buffer, nodes: tape), 0) }
            }
            XCTAssertEqual(rebuilt, tree, "iteration \(iteration)")
            XCTAssertEqual(Int(nodes[0].next), nodes.count)
        }
    }

    func testRandomBytesNeverTrap() {
        var rng = SplitMix64(seed: 7)
        let alphabet =
            Array(#"{}[],:"\/ubfnrt0123456789-+.eE truefalsenull"#.utf8) + [
                0x00, 0x0A, 0x80, 0xC3, 0xA7, 0xED, 0xF0, 0xFF,
            ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<24, using: &rng)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            if case .failure(.invalidJSON(let offset, let line, let column, _)) = scan(bytes) {
                XCTAssertTrue((0...bytes.count).contains(offset))
                XCTAssertGreaterThanOrEqual(line, 1)
                XCTAssertGreaterThanOrEqual(column, 1)
            }
        }
    }
}
