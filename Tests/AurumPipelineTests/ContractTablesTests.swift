import AurumCore
import XCTest

@testable import AurumPipeline

final class ContractTablesTests: XCTestCase {
    /// The assistant's prompt shows a meaning for every column: a column added to a schema needs one.
    func testEveryColumnHasAMeaning() {
        for table in ContractTable.allCases {
            for field in table.schema.fields {
                let meaning = table.columnMeanings[field.name]
                XCTAssertNotNil(meaning, "\(table.rawValue).\(field.name) has no meaning")
                XCTAssertFalse(meaning?.contains("\n") ?? false, "\(table.rawValue).\(field.name): one line")
            }
        }
    }

    func testGoldMeaningsStateUnits() {
        let meanings = ContractTable.kpiCampaignWeekly.columnMeanings
        XCTAssertTrue(meanings["spend"]?.contains("account currency") ?? false)
        XCTAssertTrue(meanings["roas"]?.contains("ratio") ?? false)
        XCTAssertTrue(meanings["week"]?.contains("Monday") ?? false)
    }
}
