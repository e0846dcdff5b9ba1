import Foundation
import XCTest

@testable import AurumQuery

/// The registry: names are unique and lower case, lookup ignores case and knows the aliases, "did you mean" sees
/// every name, and docs/query-language.md lists every function's signature.
final class ScalarFunctionRegistryTests: XCTestCase {
    func testNamesAreLowerCaseUniqueAndFoundInAnyCase() throws {
        let names = ScalarFunctionRegistry.names
        XCTAssertEqual(Set(names).count, names.count)
        for name in names {
            XCTAssertEqual(name, name.lowercased())
            XCTAssertNotNil(ScalarFunction.named(name.uppercased()), name)
        }
        XCTAssertEqual(ScalarFunction.named("DateDiff")?.name, "date_diff")
        XCTAssertEqual(ScalarFunction.named("WEEKOFYEAR")?.name, "week")
        XCTAssertEqual(ScalarFunction.named("Date_Part")?.name, "date_part")
        XCTAssertNil(ScalarFunction.named("read_csv"))
        XCTAssertNil(ScalarFunction.named("sum"))  // aggregates are not scalar functions
    }

    func testEveryFunctionHasASignatureThatNamesIt() {
        for function in ScalarFunction.allCases {
            XCTAssertFalse(function.signature.isEmpty, function.name)
            XCTAssertTrue(function.definition.names.contains { function.signature.lowercased().contains($0) } || function.name.hasPrefix("to_"), function.signature)
        }
    }

    func testSuggestionsReachNewFunctionsAndAliases() {
        XCTAssertEqual(FunctionNames.suggestion(for: "datetrunc"), "date_trunc")
        XCTAssertEqual(FunctionNames.suggestion(for: "day_name"), "dayname")
        XCTAssertEqual(FunctionNames.suggestion(for: "lastday"), "last_day")
        XCTAssertEqual(FunctionNames.suggestion(for: "greates"), "greatest")
    }

    func testFunctionsCompareByName() throws {
        let round = try XCTUnwrap(ScalarFunction.named("round"))
        XCTAssertEqual(round, try XCTUnwrap(ScalarFunction.named("ROUND")))
        XCTAssertNotEqual(round, try XCTUnwrap(ScalarFunction.named("abs")))
        XCTAssertTrue(ScalarFunction.allCases.allSatisfy(\.isFoldable))
    }

    /// docs/query-language.md's function list is the registry's: each signature appears there verbatim.
    func testTheLanguageReferenceListsEverySignature() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/query-language.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for function in ScalarFunction.allCases {
            XCTAssertTrue(text.contains(function.signature), "docs/query-language.md lacks: \(function.signature)")
        }
    }
}
