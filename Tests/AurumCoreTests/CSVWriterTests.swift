import AurumCore
import XCTest

final class CSVWriterTests: XCTestCase {
    /// The bytes `writer` produces for `batch`, header included.
    static func csv(_ batch: Batch, _ writer: CSVWriter = CSVWriter(), order: [Int]? = nil) -> [UInt8] {
        var output: [UInt8] = []
        writer.header(batch.schema, into: &output)
        writer.rows(batch, order: order, into: &output)
        return output
    }

    static func textBatch(_ values: [String?]) -> Batch {
        Batch(schema: Schema([Field("t", .string, nullable: true)]), columns: [.string(StringColumn(values))])
    }

    /// Compares bytes exactly (String `==` would accept canonically equivalent text), showing both as text.
    func assertBytes(_ actual: [UInt8], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        if actual != Array(expected.utf8) {
            XCTFail("got \(String(decoding: actual, as: UTF8.self).debugDescription), expected \(expected.debugDescription)",
                    file: file, line: line)
        }
    }

    func testEveryTypeAndNull() {
        let schema = Schema([
            Field("i", .int64, nullable: true), Field("d", .double, nullable: true), Field("s", .string, nullable: true),
            Field("t", .date, nullable: true), Field("b", .bool, nullable: true),
        ])
        let batch = Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: [-5, 0, Int64.min], validity: [1, 0, 1])),
            .double(PrimitiveColumn(values: [0.1, 0, -1e-7], validity: [1, 0, 1])),
            .string(StringColumn(["plain", nil, ""])),
            .date(PrimitiveColumn(values: [19782, 0, -719_162], validity: [1, 0, 1])),
            .bool(PrimitiveColumn(values: [1, 0, 0], validity: [1, 0, 1])),
        ])
        assertBytes(Self.csv(batch), """
            i,d,s,t,b
            -5,0.1,plain,2024-02-29,true
            ,,,,
            -9223372036854775808,-1e-07,"",0001-01-01,false

            """)
        assertBytes(Self.csv(batch, order: [2, 0]), """
            i,d,s,t,b
            -9223372036854775808,-1e-07,"",0001-01-01,false
            -5,0.1,plain,2024-02-29,true

            """)
    }

    func testRFC4180Quoting() {
        let batch = Self.textBatch(["a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "\"", ",", "", nil, " padded ", "tab\tinside", "é🙂"])
        assertBytes(Self.csv(batch), "t\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"line\nbreak\"\n\"cr\rhere\"\n\"\"\"\"\n\",\"\n\"\"\n\n padded \ntab\tinside\né🙂\n")
    }

    func testFormulaGuardQuotesRiskyText() {
        let risky = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'kept", "=a,b", "-", "=\"x\"", "'"]
        let batch = Self.textBatch(risky + ["a=b", "1-2", "x'"])
        assertBytes(Self.csv(batch), "t\n'=1+2\n'+1\n'-1\n'@SUM(A1)\n'\tx\n\"'\rx\"\n''kept\n\"'=a,b\"\n'-\n\"'=\"\"x\"\"\"\n''\n"
            + "a=b\n1-2\nx'\n")
        // Stripping exactly one leading ' (after CSV unquoting) recovers each risky value.
        let guarded = Self.csv(Self.textBatch(["'=x"]))
        assertBytes(guarded, "t\n''=x\n")
    }

    func testFormulaGuardNoneWritesTextAsStored() {
        let batch = Self.textBatch(["=1+2", "+1", "-1", "@x", "\tx", "\rx", "'x", "=a,b", ""])
        assertBytes(Self.csv(batch, CSVWriter(formulaGuard: .none)), "t\n=1+2\n+1\n-1\n@x\n\tx\n\"\rx\"\n'x\n\"=a,b\"\n\"\"\n")
    }

    func testNumbersAndHeaderAreNeverGuarded() {
        let schema = Schema([Field("-x", .int64), Field("=y,z", .double)])
        let batch = Batch(schema: schema, columns: [.int64(PrimitiveColumn(values: [-3])), .double(PrimitiveColumn(values: [-0.5]))])
        assertBytes(Self.csv(batch), "-x,\"=y,z\"\n-3,-0.5\n")
    }

    func testSingleNullColumnIsAnEmptyLine() {
        assertBytes(Self.csv(Self.textBatch([nil, ""])), "t\n\n\"\"\n")
    }

    /// Every printed double parses back (with `Double(String)`) to the same bits: random bit patterns cover
    /// subnormals, huge and tiny exponents; plus hand-picked edges.
    func testDoublesRoundTrip() {
        var generator = SeededGenerator(seed: 99)
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1e-4, 1e-4.nextDown, 9_007_199_254_740_992, 9_007_199_254_740_994,
            1e16, 1e22, 1e23, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
            Double.leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 2.2250738585072014e-308,
            123_456.789, 1.7976931348623157e308, Double(bitPattern: 0x000F_FFFF_FFFF_FFFF),
        ]
        while values.count < 50_000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { values.append(value) }
        }
        for _ in 0..<10_000 {  // "money-like" values
            values.append(Double(Int64.random(in: -10_000_000...10_000_000, using: &generator)) / 100)
        }
        let batch = Batch(schema: Schema([Field("v", .double)]), columns: [.double(PrimitiveColumn(values: values))])
        let lines = Self.csv(batch).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, values.count + 2)
        var failures = 0
        for (index, value) in values.enumerated() {
            let text = String(decoding: lines[index + 1], as: UTF8.self)
            if Double(text)?.bitPattern != value.bitPattern {
                failures += 1
                if failures <= 5 { XCTFail("\(value.bitPattern) printed as \(text)") }
            }
        }
        XCTAssertEqual(failures, 0)
    }

    /// Doubles are written as Swift's `description` spells them (what the writer printed before it had digits of
    /// its own), NULLs as empty fields, whatever the chunk a row falls in.
    func testDoublesAreSwiftsDescription() {
        var generator = SeededGenerator(seed: 5)
        var values: [Double] = [0, -0.0, 1e-4, 1e-5, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e23, .leastNonzeroMagnitude]
        while values.count < 40_000 {
            let value = values.count % 2 == 0 ? Double(bitPattern: generator.next()) : Double.random(in: -1e6...1e6, using: &generator)
            if value.isFinite { values.append(value) }
        }
        let validity = values.indices.map { $0 % 7 == 3 ? UInt8(0) : 1 }
        let batch = Batch(schema: Schema([Field("v", .double, nullable: true)]),
                          columns: [.double(PrimitiveColumn(values: values, validity: validity))])
        let expected = "v\n" + values.indices.map { validity[$0] == 0 ? "\n" : values[$0].description + "\n" }.joined()
        XCTAssertTrue(Self.csv(batch) == Array(expected.utf8), "the same bytes as description")
    }

    /// Many rows, written in chunks with text entries spelled once, give the same bytes as each row written on
    /// its own, in any order.
    func testManyRowsAsEachRowAlone() {
        var generator = SeededGenerator(seed: 3)
        let rows = 40_000
        let texts: [String?] = [nil, "", "plain", "=sum", "a,b", "say \"hi\"", "'q", "é🙂"] + (0..<50).map { "campaign \($0)" }
        let schema = Schema([
            Field("t", .string, nullable: true), Field("i", .int64, nullable: true), Field("d", .double, nullable: true),
            Field("day", .date, nullable: true), Field("b", .bool, nullable: true),
        ])
        func validity() -> [UInt8] { (0..<rows).map { _ in Int.random(in: 0..<10, using: &generator) == 0 ? 0 : 1 } }
        let batch = Batch(schema: schema, columns: [
            .string(StringColumn((0..<rows).map { _ in texts[Int.random(in: 0..<texts.count, using: &generator)] })),
            .int64(PrimitiveColumn(values: (0..<rows).map { _ in Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0...63, using: &generator) }, validity: validity())),
            .double(PrimitiveColumn(values: (0..<rows).map { _ in Double.random(in: -1e6...1e6, using: &generator) }, validity: validity())),
            .date(PrimitiveColumn(values: (0..<rows).map { _ in Int32.random(in: -800_000...3_000_000, using: &generator) }, validity: validity())),
            .bool(PrimitiveColumn(values: (0..<rows).map { _ in UInt8.random(in: 0...1, using: &generator) }, validity: validity())),
        ])
        let writer = CSVWriter()
        let order = (0..<rows).shuffled(using: &generator)
        var whole: [UInt8] = []
        writer.rows(batch, order: order, into: &whole)
        var alone: [UInt8] = []
        for row in order { writer.rows(batch, order: [row], into: &alone) }
        XCTAssertEqual(whole.count, alone.count)
        XCTAssertTrue(whole == alone, "the same bytes")
        XCTAssertEqual(whole.filter { $0 == 10 }.count, rows, "a line a row")
    }
}
