import XCTest

@testable import AurumAdsAPI

/// Issue 19 item 4: an empty or misspelt preference matched no action and made every Meta conversion 0.
final class ConversionPreferenceTests: XCTestCase {
    func testTheDefaultAndKnownOrCustomTypesAreAccepted() {
        XCTAssertNil(ConversionPreference.problem(with: ConversionPreference.default))
        XCTAssertNil(ConversionPreference.problem(with: ["purchase"]))
        XCTAssertNil(ConversionPreference.problem(with: ["offsite_conversion.custom.123456789", "lead"]))
        XCTAssertNil(ConversionPreference.problem(with: ["app_custom_event.fb_mobile_add_to_wishlist"]))
    }

    func testEmptyBlankOrRepeatedTypesAreRefused() throws {
        XCTAssertTrue(try XCTUnwrap(ConversionPreference.problem(with: [])).contains("names no action type"))
        XCTAssertTrue(try XCTUnwrap(ConversionPreference.problem(with: [""])).contains("names no action type"))
        XCTAssertTrue(try XCTUnwrap(ConversionPreference.problem(with: ["purchase", ""])).contains("action type 2 is empty"))
        XCTAssertTrue(try XCTUnwrap(ConversionPreference.problem(with: [" purchase"])).contains("blank"))
        XCTAssertTrue(try XCTUnwrap(ConversionPreference.problem(with: ["purchase", "purchase"])).contains("listed twice"))
    }

    func testTyposAndUnknownTypesAreRefusedWithASuggestion() throws {
        let typo = try XCTUnwrap(ConversionPreference.problem(with: ["purchse"]))
        XCTAssertTrue(typo.contains("'purchse' is not a known Meta action type"), typo)
        XCTAssertTrue(typo.contains("did you mean 'purchase'?"), typo)
        // A near miss inside a namespace is still a typo, not a custom type.
        let nearMiss = try XCTUnwrap(ConversionPreference.problem(with: ["offsite_conversion.fb_pixel_purchse"]))
        XCTAssertTrue(nearMiss.contains("did you mean 'offsite_conversion.fb_pixel_purchase'?"), nearMiss)
        XCTAssertNotNil(ConversionPreference.problem(with: ["sales"]))
    }
}
