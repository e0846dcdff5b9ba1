import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// Runs every `Golden/*.test` file: blocks of a query, a `----` line, then the expected result as CSV (header
/// included), the plan text of an `EXPLAIN`, or, for a block starting with `error`, the expected rendered error
/// message.
///
/// ```
/// query
/// SELECT name, amount FROM t WHERE id = 1
/// ----
/// name,amount
/// alpha,10.5
///
/// error
/// SELECT nope FROM t
/// ----
/// line 1, column 8: unknown column 'nope'; did you mean 'name'?
/// ```
/// Blocks are separated by blank lines; inside a result, an empty line is a row whose only column is NULL. The
/// fixture tables are in ``Fixture``. The times of `EXPLAIN ANALYZE` are written `(T ms)`. `AURUM_GOLDEN_ACTUAL=DIR` writes what the engine says instead of
/// checking (review it against DuckDB before accepting it).
final class GoldenTests: XCTestCase {
    func testGoldenFiles() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".test") }.sorted()
        XCTAssertFalse(files.isEmpty)
        let store = try Fixture.store(self)
        let engine = QueryEngine(catalog: try Fixture.catalog(store), today: Date32(iso: "2024-05-15")!)
        var blocks = 0
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for block in GoldenBlock.parse(text, file: file) {
                blocks += 1
                let actual: String
                do {
                    var produced: String
                    switch try engine.execute(block.query) {
                    case .rows(let result):
                        var bytes: [UInt8] = []
                        CSVWriter(formulaGuard: .none).header(result.batch.schema, into: &bytes)
                        CSVWriter(formulaGuard: .none).rows(result.batch, into: &bytes)
                        produced = String(decoding: bytes, as: UTF8.self)
                    case .plan(let plan):
                        // EXPLAIN ANALYZE's times change from run to run: the file shows where they stand.
                        produced = plan.replacing(#/ \(\d+\.\d\d ms\)/#, with: " (T ms)")
                    }
                    actual = (block.isError ? "expected an error, got:\n" : "") + produced.trimmingCharacters(in: .newlines)
                } catch {
                    actual = (block.isError ? "" : "unexpected error: ") + error.render(in: block.query)
                }
                if let record = ProcessInfo.processInfo.environment["AURUM_GOLDEN_ACTUAL"] {
                    // Record mode: write what the engine says, to review against the oracle before accepting.
                    let line = "\(block.isError ? "error" : "query")\n\(block.query)\n----\n\(actual)\n\n"
                    let path = record + "/" + file
                    if let handle = FileHandle(forWritingAtPath: path) {
                        handle.seekToEndOfFile()
                        handle.write(Data(line.utf8))
                        handle.closeFile()
                    } else {
                        FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
                    }
                    continue
                }
                XCTAssertEqual(actual, block.expected, "\(file):\(block.line)\n\(block.query)")
            }
        }
        XCTAssertGreaterThan(blocks, 50)
    }
}

struct GoldenBlock {
    var isError: Bool
    var query: String
    var expected: String
    var line: Int

    static func parse(_ text: String, file: String) -> [GoldenBlock] {
        var blocks: [GoldenBlock] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let header = lines[index].trimmingCharacters(in: .whitespaces)
            guard header == "query" || header == "error" else {
                index += 1
                continue
            }
            let start = index + 1
            var query: [String] = []
            index += 1
            while index < lines.count && lines[index] != "----" {
                query.append(lines[index])
                index += 1
            }
            index += 1
            var expected: [String] = []
            // A block ends at a blank line followed by the next block or the end of the file (an empty line
            // before that is a row: a single NULL column).
            while index < lines.count {
                let next = index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : ""
                if lines[index].isEmpty && (index + 1 >= lines.count || next == "query" || next == "error" || lines[(index + 1)...].allSatisfy { $0.isEmpty }) { break }
                expected.append(lines[index])
                index += 1
            }
            blocks.append(GoldenBlock(isError: header == "error", query: query.joined(separator: "\n"), expected: expected.joined(separator: "\n"), line: start))
        }
        return blocks
    }
}
