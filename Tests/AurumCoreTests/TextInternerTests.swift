import AurumCore
import XCTest

final class TextInternerTests: XCTestCase {
    /// Codes in first-seen order by bytes: canonically equivalent spellings stay apart, and lengths around the
    /// hash's eight-byte words (0, 7, 8, 9, 16, 17 bytes) and text with NUL bytes all round-trip.
    func testCodesByBytesInFirstSeenOrder() {
        var interner = TextInterner()
        let texts = ["", "é", "e\u{301}", "\u{C5}", "A\u{30A}", "1234567", "12345678", "123456789", "a\u{0}b", "a\u{0}c",
                     "0123456789abcdef", "0123456789abcdefg", "🙂", "🙂🙂"]
        for (position, text) in texts.enumerated() { XCTAssertEqual(interner.code(of: text), UInt32(position), text) }
        for (position, text) in texts.enumerated().reversed() {
            XCTAssertEqual(interner.code(of: text), UInt32(position), "again: \(text)")
            XCTAssertEqual(interner.existingCode(of: text), UInt32(position))
        }
        XCTAssertEqual(interner.strings.map { Array($0.utf8) }, texts.map { Array($0.utf8) })
        XCTAssertNil(interner.existingCode(of: "1234567 "))
        XCTAssertNil(TextInterner().existingCode(of: ""), "the empty string is not 'present' in an empty interner")
    }

