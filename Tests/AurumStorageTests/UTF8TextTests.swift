import XCTest

@testable import AurumStorage

/// `UTF8Text.validated` accepts exactly what `String(validating:as:)` accepts, and keeps the bytes.
final class UTF8TextTests: XCTestCase {
    private func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let fast = bytes.withUnsafeBytes { UTF8Text.validated($0) }
        let reference = String(validating: bytes, as: UTF8.self)
        XCTAssertEqual(fast, reference, "\(bytes)", file: file, line: line)
        if let fast { XCTAssertEqual(Array(fast.utf8), bytes, file: file, line: line) }
    }

    func testAgreesWithTheStandardLibrary() {
        for text in ["", "a", "Café", "Cafe\u{301}", "日本語", "🚀", "with\u{0}nul", "\u{FFFD}", "\u{10FFFF}", "a\r\nb"] {
            check(Array(text.utf8))
        }
        // Invalid: lone continuation, truncated sequences, overlongs, surrogates, above U+10FFFF, bytes F5–FF.
        let invalid: [[UInt8]] = [
            [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x9A], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0x61, 0xEF, 0xBF], [0xEF, 0xBF, 0xBD, 0x80],
        ]
        for bytes in invalid {
            check(bytes)
            check([0x61] + bytes + [0x62])
        }
        var rng = SeededGenerator(seed: 8)
        let alphabet: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F]
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 7)
            check((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
    }
}
