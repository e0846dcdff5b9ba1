import AurumCore
import XCTest

final class ExactTextTests: XCTestCase {
    /// Byte order as `memcmp` then length, against the element-wise reference: prefixes first, unsigned bytes
    /// (so "é" after "z"), NUL bytes compared like any other, canonically equal spellings apart.
    func testBytesPrecedeIsUTF8ByteOrder() {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("az\u{0}é\u{301}e🙂Z")
        let texts = ["", "a", "ab", "a\u{0}", "é", "e\u{301}", "z", "Z"] + (0..<300).map { _ in
            String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for a in texts {
            for b in texts {
                XCTAssertEqual(ExactText.bytesPrecede(a, b), a.utf8.lexicographicallyPrecedes(b.utf8), "\(Array(a.utf8)) vs \(Array(b.utf8))")
                XCTAssertEqual(ExactText.sameBytes(a, b), Array(a.utf8) == Array(b.utf8))
                let order = Array(a.utf8) == Array(b.utf8) ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
                XCTAssertEqual(ExactText.compare(a, b).signum(), order, "\(Array(a.utf8)) vs \(Array(b.utf8))")
            }
        }
    }

    /// The byte order of dictionary entries by 16-byte windows equals a whole-string byte sort, stable on ties:
    /// entries sharing 16 or 32 or more bytes, a prefix of another, a NUL byte after a prefix ("a" before "a\0"),
    /// composed against decomposed accents, the empty text, and repeats.
    func testByteOrderEqualsAWholeStringSort() {
        var generator = SeededGenerator(seed: 11)
        let stems = [
            "", "a", "a\u{0}", "act_0123456789012345", "act_01234567890123456789", "caf\u{E9}", "cafe\u{301}", "\u{FFFF}z",
            "Search | Marca #", "Search | Marca #\u{0}", "Search | Marca + Produto #1533 | v2 ", "Search | Marca + Produto #1533 | v2 \u{0}",
        ]
        let texts = (0..<5_000).map { _ -> String in
            let stem = stems.randomElement(using: &generator)!
            let tail = String((0..<Int.random(in: 0..<4, using: &generator)).map { _ in "09az\u{E9}\u{0}".randomElement(using: &generator)! })
            return stem + tail
        }
        // Up to 16 entries are compared whole; up to 64, the radix sort compares words.
        for count in [0, 1, 16, 17, 40, 4_000] {
            let indices = Array(texts.indices.shuffled(using: &generator).prefix(count))
            let expected = indices.enumerated().sorted { a, b in
                ExactText.bytesPrecede(texts[a.element], texts[b.element]) || (a.offset < b.offset && !ExactText.bytesPrecede(texts[b.element], texts[a.element]))
            }.map(\.element)
            XCTAssertEqual(ExactText.byteOrder(of: indices, in: texts), expected, "\(count) entries")
        }
    }
}
