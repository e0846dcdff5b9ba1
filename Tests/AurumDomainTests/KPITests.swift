import AurumDomain
import XCTest

/// The KPI formulas of the data contract (Gold: ctr = clicks/impressions, cpc = spend/clicks,
/// cpm = 1000*spend/impressions, cpa = spend/conversions, roas = conversion_value/spend, NULL when the denominator is 0).
final class KPITests: XCTestCase {
    func testGoldColumnsAreTheContractsFormulasInItsOrder() {
        let contract: [(String, Measure, Measure, Double)] = [
            ("ctr", .clicks, .impressions, 1), ("cpc", .spend, .clicks, 1), ("cpm", .spend, .impressions, 1000),
            ("cpa", .spend, .conversions, 1), ("roas", .conversionValue, .spend, 1),
        ]
        XCTAssertEqual(KPI.goldColumns.map(\.column), contract.map(\.0))
        for (kpi, (_, numerator, denominator, scale)) in zip(KPI.goldColumns, contract) {
            XCTAssertEqual(kpi.numerator, numerator, kpi.column)
            XCTAssertEqual(kpi.denominator, denominator, kpi.column)
            XCTAssertEqual(kpi.scale, scale, kpi.column)
            XCTAssertTrue(kpi.isGoldColumn)
        }
        XCTAssertFalse(KPI.conversionRate.isGoldColumn)
        XCTAssertFalse(KPI.averageOrderValue.isGoldColumn)
    }

    func testValueIsScaledRatioAndNothingForAZeroDenominator() {
        XCTAssertEqual(KPI.ctr.value(numerator: 3, denominator: 150), 0.02)  // a fraction, not 2 (percent)
        XCTAssertEqual(KPI.cpm.value(numerator: 12.5, denominator: 5_000), 2.5)
        XCTAssertNil(KPI.roas.value(numerator: 10, denominator: 0))
        XCTAssertNil(KPI.cpa.value(numerator: 0, denominator: 0))
        XCTAssertEqual(KPI.roas.value(numerator: 0, denominator: 4), 0)
        // The scale multiplies first, as SQL's 1000 * spend / impressions does (the last bits can differ otherwise).
        let spend = 0.1 + 0.2, impressions = 3.0
        XCTAssertEqual(KPI.cpm.value(numerator: spend, denominator: impressions), (1000 * spend) / impressions)
    }

    func testDirectionsAndCurrencies() {
        XCTAssertEqual(KPI.allCases.filter { $0.betterDirection == .lower }, [.cpc, .cpm, .cpa])
        // Costs and the order value are money in the account's currency; CTR and ROAS carry none.
        XCTAssertEqual(KPI.allCases.filter(\.isCurrencyBearing), [.cpc, .cpm, .cpa, .averageOrderValue])
        // ROAS carries no currency but sums money: over several currencies it is computed per currency.
        XCTAssertFalse(KPI.roas.isCurrencyBearing)
        XCTAssertTrue(KPI.roas.sumsMoney)
        XCTAssertFalse(KPI.ctr.sumsMoney)
        XCTAssertFalse(KPI.conversionRate.sumsMoney)
        for kpi in KPI.allCases where kpi.isCurrencyBearing { XCTAssertTrue(kpi.sumsMoney, kpi.column) }
        XCTAssertEqual(Measure.allCases.filter(\.isMoney), [.spend, .conversionValue])
    }

    func testUnits() {
        XCTAssertEqual(KPI.allCases.filter { $0.unit == .fraction }, [.ctr, .conversionRate])
        XCTAssertEqual(KPI.allCases.filter { $0.unit == .multiple }, [.roas])
        XCTAssertEqual(KPI.allCases.filter { $0.unit == .moneyPerThousand }, [.cpm])
        for kpi in KPI.allCases where kpi.unit == .moneyPerThousand { XCTAssertEqual(kpi.scale, 1000) }
        for kpi in KPI.allCases where kpi.unit != .moneyPerThousand { XCTAssertEqual(kpi.scale, 1) }
    }
}
