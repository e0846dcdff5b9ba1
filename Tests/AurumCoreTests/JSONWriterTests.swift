import AurumCore
import XCTest

final class JSONWriterTests: XCTestCase {
    private func json(_ batch: Batch) -> String {
        var output: [UInt8] = []
        JSONWriter.write(batch, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    func testTypedValues() {
        let schema = Schema([
            Field("i", .int64, nullable: true), Field("d", .double, nullable: true), Field("s", .string, nullable: true),
            Field("t", .date, nullable: true), Field("b", .bool, nullable: true),
        ])
        let batch = Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: [-5, 0], validity: [1, 0])),
            .double(PrimitiveColumn(values: [-1e-7, 0], validity: [1, 0])),
            .string(StringColumn(["say \"hi\"\n", nil])),
            .date(PrimitiveColumn(values: [19782, 0], validity: [1, 0])),
            .bool(PrimitiveColumn(values: [1, 0], validity: [1, 0])),
        ])
        XCTAssertEqual(json(batch), """
            [
              {"i": -5, "d": -1e-07, "s": "say \\"hi\\"\\n", "t": "2024-02-29", "b": true},
              {"i": null, "d": null, "s": null, "t": null, "b": null}
            ]

            """)
        XCTAssertEqual(json(Batch(empty: schema)), "[]\n")
    }

    /// Doubles are numbers spelled as Swift's `description` (what the writer printed before it had digits of its
    /// own); NaN and infinities, which JSON cannot hold, are null.
    func testDoublesAreSwiftsDescription() {
        var generator = SeededGenerator(seed: 6)
        var values: [Double] = [0, -0.0, 0.1, 1e-4, 1e-5, 1e16, 9_007_199_254_740_992, .greatestFiniteMagnitude]
        while values.count < 20_000 {
            let value = values.count % 2 == 0 ? Double(bitPattern: generator.next()) : Double.random(in: 0...1e5, using: &generator)
            if value.isFinite { values.append(value) }
        }
        let special: [Double] = [.nan, .infinity, -.infinity]
        let all = values + special
        let batch = Batch(schema: Schema([Field("v", .double)]), columns: [.double(PrimitiveColumn(values: all))])
        let expected = "[" + all.enumerated().map { index, value in
            (index == 0 ? "\n  " : ",\n  ") + "{\"v\": " + (value.isFinite ? value.description : "null") + "}"
        }.joined() + "\n]\n"
        XCTAssertTrue(json(batch) == expected, "the same text as description")
    }
}
