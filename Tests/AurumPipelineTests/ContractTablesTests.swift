import AurumCore
import AurumDomain
import Foundation
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

    /// The Gold KPI descriptions are written from the domain catalogue, word for word what they said before it.
    func testGoldKPIMeaningsComeFromTheCatalogue() {
        let meanings = ContractTable.kpiCampaignDaily.columnMeanings
        XCTAssertEqual(meanings["ctr"], "click-through rate = clicks / impressions, a ratio (0.02 = 2%); NULL when impressions = 0")
        XCTAssertEqual(meanings["cpc"], "cost per click = spend / clicks, account currency; NULL when clicks = 0")
        XCTAssertEqual(
            meanings["cpm"], "cost per thousand impressions = 1000 * spend / impressions, account currency; NULL when impressions = 0")
        XCTAssertEqual(meanings["cpa"], "cost per conversion = spend / conversions, account currency; NULL when conversions = 0")
        XCTAssertEqual(meanings["roas"], "return on ad spend = conversion_value / spend, a ratio (3.0 = 3x); NULL when spend = 0")
    }

    /// "Did you mean" knows the catalogue's names in both languages as identifiers, and the words it knew before.
    func testColumnSynonymsHoldTheCataloguesNames() {
        let expected = [
            "cost": "spend", "amount_spent": "spend", "spent": "spend", "revenue": "conversion_value", "value": "conversion_value",
            "purchases": "conversions", "sales": "conversions", "day": "date", "campaign": "campaign_name", "account": "account_id",
            "ad": "ad_id", "platform": "source", "channel": "source", "clickthrough": "ctr", "views": "impressions",
            "gasto": "spend", "custo": "spend", "receita": "conversion_value", "faturamento": "conversion_value", "impressoes": "impressions",
            "cliques": "clicks", "conversoes": "conversions", "taxa_de_cliques": "ctr", "click_through_rate": "ctr",
            "custo_por_clique": "cpc", "custo_por_mil_impressoes": "cpm", "custo_por_aquisicao": "cpa", "cost_per_acquisition": "cpa",
            "return_on_ad_spend": "roas", "retorno_sobre_investimento": "roas",
        ]
        for (word, column) in expected { XCTAssertEqual(ContractTable.columnSynonyms[word], column, word) }
        let columns = Set(ContractTable.allCases.flatMap { $0.schema.fields.map(\.name) })
        for (word, column) in ContractTable.columnSynonyms {
            XCTAssertTrue(columns.contains(column), "\(word) → \(column), not a column")
            XCTAssertFalse(columns.contains(word), "\(word) is a column itself")
            XCTAssertTrue(word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }, word)
        }
    }

    /// The ASCII shortcut of ``ContractTable/identifier(folding:)`` folds exactly as Foundation does, on every
    /// catalogue phrase and a few more.
    func testIdentifierFoldingIsFoundationsFolding() {
        let phrases = (Measure.allCases.map(\.names) + KPI.goldColumns.map(\.names)).flatMap(\.allPhrases)
            + ["Custo por Mil Impressões", "ROAS", "Click-Through Rate", "AÇÃO", "naïve café", "x_1-2 Y", ""]
        XCTAssertTrue(phrases.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }, "no phrase takes Foundation's path")
        for phrase in phrases {
            let folded = phrase.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            XCTAssertEqual(ContractTable.identifier(folding: phrase), String(folded.map { $0 == " " || $0 == "-" ? "_" : $0 }), phrase)
        }
    }
}
