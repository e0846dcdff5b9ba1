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
            }
        }
    }
}
