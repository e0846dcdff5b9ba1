import AurumCore
import Foundation
import XCTest

@testable import AurumStorage

/// SplitMix64: a tiny seeded generator, so that every random test replays the same data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh directory under /tmp, removed when the test case ends.
func makeTemporaryDirectory(_ testCase: XCTestCase) -> String {
    var template = Array("/tmp/aurum-storage-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buffer -> String in
        guard let result = mkdtemp(buffer.baseAddress!) else { preconditionFailure("mkdtemp failed") }
        return String(cString: result)
    }
    testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

func writeFile(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func readFile(_ path: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: path) ?? Data())
}

/// The row values of a column, bit-exact for doubles (so that -0.0 and 0.0 differ).
enum Cell: Equatable, CustomStringConvertible {
    case null
    case int64(Int64)
    case doubleBits(UInt64)
    case string([UInt8])
    case date(Int32)
    case bool(Bool)

    var description: String {
        switch self {
        case .null: "NULL"
        case .int64(let value): "\(value)"
        case .doubleBits(let bits): "\(Double(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .string(let bytes): "\"\(String(decoding: bytes, as: UTF8.self))\" \(bytes)"
        case .date(let days): "date \(days)"
        case .bool(let flag): "\(flag)"
        }
    }
}

func cells(_ column: Column) -> [Cell] {
    (0..<column.count).map { row in
        switch column.value(at: row) {
        case .null: .null
        case .int64(let value): .int64(value)
        case .double(let value): .doubleBits(value.bitPattern)
        case .string(let value): .string(Array(value.utf8))
        case .date(let value): .date(value.days)
        case .bool(let value): .bool(value)
        }
    }
}

/// Asserts `actual` holds the same rows as `expected`: same type, length, NULLs and bit-identical values.
func assertSameColumn(_ actual: Column, _ expected: Column, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.type, expected.type, message, file: file, line: line)
    XCTAssertEqual(actual.count, expected.count, message, file: file, line: line)
    guard actual.type == expected.type, actual.count == expected.count else { return }
    let actualCells = cells(actual)
    let expectedCells = cells(expected)
    if let row = (0..<actualCells.count).first(where: { actualCells[$0] != expectedCells[$0] }) {
        XCTFail("row \(row): \(actualCells[row]) != \(expectedCells[row]) \(message)", file: file, line: line)
    }
}

func assertSameBatch(_ actual: Batch, _ expected: Batch, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.schema, expected.schema, message, file: file, line: line)
    XCTAssertEqual(actual.rowCount, expected.rowCount, message, file: file, line: line)
    guard actual.schema == expected.schema else { return }
    for (index, (left, right)) in zip(actual.columns, expected.columns).enumerated() {
        assertSameColumn(left, right, "column \(index) \(message)", file: file, line: line)
    }
}

func sameBatch(_ left: Batch, _ right: Batch) -> Bool {
    left.schema == right.schema && left.rowCount == right.rowCount
        && zip(left.columns, right.columns).allSatisfy { cells($0) == cells($1) }
}

/// Asserts `body` throws a ``StorageError`` whose message names `file`, and returns it.
@discardableResult
func assertStorageError<T>(
    naming file: String, _ message: String = "", sourceFile: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> T
) -> StorageError? {
    do {
        _ = try body()
        XCTFail("expected a StorageError naming \(file) \(message)", file: sourceFile, line: line)
    } catch let error as StorageError {
        XCTAssertTrue(error.description.contains(file), "'\(error)' does not name \(file) \(message)", file: sourceFile, line: line)
        return error
    } catch {
        XCTFail("not a StorageError: \(error) \(message)", file: sourceFile, line: line)
    }
    return nil
}

/// The outcome of damaging one byte (or cutting a file short) and reading the file back.
struct DamageReport {
    /// Damaged variants for which reading threw a StorageError naming the file.
    var detected = 0
    /// Offsets whose damage went unnoticed but the data read back was exactly the original.
    var unnoticed: [Int] = []
}

