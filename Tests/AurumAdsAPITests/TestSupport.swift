import XCTest

@testable import AurumAdsAPI

/// A small deterministic generator (SplitMix64), so that property tests are reproducible from their seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses `text` as a page; fails the test (and returns nil) on a page error.
func parsePage(
    _ text: String, parser: PageParser = PageParser(), file: StaticString = #filePath, line: UInt = #line
) -> ParsedPage? {
    do {
        return try parser.parse(Array(text.utf8))
    } catch {
        XCTFail("unexpected page error: \(error)", file: file, line: line)
        return nil
    }
}

/// The page error `text` gives, or nil (and a test failure) when it parses.
func pageError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PageError? {
    pageError(Array(text.utf8), file: file, line: line)
}

/// The page error `bytes` give, or nil (and a test failure) when they parse.
func pageError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> PageError? {
    do {
        let page = try PageParser().parse(bytes)
        XCTFail("expected a page error, got \(page.rows.count) rows", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// The tape of `text`, or the scanner's error.
func scan(_ text: String, depthMax: Int = JSONScanner.depthMaxDefault) -> Result<[JSONNode], PageError> {
    scan(Array(text.utf8), depthMax: depthMax)
}

/// The tape of `bytes`, or the scanner's error.
func scan(_ bytes: [UInt8], depthMax: Int = JSONScanner.depthMaxDefault) -> Result<[JSONNode], PageError> {
    bytes.withUnsafeBytes { buffer in
        Result { () throws(PageError) in try JSONScanner.scan(buffer, depthMax: depthMax) }
    }
}

/// A JSON object's text from ordered members whose values are raw JSON text.
func jsonObject(_ members: [(String, String)]) -> String {
    "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}

/// `members` with `overrides` applied: a non-nil value replaces (or appends) a member's raw JSON, nil removes it.
func applying(_ overrides: [String: String?], to members: [(String, String)]) -> [(String, String)] {
    var result: [(String, String)] = []
    for (key, value) in members {
        if let override = overrides[key] {
            if let override { result.append((key, override)) }
        } else {
            result.append((key, value))
        }
    }
    for (key, value) in overrides where !members.contains(where: { $0.0 == key }) {
        if let value { result.append((key, value)) }
    }
    return result
}
