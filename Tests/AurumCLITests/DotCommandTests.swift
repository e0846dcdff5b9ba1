import AurumCore
import XCTest

@testable import AurumCLI

final class DotCommandTests: XCTestCase {
    private func parse(_ line: String) throws -> DotCommand { try DotCommand.parse(line) }

    private func message(_ line: String) -> String? {
        do {
            _ = try DotCommand.parse(line)
            return nil
        } catch {
            return error.message
        }
    }

    func testEveryCommand() throws {
        XCTAssertEqual(try parse(".help"), .help)
        XCTAssertEqual(try parse(".tables"), .tables)
        XCTAssertEqual(try parse(".schema"), .schema(table: nil))
        XCTAssertEqual(try parse(".schema ad_insights"), .schema(table: "ad_insights"))
        XCTAssertEqual(try parse(".mode"), .mode(nil))
        XCTAssertEqual(try parse(".mode CSV"), .mode(.csv))
        XCTAssertEqual(try parse(".mode markdown"), .mode(.markdown))
        XCTAssertEqual(try parse(".formulaguard"), .formulaGuard(nil))
        XCTAssertEqual(try parse(".formulaguard QUOTE"), .formulaGuard(.quote))
        XCTAssertEqual(try parse(".formulaguard none"), .formulaGuard(CSVWriter.FormulaGuard.none))
        XCTAssertEqual(try parse(".timer on"), .timer(true))
        XCTAssertEqual(try parse(".timer OFF"), .timer(false))
        XCTAssertEqual(try parse(".timer"), .timer(nil))
        XCTAssertEqual(try parse(".maxrows 5"), .maxRows(.limit(5)))
        XCTAssertEqual(try parse(".maxrows all"), .maxRows(.all))
        XCTAssertEqual(try parse(".maxrows 0"), .maxRows(.all))
        XCTAssertEqual(try parse(".maxrows -1"), .maxRows(.all))
        XCTAssertEqual(try parse(".maxrows"), .maxRows(nil))
        XCTAssertEqual(try parse(".chart"), .chart(nil))
        XCTAssertEqual(try parse(".chart AUTO"), .chart(.auto))
        XCTAssertEqual(try parse(".chart on"), .chart(.on))
        XCTAssertEqual(try parse(".chart off"), .chart(.off))
        XCTAssertEqual(try parse(".output out.csv"), .output(path: "out.csv"))
        XCTAssertEqual(try parse(".output"), .output(path: nil))
        XCTAssertEqual(try parse(".once /tmp/x.json"), .once(path: "/tmp/x.json"))
        XCTAssertEqual(try parse(".read queries.sql"), .read(path: "queries.sql"))
        XCTAssertEqual(try parse(".quit"), .quit)
        XCTAssertEqual(try parse(".exit"), .quit)
        XCTAssertEqual(try parse(".QUIT"), .quit)
    }

    func testQuotedFileNamesKeepTheirSpaces() throws {
        XCTAssertEqual(try parse(".output 'my results.csv'"), .output(path: "my results.csv"))
        XCTAssertEqual(try parse(".read \"a b/c.sql\""), .read(path: "a b/c.sql"))
        XCTAssertEqual(try parse(".once ''"), .once(path: ""))
    }

    func testMistakesSayWhatToWrite() {
        XCTAssertEqual(message(".tabels"), "unknown command '.tabels'; did you mean '.tables'? (.help lists the commands)")
        XCTAssertEqual(message(".frobnicate"), "unknown command '.frobnicate' (.help lists the commands)")
        XCTAssertEqual(message(".mode xml"), "unknown mode 'xml'; use one of table, csv, json, markdown")
        XCTAssertEqual(message(".timer maybe"), "usage: .timer on|off")
        XCTAssertEqual(message(".formulaguard on"), "usage: .formulaguard quote|none")
        XCTAssertEqual(message(".maxrows -3"), ".maxrows takes a positive whole number, or all (0 and -1 mean all too), not '-3'")
        XCTAssertEqual(message(".maxrows lots"), ".maxrows takes a positive whole number, or all (0 and -1 mean all too), not 'lots'")
        XCTAssertEqual(message(".chart line"), "usage: .chart auto|on|off")
        XCTAssertEqual(message(".read"), "usage: .read FILE")
        XCTAssertEqual(message(".once"), "usage: .once FILE")
        XCTAssertEqual(message(".schema a b"), "usage: .schema [TABLE]")
        XCTAssertEqual(message(".tables extra"), "usage: .tables")
        XCTAssertEqual(message(".output 'unterminated"), "unterminated quote in '.output 'unterminated'")
        XCTAssertEqual(message("."), "unknown command '.' (.help lists the commands)")
    }

    func testEveryCommandIsInTheCatalog() {
        for name in DotCommand.names {
            XCTAssertNoThrow(try DotCommand.parse(name == ".once" || name == ".read" ? "\(name) file" : name), name)
        }
    }
}