/// Damages `original` (at `path`) once per offset in `offsets` via `damage`, calls `read`, and checks that it
/// either throws a StorageError naming `name` or returns what `isOriginal` accepts. Restores the file after.
func checkDamage<T>(
    original: [UInt8], path: String, name: String, offsets: [Int], what: String,
    damage: ([UInt8], Int) -> [UInt8], read: () throws -> T, isOriginal: (T) -> Bool,
    file: StaticString = #filePath, line: UInt = #line
) -> DamageReport {
    var report = DamageReport()
    for offset in offsets {
        writeFile(damage(original, offset), to: path)
        do {
            let result = try read()
            if isOriginal(result) {
                report.unnoticed.append(offset)
            } else {
                XCTFail("\(what) at \(offset) of \(name): read returned different data", file: file, line: line)
            }
        } catch let error as StorageError {
            if error.description.contains(name) {
                report.detected += 1
            } else {
                XCTFail("\(what) at \(offset): '\(error)' does not name \(name)", file: file, line: line)
            }
        } catch {
            XCTFail("\(what) at \(offset) of \(name): not a StorageError: \(error)", file: file, line: line)
        }
    }
    writeFile(original, to: path)
    return report
}

/// Flips one bit of byte `offset` (a different bit for neighbouring bytes).
func flipBit(_ bytes: [UInt8], _ offset: Int) -> [UInt8] {
    var copy = bytes
    copy[offset] ^= UInt8(1) << UInt8(offset % 8)
    return copy
}

/// Inverts every bit of byte `offset`.
func invertByte(_ bytes: [UInt8], _ offset: Int) -> [UInt8] {
    var copy = bytes
    copy[offset] ^= 0xFF
    return copy
}

func truncate(_ bytes: [UInt8], _ length: Int) -> [UInt8] { Array(bytes[0..<length]) }

/// Every offset when the file is small, else a dense sample that always includes both ends.
func offsets(coveringCount count: Int, maximum: Int = 6000) -> [Int] {
    guard count > maximum else { return Array(0..<count) }
    let step = (count + maximum - 1) / maximum
    return Array(Set(Array(stride(from: 0, to: count, by: step)) + Array(0..<min(count, 64)) + Array(max(0, count - 64)..<count))).sorted()
}

// MARK: Random data

enum RandomData {
    static let interestingInt64: [Int64] = [0, 1, -1, 2, -2, 127, 128, 255, 256, Int64(Int32.max), Int64(Int32.min), Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]

    static func int64s(count: Int, using rng: inout SeededGenerator) -> [Int64] {
        switch rng.next() % 6 {
        case 0: return (0..<count).map { _ in Int64(bitPattern: rng.next()) }
        case 1:
            let width = Int(rng.next() % 65)
            let base = Int64(bitPattern: rng.next())
            return (0..<count).map { _ in base &+ Int64(bitPattern: width == 0 ? 0 : rng.next() >> UInt64(64 - width)) }
        case 2:
            var value = Int64(bitPattern: rng.next())
            let step = Int64(rng.next() % 1000) - 100
            return (0..<count).map { _ in
                value = value &+ step &+ Int64(rng.next() % 3)
                return value
            }
        case 3: return (0..<count).map { _ in interestingInt64[Int(rng.next() % UInt64(interestingInt64.count))] }
        case 4:
            let constant = Int64(bitPattern: rng.next())
            return [Int64](repeating: constant, count: count)
        default: return (0..<count).map { _ in Int64(rng.next() % 20) - 10 }
        }
    }

