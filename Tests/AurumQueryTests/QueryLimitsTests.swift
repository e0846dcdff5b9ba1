import AurumCore
import AurumStorage
import XCTest

@testable import AurumQuery

/// The shapes of issue 19 that crashed or blew up, and the limits that now refuse them (``QueryLimits``).
///
/// No test times anything. The crashing shapes fail by crashing the test process without the limits; the
/// blow-ups are checked by structure (a chain evaluated as one pass, repeated keys dropped), by behaviour that
/// only per-selection evaluation has (no overflow from rows a branch or LIMIT never reaches, in the golden
/// file limits.test), and at sizes where the old quadratic code took tens of seconds and gigabytes.
final class QueryLimitsTests: XCTestCase {
    private func engine() throws -> QueryEngine {
        QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(iso: "2024-05-15")!)
    }

    /// The error `text` is refused with, or a failure when it runs.
    private func refusal(_ engine: QueryEngine, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> QueryError? {
        do {
            _ = try engine.run(text)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertTooDeep(_ error: QueryError?, file: StaticString = #filePath, line: UInt = #line) {
        guard case .limitExceeded(let message, _) = error else { return XCTFail("\(String(describing: error))", file: file, line: line) }
        XCTAssertTrue(message.contains("more than \(QueryLimits.maxExpressionDepth) levels"), message, file: file, line: line)
    }

    // MARK: - Item 8: nesting (each of these overflowed the stack)

    func testTheIssuesDeepShapesAreRefusedWithTheLimitAndPosition() throws {
        let engine = try engine()
        let parentheses = "SELECT " + String(repeating: "(", count: 4_400) + "1" + String(repeating: ")", count: 4_400) + " FROM t"
        let error = refusal(engine, parentheses)
        assertTooDeep(error)
        // The level past the limit: "SELECT " then 250 parentheses that fit.
        XCTAssertEqual(error?.offset, 7 + QueryLimits.maxExpressionDepth)
        assertTooDeep(refusal(engine, "SELECT " + String(repeating: "abs(", count: 3_700) + "1" + String(repeating: ")", count: 3_700) + " FROM t"))
        for op in [" AND ", " OR "] {
            assertTooDeep(refusal(engine, "SELECT id FROM t WHERE " + Array(repeating: "id > 0", count: 12_800).joined(separator: op)))
        }
        for op in [" + ", " || ", " * "] {
            assertTooDeep(refusal(engine, "SELECT " + Array(repeating: "1", count: 12_800).joined(separator: op) + " FROM t"))
        }
        assertTooDeep(refusal(engine, "SELECT id FROM t WHERE " + String(repeating: "NOT ", count: 12_800) + "flag"))
        assertTooDeep(refusal(engine, "SELECT " + String(repeating: "- ", count: 12_800) + "qty FROM t"))
        assertTooDeep(refusal(engine, "SELECT " + String(repeating: "+", count: 12_800) + "qty FROM t"))
        assertTooDeep(refusal(engine, "SELECT " + String(repeating: "CASE WHEN flag THEN ", count: 2_000) + "1" + String(repeating: " END", count: 2_000) + " FROM t"))
        assertTooDeep(refusal(engine, "SELECT id" + String(repeating: "::BIGINT", count: 12_800) + " FROM t"))
    }

    /// Just under the limit, every kind of nesting parses, binds and runs, on the threads that evaluate
    /// (an aggregated query filters on worker threads).
    func testNestingJustUnderTheLimitRuns() throws {
        let engine = try engine()
        let depth = QueryLimits.maxExpressionDepth - 2
        let shapes = [
            "SELECT count(*) FROM t WHERE " + String(repeating: "(", count: depth) + "id > 0" + String(repeating: ")", count: depth),
            "SELECT count(*) FROM t WHERE " + String(repeating: "abs(", count: depth - 2) + "id" + String(repeating: ")", count: depth - 2) + " > 0",
            "SELECT count(*) FROM t WHERE " + Array(repeating: "id > 0", count: depth / 2).joined(separator: " AND "),
            "SELECT count(*) FROM t WHERE " + Array(repeating: "id", count: depth - 2).joined(separator: " + ") + " > 0",
            "SELECT count(*) FROM t WHERE " + Array(repeating: "id + 0.5", count: depth / 2 - 1).joined(separator: " + ") + " > 0",
            "SELECT count(*) FROM t WHERE " + String(repeating: "NOT NOT ", count: depth / 2 - 1) + "id > 0",
        ]
        for shape in shapes {
            XCTAssertEqual(try engine.run(shape).batch.columns[0].value(at: 0), .int64(10), String(shape.prefix(60)))
        }
        // Over aggregates each level is also matched against the GROUP BY keys by its text (the fuzzer's shape).
        let aggregates = depth - 2
        let chain = Array(repeating: "count(*)", count: aggregates).joined(separator: " - ")
        let grouped = try engine.run("SELECT " + chain + " FROM t GROUP BY flag HAVING " + chain + " < 0 ORDER BY 1")
        guard case .int64(let largest) = try engine.run("SELECT max(n) FROM (SELECT count(*) AS n FROM t GROUP BY flag)").batch.columns[0].value(at: 0) else {
            return XCTFail("no group")
        }
        XCTAssertEqual(grouped.batch.columns[0].value(at: 0), .int64(largest * Int64(2 - aggregates)))
    }

    // MARK: - Sizes

    func testQueryTextOverTheSizeLimitIsRefused() throws {
        let text = "SELECT id FROM t WHERE name = '" + String(repeating: "x", count: QueryLimits.maxQueryBytes) + "'"
        XCTAssertThrowsError(try Parser.parse(text)) { error in
            guard case .limitExceeded(let message, _) = error as? QueryError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("the limit is \(QueryLimits.maxQueryBytes) bytes"), message)
        }
    }

    func testListsOverTheLimitAreRefused() throws {
        let engine = try engine()
        let items = (0...QueryLimits.maxListItems).map(String.init).joined(separator: ", ")
        for (text, what) in [
            ("SELECT id FROM t WHERE id IN (\(items))", "the IN list"),
            ("SELECT coalesce(\(items)) FROM t", "the arguments of coalesce()"),
            ("SELECT \(items) FROM t", "the select list"),
            ("SELECT CASE " + (0...QueryLimits.maxListItems).map { "WHEN id = \($0) THEN 1 " }.joined() + "END FROM t", "the CASE"),
        ] {
            guard case .limitExceeded(let message, _) = refusal(engine, text) else { XCTFail(what); continue }
            XCTAssertEqual(message, "\(what) has more than \(QueryLimits.maxListItems) items (the limit)")
        }
    }

    // MARK: - Item 10: ORDER BY keys

    func testTheIssuesFiveThousandOrderByKeysAreRefused() throws {
        let engine = try engine()
        let error = refusal(engine, "SELECT id, qty FROM t ORDER BY " + (0..<5_000).map { "qty + \($0)" }.joined(separator: ", "))
        guard case .limitExceeded(let message, _) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(message, "ORDER BY has more than \(QueryLimits.maxKeys) terms (the limit)")
    }

    /// A key on a column already sorted by orders nothing; each one kept cost two words a row in the sort.
    func testRepeatedOrderByKeysAreSortedOnce() throws {
        let engine = try engine()
        let plan = try engine.prepare("SELECT id, name FROM t ORDER BY " + Array(repeating: "2, id, name DESC, qty + 1", count: 25).joined(separator: ", "))
        XCTAssertEqual(plan.sortKeys.map(\.column), [1, 0, 2])
        XCTAssertEqual(plan.hiddenKeys.count, 1)
    }

    // MARK: - Item 12: linear shapes

    /// A chain of `||` is evaluated as one pass over its operands (each row written once), not operator by
    /// operator (each row's growing prefix copied once per operator).
    func testConcatenationChainIsOnePass() throws {
        let operands = QueryLimits.maxExpressionDepth - 10
        let plan = try engine().prepare("SELECT " + Array(repeating: "name", count: operands).joined(separator: " || ") + " AS x FROM t")
        XCTAssertEqual(Concatenation.operands(plan.outputs[0]).count, operands)
        // At the size where the pairwise evaluation copied 240²/2 prefixes of 100 bytes for each of 2,000 rows
        // (about 6 GB of copying), the result is one 24 kB string a row.
        let part = String(repeating: "é", count: 50)
        let rows = 2_000
        let column = StringColumn((0..<rows).map { $0 % 7 == 0 ? nil : part + String($0) })
        let batch = Batch(schema: Schema([Field("s", .string, nullable: true)]), columns: [.string(column)])
        let chain = (1..<operands).reduce(BoundExpression.column(0, .string)) { left, _ in .concatenate(left, .column(0, .string)) }
        let result = try ExpressionEvaluator.evaluate(chain, batch).stringValues
        for row in [0, 1, rows - 1] {
            XCTAssertEqual(result[row], column[row].map { String(repeating: $0, count: operands) })
        }
    }

    /// 10,000 constants against 50,000 distinct values: a hash set (the old code compared the whole column
    /// once per item: 5 × 10⁸ comparisons and 10,000 temporary columns).
    func testLongInListIsAHashLookup() throws {
        let rows = 50_000
        let values = (0..<rows).map { Int64($0 * 3) }
        let batch = Batch(schema: Schema([Field("v", .int64), Field("s", .string)]), columns: [
            .int64(PrimitiveColumn(values: values)), .string(StringColumn(values.map { String($0) })),
        ])
        let items = (0..<QueryLimits.maxListItems).map { Int64($0 * 2) }
        let integers = BoundExpression.inList(.column(0, .int64), items.map { .constant(.int64($0), .int64) }, negated: false)
        let texts = BoundExpression.inList(.column(1, .string), items.map { .constant(.string(String($0)), .string) }, negated: true)
        let found = try ExpressionEvaluator.evaluate(integers, batch).boolValues
        let notFound = try ExpressionEvaluator.evaluate(texts, batch).boolValues
        let wanted = Set(items)
        for row in 0..<rows {
            XCTAssertEqual(found.values[row] != 0, wanted.contains(values[row]))
            XCTAssertEqual(notFound.values[row] != 0, !wanted.contains(values[row]))
        }
    }

    /// A LIKE pattern of 100,000 `%` is one `%`: the matcher backtracked over the whole run for every entry.
    func testRunsOfPercentCollapse() throws {
        XCTAssertEqual(Like.compile(String(repeating: "%", count: 100_000)), ["%"])
        XCTAssertEqual(Like.compile("a%%_%%%b%"), ["a", "%", "_", "%", "b", "%"])
        let entries = (0..<20_000).map { "campaign \($0)" }
        let column = Column.string(StringColumn(entries))
        let pattern = Column.broadcast(.string(String(repeating: "%", count: 50_000) + "9" + String(repeating: "%", count: 50_000)), type: .string, count: entries.count)
        let result = try Like.evaluate(column, pattern: pattern, caseInsensitive: false, negated: false).boolValues
        XCTAssertEqual(result.values.filter { $0 != 0 }.count, entries.filter { $0.contains("9") }.count)
    }

    /// Each THEN is evaluated over the rows its branch took: 1,000 branches over 8,000 rows give one
    /// column, not 1,000 full ones (the old code held 1,000 × 8,000 values at once).
    func testCaseBranchesEvaluateOverTheirRows() throws {
        let rows = 8_000
        let branches = 1_000
        let batch = Batch(schema: Schema([Field("v", .int64)]), columns: [.int64(PrimitiveColumn(values: (0..<rows).map { Int64($0) }))])
        let abs = try XCTUnwrap(ScalarFunction.named("abs"))
        let bound = BoundExpression.caseWhen(
            (0..<branches).map { branch in
                BoundBranch(
                    when: .comparison(.equal, .function(abs, [.arithmetic(.modulo, .column(0, .int64), .constant(.int64(Int64(branches + 1)), .int64), .int64, offset: 0)], .int64, offset: 0), .constant(.int64(Int64(branch)), .int64)),
                    then: .arithmetic(.add, .column(0, .int64), .constant(.int64(Int64(branch) * 1_000_000), .int64), .int64, offset: 0))
            },
            otherwise: .constant(.int64(-1), .int64), .int64)
        let result = try ExpressionEvaluator.evaluate(bound, batch).int64Values
        for row in 0..<rows {
            let branch = row % (branches + 1)
            XCTAssertEqual(result.values[row], branch < branches ? Int64(row + branch * 1_000_000) : -1)
        }
    }
}
