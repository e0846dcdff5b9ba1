import AurumDomain
import Foundation
import XCTest

/// Every measure and KPI of the catalogue is named in English and Portuguese, and no phrase names two things.
final class DomainNamesTests: XCTestCase {
    private var everything: [(concept: String, names: DomainNames)] {
        Measure.allCases.map { ("measure \($0.column)", $0.names) } + KPI.allCases.map { ("KPI \($0.column)", $0.names) }
    }

    func testEveryMeasureAndKPIHasEnglishAndPortugueseNames() {
        XCTAssertEqual(everything.count, Measure.allCases.count + KPI.allCases.count)
        for (concept, names) in everything {
            XCTAssertFalse(names.english.trimmingCharacters(in: .whitespaces).isEmpty, "\(concept): no English name")
            XCTAssertFalse(names.portuguese.trimmingCharacters(in: .whitespaces).isEmpty, "\(concept): no Portuguese name")
            for phrase in names.allPhrases {
                XCTAssertEqual(phrase, phrase.trimmingCharacters(in: .whitespaces), "\(concept): '\(phrase)' has outer spaces")
                XCTAssertFalse(phrase.isEmpty, "\(concept): an empty phrase")
            }
        }
    }

    func testPortugueseNamesAreNotTheEnglishOnes() {
        // A name left untranslated would say nothing to a Portuguese reader (abbreviations are synonyms, not names).
        for (concept, names) in everything where concept != "measure clicks" {
            XCTAssertNotEqual(fold(names.english), fold(names.portuguese), concept)
        }
        XCTAssertEqual(Measure.clicks.names.portuguese, "cliques")
    }

    func testNoPhraseNamesTwoThings() {
        var owner: [String: String] = [:]
        for (concept, names) in everything {
            for phrase in Set(names.allPhrases.map(fold)) {
                if let other = owner[phrase] { XCTFail("'\(phrase)' names both \(other) and \(concept)") }
                owner[phrase] = concept
            }
        }
    }

    func testTheAnalystsWordsOfTheBriefAreThere() {
        let expected: [(KPI, [String])] = [
            (.roas, ["retorno sobre investimento", "retorno do investimento"]),
            (.cpa, ["custo por aquisição", "custo por conversão"]),
            (.ctr, ["taxa de cliques"]), (.cpc, ["custo por clique"]), (.cpm, ["custo por mil impressões"]),
        ]
        for (kpi, phrases) in expected {
            for phrase in phrases { XCTAssertTrue(kpi.names.allPhrases.contains(phrase), "\(kpi): '\(phrase)'") }
        }
    }

    private func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