    static func doubles(count: Int, using rng: inout SeededGenerator) -> [Double] {
        switch rng.next() % 5 {
        case 0:
            let scale = Int(rng.next() % 10)
            var power = 1.0
            for _ in 0..<scale { power *= 10 }
            return (0..<count).map { _ in Double(Int64(rng.next() % 2_000_000_000) - 1_000_000_000) / power }
        case 1: return (0..<count).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF | (rng.next() & (1 << 63))) }
        case 2: return (0..<count).map { _ in specialDoubles[Int(rng.next() % UInt64(specialDoubles.count))] }
        case 3: return (0..<count).map { _ in Double(rng.next() % 100) }
        default: return (0..<count).map { _ in Double.random(in: -1e6...1e6, using: &rng) }
        }
    }

    static let specialDoubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.01, 12.34, -12.34, 1e-9, 123_456_789.123_456_78, 9_007_199_254_740_991, 9_007_199_254_740_992,
        1e300, -1e300, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, .infinity, -.infinity, Double.pi, 1.0 / 3.0,
    ]

    static let sampleStrings: [String] = [
        "", "a", "A", "meta", "google", "Café", "Cafe\u{301}", "日本語のキャンペーン", "🚀 launch", "with\u{0}nul", "tab\tand\nnewline",
        String(repeating: "x", count: 300), "z", "ÿ", "\u{10FFFF}",
    ]

    static func strings(count: Int, using rng: inout SeededGenerator) -> [String] {
        switch rng.next() % 3 {
        case 0: return (0..<count).map { _ in sampleStrings[Int(rng.next() % UInt64(sampleStrings.count))] }
        case 1: return (0..<count).map { _ in "campaign-\(rng.next() % 7)" }
        default: return (0..<count).map { _ in String(rng.next(), radix: 36) }
        }
    }

    /// A validity mask with roughly `nullRate` NULLs; nil (no NULLs) a third of the time.
    static func validity(count: Int, using rng: inout SeededGenerator) -> [UInt8]? {
        switch rng.next() % 6 {
        case 0, 1: return nil
        case 2: return [UInt8](repeating: 0, count: count)
        case 3: return [UInt8](repeating: 1, count: count)
        default:
            let rate = rng.next() % 100
            return (0..<count).map { _ in rng.next() % 100 < rate ? 0 : 1 }
        }
    }

    /// A column of `type` as the builders would make it (NULL slots zero, NULL string codes 0).
    static func column(_ type: DataType, count: Int, nullable: Bool = true, using rng: inout SeededGenerator) -> Column {
        let validity = nullable ? self.validity(count: count, using: &rng) : nil
        func zeroed<T: ExpressibleByIntegerLiteral>(_ values: [T]) -> [T] {
            guard let validity else { return values }
            return values.indices.map { validity[$0] == 0 ? 0 : values[$0] }
        }
        switch type {
        case .int64: return .int64(PrimitiveColumn(values: zeroed(int64s(count: count, using: &rng)), validity: validity))
        case .double: return .double(PrimitiveColumn(values: zeroed(doubles(count: count, using: &rng)), validity: validity))
        case .date:
            let days = (0..<count).map { _ in Int32(truncatingIfNeeded: Int64(bitPattern: rng.next()) >> (rng.next() % 2 == 0 ? 48 : 32)) }
            return .date(PrimitiveColumn(values: zeroed(days), validity: validity))
        case .bool: return .bool(PrimitiveColumn(values: zeroed((0..<count).map { _ in UInt8(rng.next() % 2) }), validity: validity))
        case .string:
            let texts = strings(count: count, using: &rng)
            return .string(StringColumn((0..<count).map { validity?[$0] == 0 ? nil : texts[$0] }))
        }
    }

    static let allTypesSchema = Schema([
        Field("id", .int64), Field("spend", .double, nullable: true), Field("name", .string, nullable: true),
        Field("day", .date, nullable: true), Field("active", .bool, nullable: true), Field("clicks", .int64, nullable: true),
    ])

    static func batch(_ schema: Schema, rows: Int, using rng: inout SeededGenerator) -> Batch {
        Batch(schema: schema, columns: schema.fields.map { column($0.type, count: rows, nullable: $0.nullable, using: &rng) })
    }
}

/// Decodes `count` doubles (``DoubleEncoding``) that must use every byte of `bytes`; errors name `file`.
func decodeDoubleBlock(_ bytes: [UInt8], count: Int, file: String) throws -> [Double] {
    try bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw, file: file, location: "block")
        let values = try DoubleEncoding.decode(from: &reader, count: count)
        XCTAssertEqual(reader.remaining, 0)
        return values
    }
}