    /// Many strings across many table doublings, against a dictionary keyed by bytes.
    func testAgainstAModelAcrossGrowth() {
        var generator = SeededGenerator(seed: 7)
        var interner = TextInterner(capacity: 1)
        var model: [[UInt8]: UInt32] = [:]
        let alphabet = Array("ab\u{0}é🙂xyz0123456789")
        for _ in 0..<60_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let expected = model[Array(text.utf8)] ?? UInt32(model.count)
            model[Array(text.utf8)] = expected
            XCTAssertEqual(interner.code(of: text), expected)
        }
        XCTAssertEqual(interner.count, model.count)
        XCTAssertGreaterThan(interner.count, 20_000)
    }

    /// Slots made ahead (``TextInterner/EmptySlots``) are taken only when larger than the table, and an interner
    /// grown into them, at any point, gives every text the code it had and the codes it would have had.
    func testGrowingIntoSlotsMadeAhead() {
        var plain = TextInterner()
        var grown = TextInterner()
        XCTAssertNil(grown.slotsToAdd(16), "32 slots hold 16 texts")
        XCTAssertEqual(grown.slotsToAdd(17), 64)
        XCTAssertEqual(grown.slotsToAdd(1_000), 2_048)
        for round in 0..<200 {
            let texts = (0..<(round % 7) * 40).map { "text-\(($0 * 31 + round * 17) % 3_000)" }
            if let slots = grown.slotsToAdd(texts.count) {
                var prepared = TextInterner.EmptySlots(count: slots)
                grown.grow(into: &prepared)
                XCTAssertNil(grown.slotsToAdd(texts.count), "round \(round): room for them all now")
                var smaller = TextInterner.EmptySlots(count: 16)
                grown.grow(into: &smaller)  // (left as it is)
            }
            XCTAssertEqual(grown.codes(of: texts), plain.codes(of: texts), "round \(round)")
        }
        XCTAssertEqual(grown.count, plain.count)
        XCTAssertEqual(grown.codes(of: ["text-0", "text-2999", "new"]), plain.codes(of: ["text-0", "text-2999", "new"]))
    }

    /// The batch forms (runs of prefetched lookups) give what one string at a time gives: codes in order,
    /// repeats within a run included, and read-only lookups that add nothing.
    func testBatchCodesMatchOneAtATime() {
        var generator = SeededGenerator(seed: 11)
        let texts = (0..<5_000).map { _ in "id-\(Int.random(in: 0..<3_000, using: &generator))" } + ["", "é", "e\u{301}"]
        var single = TextInterner(capacity: 1)
        var batched = TextInterner(capacity: 1)
        for start in stride(from: 0, to: texts.count, by: 700) {
            let entries = Array(start..<min(start + 700, texts.count)).shuffled(using: &generator)
            XCTAssertEqual(batched.codes(of: texts, at: entries), entries.map { single.code(of: texts[$0]) })
        }
        XCTAssertEqual(batched.strings.map { Array($0.utf8) }, single.strings.map { Array($0.utf8) })
        let lookups = texts + ["id-3000", "id-", "e"]
        let existing = batched.existingCodes(of: lookups, at: Array(lookups.indices))
        XCTAssertEqual(existing, lookups.map { single.existingCode(of: $0) ?? UInt32.max })
        XCTAssertEqual(batched.count, single.count, "lookups add nothing")
    }

    /// Entries given as bytes (a stored dictionary's layout) to an interner of bytes only take the codes their
    /// Strings would, only text not interned yet is admitted, no String is kept, each code's String is made
    /// when asked, and a refused entry makes the whole call nil.
    func testEntriesAsBytesMatchStrings() {
        var generator = SeededGenerator(seed: 5)
        var single = TextInterner(capacity: 1)
        var fromBytes = TextInterner(capacity: 1, bytesOnly: true)
        for round in 0..<40 {
            let texts = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                ["", "é", "e\u{301}", "a\u{0}b", "🙂"].randomElement(using: &generator)! + "id-\(Int.random(in: 0..<2_000, using: &generator))"
            } + (round == 0 ? ["", "12345678", "123456789"] : [])
            let before = fromBytes.count
            var admitted = 0
            let codes = Self.laidOut(texts) { raw, bounds in
                fromBytes.codes(ofEntries: raw, bounds: bounds) { _ in admitted += 1; return true }
            }
            XCTAssertEqual(codes, texts.map { single.code(of: $0) }, "round \(round)")
            XCTAssertEqual(admitted, fromBytes.count - before, "only new text is admitted")
        }
        XCTAssertTrue(fromBytes.strings.isEmpty, "no String kept")
        XCTAssertEqual(fromBytes.count, single.count)
        XCTAssertEqual(fromBytes.code(of: "id-5"), single.code(of: "id-5"), "a String looked up by its bytes")
        XCTAssertEqual(fromBytes.code(of: "new"), single.code(of: "new"), "and added as bytes")
        XCTAssertEqual((0..<UInt32(single.count)).map { Array(fromBytes.string(of: $0).utf8) }, single.strings.map { Array($0.utf8) })
        let refused = Array("known".utf8) + [0xFF]
        let none = refused.withUnsafeBytes { raw in
            [0, 5, 6].withUnsafeBufferPointer { bounds in fromBytes.codes(ofEntries: raw, bounds: bounds) { $0.count != 1 } }
        }
        XCTAssertNil(none)
    }

    /// Block after block, sorted by bytes (as stored) or not, a shared dictionary's entries take the codes one
    /// interner gives the same texts in the same order, each new text admitted once and no text seen before
    /// asked about again, and their Strings, made when asked for, are the texts: prefixes of each other, the
    /// empty text, NUL bytes and shared 16-byte stems included.
    func testSharedDictionaryEntriesAcrossBlocks() {
        var generator = SeededGenerator(seed: 11)
        let shared = SharedDictionary()
        var reference = TextInterner()
        let stems = ["", "a", "ab", "a\u{0}", "Search | Marca ", "Search | Marca 2", "é", "e\u{301}"]
        for round in 0..<60 {
            var texts = Array(Set((0..<Int.random(in: 0...400, using: &generator)).map { _ in
                stems.randomElement(using: &generator)! + (Bool.random(using: &generator) ? "" : "\(Int.random(in: 0..<600, using: &generator))")
            }))
            if round % 4 == 3 { texts.shuffle(using: &generator) } else { texts = ExactText.byteOrder(of: Array(texts.indices), in: texts).map { texts[$0] } }
            let before = reference.count
            let expected = reference.codes(of: texts)
            var admitted = 0
            let found = Self.laidOut(texts) { raw, bounds in
                shared.codes(ofEntries: raw, bounds: bounds) { _ in admitted += 1; return true }
            }
            XCTAssertEqual(found, expected, "round \(round)")
            XCTAssertEqual(shared.strings(of: found ?? []).map { Array($0.utf8) }, texts.map { Array($0.utf8) }, "round \(round)")
            XCTAssertEqual(admitted, reference.count - before, "round \(round): each new text admitted once, no other")
        }
        XCTAssertEqual(shared.codes(of: reference.strings), Array(0..<UInt32(reference.count)))
        XCTAssertEqual(shared.strings(of: [UInt32.max, 1]), ["", reference.strings[1]], "no code: no text")
    }

    /// A text refused is not added: the call is nil, and the text stays unknown.
    func testSharedDictionaryRefusesEntries() {
        let shared = SharedDictionary()
        let refused = Self.laidOut(["ok", "bad"]) { raw, bounds in shared.codes(ofEntries: raw, bounds: bounds) { $0.count == 2 } }
        XCTAssertNil(refused)
        XCTAssertEqual(shared.codes(of: ["ok", "bad"]), [0, 1], "'ok' was added before the refusal, 'bad' not")
    }

    /// Blocks coded on several threads at once give each text one code, the same whichever thread met it first,
    /// and Strings asked for on several threads at once are the texts.
    func testSharedDictionaryEntriesOnSeveralThreads() {
        let shared = SharedDictionary()
        // Each block sorted by bytes, as stored, and sharing three quarters of its ads with the next.
        let blocks = (0..<64).map { block in
            let texts = (0..<200).map { "ad-\(block * 50 + $0)" }
            return ExactText.byteOrder(of: Array(texts.indices), in: texts).map { texts[$0] }
        }
        let results = Parallel.map(blocks.count) { block in
            Self.laidOut(blocks[block]) { raw, bounds in shared.codes(ofEntries: raw, bounds: bounds) { _ in true }! }
        }
        let strings = Parallel.map(blocks.count) { block in shared.strings(of: results[block]) }
        XCTAssertEqual(strings, blocks)
        var codeOfText: [String: UInt32] = [:]
        for (block, texts) in blocks.enumerated() {
            for (text, code) in zip(texts, results[block]) {
                XCTAssertEqual(codeOfText[text, default: code], code, text)
                codeOfText[text] = code
            }
        }
        XCTAssertEqual(Set(codeOfText.values).count, codeOfText.count, "one code per text")
        XCTAssertEqual(shared.codes(of: Array(codeOfText.keys)), Array(codeOfText.values))
    }

    /// `body` over `texts` laid out as a stored dictionary is: their UTF-8 bytes back to back, and where each
    /// starts (and the last ends).
    private static func laidOut<Result>(
        _ texts: [String], _ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int>) -> Result
    ) -> Result {
        var bytes: [UInt8] = []
        var bounds = [0]
        for text in texts {
            bytes.append(contentsOf: text.utf8)
            bounds.append(bytes.count)
        }
        return bytes.withUnsafeBytes { raw in bounds.withUnsafeBufferPointer { body(raw, $0) } }
    }
}
