import AurumCore
import AurumDomain
import AurumPipeline
import AurumQuery
import AurumStorage
import XCTest

@testable import AurumAssistant

/// The offline translator's measures are the domain catalogue's: the same formulas as Gold, the same directions
/// and currency rule, and every name and synonym of the catalogue understood, in English and Portuguese.
final class MetricTests: XCTestCase {
    private let today = Date32(iso: "2024-04-15")!

    func testEveryCatalogueMeasureAndKPIIsAMetric() {
        for measure in Measure.allCases {
            XCTAssertEqual(Metric(rawValue: measure.rawValue)?.measure, measure, measure.column)
            XCTAssertEqual(Metric(rawValue: measure.rawValue)?.expression, "sum(\(measure.column))")
        }
        for kpi in KPI.allCases {
            let metric = Metric(rawValue: kpi.rawValue)
            XCTAssertEqual(metric?.kpi, kpi, kpi.column)
            XCTAssertEqual(metric?.denominatorColumn, kpi.denominator.column)
            XCTAssertEqual(metric?.higherIsBetter, kpi.betterDirection == .higher)
            XCTAssertEqual(metric?.isMoney, kpi.sumsMoney)
        }
        // The contract's formulas, written out: the translator's text for Gold's KPIs.
        XCTAssertEqual(
            KPI.goldColumns.map { Metric(rawValue: $0.rawValue)?.expression ?? "" },
            [
                "sum(clicks) / sum(impressions)", "sum(spend) / sum(clicks)", "1000 * sum(spend) / sum(impressions)",
                "sum(spend) / sum(conversions)", "sum(conversion_value) / sum(spend)",
            ])
    }

    /// Each name and synonym of each measure and KPI, asked alone with a window, reads as that measure.
    func testEveryCatalogueNameAndSynonymIsUnderstood() throws {
        var checked = 0
        for metric in Metric.allCases {
            let names = metric.measure?.names ?? metric.kpi?.names
            for phrase in names?.allPhrases ?? [] {
                for question in ["\(phrase) last week", "\(phrase) na semana passada"] {
                    let intent = try OfflineTranslator.intent(question, today: today)
                    XCTAssertEqual(intent.metrics, [metric], question)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 2 * (Measure.allCases.count + KPI.allCases.count) * 2)
    }

    /// The translator's expression for each Gold KPI, run by the engine over `kpi_campaign_total` (one row a
    /// group, so each sum is that row's value), gives Gold's own KPI column to the bit.
    func testTheTranslatorsKPIsEqualGoldsOverTheSample() throws {
        let engine = try SampleData.engine(today: today)
        let gold = try TableReader.readSorted(.kpiCampaignTotal, store: try Store(directory: try SampleData.store.get(), mode: .read))
        XCTAssertGreaterThan(gold.rowCount, 10)
        for kpi in KPI.goldColumns {
            let expression = try XCTUnwrap(Metric(rawValue: kpi.rawValue)).expression
            let result = try engine.run(
                "SELECT source, account_id, campaign_id, \(expression) AS value FROM kpi_campaign_total GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
            ).batch
            XCTAssertEqual(result.rowCount, gold.rowCount, kpi.column)
            var nulls = 0
            for row in 0..<min(result.rowCount, gold.rowCount) {
                for key in ["source", "account_id", "campaign_id"] {
                    XCTAssertEqual(result.column(named: key)?.value(at: row), gold.column(named: key)?.value(at: row), "\(kpi.column) row \(row)")
                }
                switch (result.column(named: "value")?.value(at: row), gold.column(named: kpi.column)?.value(at: row)) {
                case (.null?, .null?): nulls += 1
                case (.double(let translated)?, .double(let stored)?):
                    XCTAssertEqual(translated.bitPattern, stored.bitPattern, "\(kpi.column) row \(row): \(translated) vs Gold \(stored)")
                case (let translated, let stored): XCTFail("\(kpi.column) row \(row): \(String(describing: translated)) vs Gold \(String(describing: stored))")
                }
            }
            XCTAssertLessThan(nulls, gold.rowCount, "\(kpi.column) is NULL everywhere: nothing compared")
        }
    }
}
