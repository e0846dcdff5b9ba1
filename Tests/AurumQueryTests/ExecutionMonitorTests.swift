import AurumCore
import XCTest

@testable import AurumQuery

/// Keeps every progress report.
private final class Reports: ProgressObserver {
    var all: [ProgressReport] = []
    func progress(_ report: ProgressReport) { all.append(report) }
}

final class ExecutionMonitorTests: XCTestCase {
    private func reports(_ sql: String) throws -> [ProgressReport] {
        let engine = QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0))
        let reports = Reports()
        _ = try engine.run(sql, progress: reports)
        return reports.all
    }

    func testRowsDoneGrowToTheRowsToScan() throws {
        for sql in ["SELECT name FROM t", "SELECT name, sum(amount) FROM t GROUP BY name"] {
            let reports = try reports(sql)
            XCTAssertEqual(reports.first?.done, 0, "the start is reported: \(sql)")
            XCTAssertEqual(reports.map(\.done), reports.map(\.done).sorted(), "never backwards: \(sql)")
            XCTAssertEqual(reports.last?.done, 10, sql)
            XCTAssertTrue(reports.allSatisfy { $0.total == 10 && $0.unit == .rows && $0.phase == "scanning t" }, sql)
        }
    }

    func testRowGroupsPrunedByZoneMapsAreNotCounted() throws {
        // Row groups 1–4 and 5–8 and 9–10: only the last two can hold days from April on.
        let reports = try reports("SELECT id FROM t WHERE day >= DATE '2024-04-01'")
        XCTAssertEqual(reports.last?.total, 6)
        XCTAssertEqual(reports.last?.done, 6)
    }

    func testNoObserverNoCounting() throws {
        let plan = try QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0)).prepare("SELECT id FROM t")
        XCTAssertNil(ExecutionMonitor(plan: plan, cancellation: nil, progress: nil).rowsTotal)
    }
}
