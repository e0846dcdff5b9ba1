import AurumCore
import XCTest

final class SchemaTests: XCTestCase {
    func testLookupIsCaseInsensitive() {
        let schema = Schema([Field("campaign_id", .string), Field("spend", .double, nullable: true)])
        XCTAssertEqual(schema.count, 2)
        XCTAssertEqual(schema.names, ["campaign_id", "spend"])
        XCTAssertEqual(schema.index(of: "SPEND"), 1)
        XCTAssertEqual(schema.field(named: "Campaign_ID"), Field("campaign_id", .string))
        XCTAssertNil(schema.index(of: "cost"))
        XCTAssertTrue(schema.fields[1].nullable)
        XCTAssertFalse(schema.fields[0].nullable)
    }
}
