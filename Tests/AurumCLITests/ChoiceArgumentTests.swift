import ArgumentParser
import AurumCharts
import AurumCore
import XCTest

@testable import AurumCLI

/// ``ChoiceArgument`` replaces ArgumentParser's key-path `allValueStrings` for word options: the words (and so
/// help, errors and completions) must stay the raw values, in case order.
final class ChoiceArgumentTests: XCTestCase {
    func testTheWordsAreTheRawValuesInOrder() {
        XCTAssertEqual(OutputFormat.allValueStrings, ["table", "csv", "json", "markdown"])
        XCTAssertEqual(CSVWriter.FormulaGuard.allValueStrings, CSVWriter.FormulaGuard.allCases.map(\.rawValue))
        XCTAssertEqual(ChartRequest.allValueStrings, ChartRequest.allCases.map(\.rawValue))
        XCTAssertEqual(Warehouse.allValueStrings, ["bigquery"])
    }

    func testAnUnknownWordIsRefusedNamingEveryChoice() {
        XCTAssertThrowsError(try QueryCommand.parseAsRoot(["--format", "xml", "SELECT 1"])) { error in
            let message = QueryCommand.fullMessage(for: error)
            XCTAssertTrue(message.contains("Please provide one of 'table', 'csv', 'json' or 'markdown'"), message)
        }
        XCTAssertThrowsError(try QueryCommand.parseAsRoot(["--chart", "pie", "SELECT 1"])) { error in
            let message = QueryCommand.fullMessage(for: error)
            XCTAssertTrue(message.contains("Please provide one of 'auto', 'bar', 'line' or 'none'"), message)
        }
    }
}
