import AurumCore
import AurumDomain
import AurumPipeline
import AurumQuery
import XCTest

@testable import AurumAssistant

/// The prompt's KPI lines come from the domain catalogue: every KPI's formula, names in both languages, unit and
/// direction, and each formula binds against Gold.
final class PromptBuilderDomainTests: XCTestCase {
    private var system: String {
        let context = TranslationContext(tables: [], today: Date32(iso: "2024-03-20")!, sampleRows: "", campaignNames: [])
        return PromptBuilder().messages(question: "q", context: context)[0].content
    }

    func testEveryKPIIsInThePromptWithItsFormulaAndNames() {
        let system = system
        let lines = system.split(separator: "\n").map(String.init)
        for kpi in KPI.allCases {
            let line = lines.first { $0.hasPrefix("  \(kpi.column) = ") }
            XCTAssertNotNil(line, kpi.column)
            guard let line else { continue }
            XCTAssertTrue(line.hasPrefix("  \(kpi.column) = \(kpi.sumRatioExpression)"), line)
            XCTAssertTrue(line.contains(kpi.names.english) && line.contains(kpi.names.portuguese), line)
            XCTAssertTrue(line.hasSuffix(kpi.betterDirection == .higher ? "higher is better" : "lower is better"), line)
            XCTAssertEqual(line.contains("not a column"), !kpi.isGoldColumn, line)
        }
        XCTAssertTrue(system.contains("  ctr = sum(clicks) / sum(impressions): click-through rate, taxa de cliques"))
        XCTAssertTrue(system.contains("  cpm = 1000 * sum(spend) / sum(impressions)"))
        XCTAssertTrue(system.contains("Money (spend, conversion_value, and cpc, cpm, cpa, roas built on them)"))
        XCTAssertTrue(system.contains("Counts, impressions, clicks, conversions and ctr\n  need no currency."))
    }

    func testEveryKPIFormulaBindsAgainstGold() throws {
        var tables: [String: TableSource] = [:]
        for table in ContractTable.allCases {
            tables[table.rawValue] = LazyTable(schema: table.schema) { Batch(empty: table.schema) }
        }
        let engine = QueryEngine(catalog: DictionaryCatalog(tables, columnSynonyms: ColumnSynonyms(ContractTable.columnSynonyms)), today: Date32(iso: "2024-03-20")!)
        for kpi in KPI.allCases {
            XCTAssertNoThrow(try engine.prepare("SELECT currency, \(kpi.sumRatioExpression) AS \(kpi.column) FROM kpi_campaign_weekly GROUP BY currency"), kpi.column)
        }
    }

    /// The hand-written examples compute each KPI they name with the catalogue's formula.
    func testExamplesWriteKPIsAsTheCatalogueDoes() {
        var seen = Set<KPI>()
        for example in PromptBuilder.examples {
            for kpi in KPI.allCases where example.query.contains(" AS \(kpi.column) ") {
                XCTAssertTrue(example.query.contains("\(kpi.sumRatioExpression) AS \(kpi.column) "), example.query)
                seen.insert(kpi)
            }
        }
        XCTAssertTrue(seen.isSuperset(of: [.ctr, .cpa, .roas]), "the examples show ratios of sums")
    }

    func testInsightPromptReadsTheUnitsFromTheCatalogue() {
        let insight = PromptBuilder.groundedInsightMessages(InsightSheet(task: "q", facts: "a", amounts: [], fractions: []))[0].content
        XCTAssertTrue(insight.contains("ctr and conversion_rate are fractions (0.02 = 2%); roas is a multiple (3.0 = 3x)"), insight)
        for kpi in KPI.allCases { XCTAssertTrue(insight.contains("  \(kpi.column) = \(kpi.sumRatioExpression)"), kpi.column) }
    }
}
