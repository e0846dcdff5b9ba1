import AurumCore
import AurumStorage
import XCTest

@testable import AurumQuery

/// A table seen through an allowed set of key tuples: every query sees only those rows, whether or not it names
/// the key columns, and a table that cannot be restricted refuses to be read.
final class KeyFilteredTableTests: XCTestCase {
    private func engine(_ store: Store) throws -> QueryEngine {
        let base = try StoreTable(store: store, name: "t")
        let filtered = try XCTUnwrap(KeyFilteredTable(base: base, keyColumns: ["name"], allowed: [["alpha"], ["beta"]]), "name is a text column")
        let refused = UnavailableTable(schema: base.schema, reason: "not for this client")
        return QueryEngine(catalog: DictionaryCatalog(["t": filtered, "u": refused]), today: Date32(days: 0))
    }

    private func rows(_ engine: QueryEngine, _ query: String) throws -> [[String]] {
        guard case .rows(let result) = try engine.execute(query) else { return [] }
        let batch = result.batch
        return (0..<batch.rowCount).map { row in batch.columns.map { String(describing: $0.value(at: row)) } }
    }

    func testOnlyTheAllowedRowsAreSeen() throws {
        let engine = try engine(try Fixture.store(self))
        // alpha: ids 1, 5, 10 (qty 3, 1, 6); beta: ids 2, 7 (qty 0, 2). NULL and other names are left out.
        XCTAssertEqual(try rows(engine, "SELECT id FROM t ORDER BY id").map { $0[0] }, try rows(engine, "SELECT id FROM t WHERE name IN ('alpha', 'beta') ORDER BY id").map { $0[0] })
        XCTAssertEqual(try rows(engine, "SELECT count(*), sum(qty) FROM t"), try rows(engine, "SELECT 5, 12"))
        XCTAssertEqual(try rows(engine, "SELECT name, count(*) FROM t GROUP BY name ORDER BY name").map { $0[0] }.count, 2)
    }

    func testATableThatCannotBeRestrictedRefuses() throws {
        let engine = try engine(try Fixture.store(self))
        XCTAssertThrowsError(try engine.execute("SELECT count(*) FROM u")) { error in
            XCTAssertTrue(String(describing: error).contains("not for this client"), "\(error)")
        }
        XCTAssertNil(KeyFilteredTable(base: try StoreTable(store: try Fixture.store(self), name: "t"), keyColumns: ["id"], allowed: []), "id is not text")
    }
}
