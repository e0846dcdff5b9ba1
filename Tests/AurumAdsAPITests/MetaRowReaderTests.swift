import AurumCore
import XCTest

@testable import AurumAdsAPI

final class MetaRowReaderTests: XCTestCase {
    /// A valid Meta row, member by member (raw JSON values), in the API's order.
    static let baseRow: [(String, String)] = [
        ("account_id", #""555427607093555""#), ("account_currency", #""BRL""#),
        ("campaign_id", #""238510000000340580""#), ("campaign_name", #""Dia dos Namorados \u2764\ufe0f | \"Amor\"""#),
        ("adset_id", #""238610000000028752""#), ("adset_name", #""Homens 18-24""#),
        ("ad_id", #""238710000000013335""#), ("ad_name", #""Criativo c\/ acentua\u00e7\u00e3o""#),
        ("date_start", #""2024-03-01""#), ("date_stop", #""2024-03-01""#),
        ("impressions", #""10234""#), ("clicks", #""321""#), ("spend", #""123.45""#), ("reach", #""8012""#),
        ("actions", #"[{"action_type":"link_click","value":"300"},{"action_type":"purchase","value":"7"}]"#),
        ("action_values", #"[{"action_type":"purchase","value":"1534.20"}]"#),
    ]

    private func outcome(
        _ overrides: [String: String?] = [:], parser: PageParser = PageParser(), file: StaticString = #filePath,
        line: UInt = #line
    ) -> RowOutcome? {
        let row = jsonObject(applying(overrides, to: Self.baseRow))
        return parsePage(#"{"data":["# + row + #"],"paging":{"cursors":{}}}"#, parser: parser, file: file, line: line)?
            .rows.first?.outcome
    }

    private func record(
        _ overrides: [String: String?] = [:], parser: PageParser = PageParser(), file: StaticString = #filePath,
        line: UInt = #line
    ) -> SilverRecord? {
        let result = outcome(overrides, parser: parser, file: file, line: line)
        guard case .valid(let record) = result else {
            XCTFail("expected a valid row, got \(String(describing: result))", file: file, line: line)
            return nil
        }
        return record
    }

    func testReadsEveryField() throws {
        let record = try XCTUnwrap(record())
        XCTAssertEqual(
            record,
            SilverRecord(
                accountId: "555427607093555", currency: "BRL", campaignId: "238510000000340580",
                campaignName: "Dia dos Namorados ❤️ | \"Amor\"", adsetId: "238610000000028752",
                adsetName: "Homens 18-24",
                adId: "238710000000013335", adName: "Criativo c/ acentuação",
                date: Date32(year: 2024, month: 3, day: 1)!,
                impressions: 10234, clicks: 321, spend: 123.45, conversions: 7, conversionValue: 1534.2,
                conversionAction: "purchase"))
    }

    func testAbsentNullAndEmptyTextFields() throws {
        let absent = try XCTUnwrap(
            record(["account_currency": nil, "campaign_name": nil, "adset_id": nil, "ad_name": "null"]))
        XCTAssertNil(absent.currency)
        XCTAssertNil(absent.campaignName)
        XCTAssertNil(absent.adsetId)
        XCTAssertNil(absent.adName)
        let empty = try XCTUnwrap(record(["campaign_name": #""""#, "adset_name": #""""#]))
        XCTAssertEqual(empty.campaignName, "")
        XCTAssertEqual(empty.adsetName, "")
    }

    func testIdsAsJSONNumbersKeepTheirDigits() throws {
        let record = try XCTUnwrap(record(["account_id": "555427607093555", "ad_id": "238710000000013335"]))
        XCTAssertEqual(record.accountId, "555427607093555")
        XCTAssertEqual(record.adId, "238710000000013335", "18 digits, beyond exact doubles")
    }

    func testAbsentMetricsCountAsZero() throws {
        let record = try XCTUnwrap(
            record(["impressions": nil, "clicks": "null", "spend": nil, "actions": nil, "action_values": nil]))
        XCTAssertEqual(record.impressions, 0)
        XCTAssertEqual(record.clicks, 0)
        XCTAssertEqual(record.spend, 0)
        XCTAssertEqual(record.conversions, 0)
        XCTAssertEqual(record.conversionValue, 0)
        XCTAssertNil(record.conversionAction)
    }

    func testMetricsAsJSONNumbersFollowTheSameGrammar() throws {
        let record = try XCTUnwrap(record(["impressions": "10", "clicks": "0", "spend": "1.5"]))
        XCTAssertEqual(record.impressions, 10)
        XCTAssertEqual(record.spend, 1.5)
        XCTAssertEqual(outcome(["impressions": "1.0"])?.quarantineReason, .nonNumericImpressions)
        XCTAssertEqual(outcome(["spend": "1e3"])?.quarantineReason, .nonNumericSpend)
    }

    /// One case per reason code, each breaking exactly one field of a valid row.
    static let reasonCases: [(overrides: [String: String?], reason: QuarantineReason, detail: String)] = [
        (["account_id": nil], .missingAccountId, "account_id is missing"),
        (["ad_id": #""""#], .missingAdId, "ad_id is empty"),
        (["campaign_id": "null"], .missingCampaignId, "campaign_id is null"),
        (["date_start": nil], .missingDate, "date_start is missing"),
        (["date_start": #""2024-02-30""#], .badDate, #"date_start "2024-02-30" is not a calendar date"#),
        (
            ["date_stop": #""2024-03-02""#], .badDateRange,
            #"date_stop "2024-03-02" differs from date_start "2024-03-01""#
        ),
        (["impressions": #""n/a""#], .nonNumericImpressions, #"impressions is "n/a", not an integer"#),
        (["impressions": #""-5""#], .negativeImpressions, "impressions is -5, below zero"),
        (["clicks": #""1_000""#], .nonNumericClicks, #"clicks is "1_000", not an integer"#),
        (["clicks": #""-1""#], .negativeClicks, "clicks is -1, below zero"),
        (["spend": #"" 12""#], .nonNumericSpend, #"spend is " 12", not a decimal number"#),
        (["spend": #""-27.26""#], .negativeSpend, "spend is -27.26, below zero"),
        (
            ["actions": #"[{"action_type":"purchase","value":"NaN"}]"#], .nonNumericConversions,
            #"actions[0] (purchase) value is "NaN", not a decimal number"#
        ),
        (
            ["actions": #"[{"action_type":"purchase","value":"-2"}]"#], .negativeConversions,
            "actions[0] (purchase) value is -2, below zero"
        ),
        (
            ["action_values": #"[{"action_type":"purchase","value":"1e3"}]"#], .nonNumericConversionValue,
            #"action_values[0] (purchase) value is "1e3", not a decimal number"#
        ),
        (
            ["action_values": #"[{"action_type":"x","value":"1"},{"action_type":"purchase","value":"-0.01"}]"#],
            .negativeConversionValue, "action_values[1] (purchase) value is -0.01, below zero"
        ),
    ]

    func testEachReasonCode() {
        XCTAssertEqual(Set(Self.reasonCases.map(\.reason)), Set(QuarantineReason.allCases), "one case per code")
        for (overrides, reason, detail) in Self.reasonCases {
            guard case .quarantined(let gotReason, let gotDetail) = outcome(overrides) else {
                XCTFail("\(reason): row was not quarantined")
                continue
            }
            XCTAssertEqual(gotReason, reason, "\(overrides)")
            XCTAssertTrue(gotDetail.contains(detail), "\(reason): detail \(gotDetail.debugDescription)")
        }
    }

    func testMissingIdVariants() {
        for value in [nil, "null", #""""#, "{}", "[]", "true"] as [String?] {
            XCTAssertEqual(
                outcome(["account_id": value])?.quarantineReason, .missingAccountId, "\(String(describing: value))")
        }
        XCTAssertEqual(outcome(["ad_id": "{}"])?.quarantineReason, .missingAdId)
        XCTAssertEqual(outcome(["campaign_id": #""""#])?.quarantineReason, .missingCampaignId)
    }

    func testDateVariants() {
        let bad = [
            #""2024-13-01""#, #""2024-02-30""#, #""2023-02-29""#, #""2024-06-31""#, #""2024-3-1""#, #""2024/03/01""#,
            #"" 2024-03-01""#, #""2024-03-01T00:00:00""#, #""20240301""#, "20240301", "true", "{}",
        ]
        for value in bad {
            XCTAssertEqual(outcome(["date_start": value, "date_stop": nil])?.quarantineReason, .badDate, value)
        }
        for value in [nil, "null", #""""#] as [String?] {
            XCTAssertEqual(outcome(["date_start": value])?.quarantineReason, .missingDate)
        }
        XCTAssertEqual(
            record(["date_start": #""2024-02-29""#, "date_stop": nil])?.date, Date32(year: 2024, month: 2, day: 29))
        XCTAssertEqual(
            record(["date_start": #""2024\u002d03-01""#])?.date, Date32(year: 2024, month: 3, day: 1),
            "escapes decode first")
    }

    func testDateRangeOnlyWhenDateStopIsPresentAndDiffers() {
        XCTAssertNotNil(record(["date_stop": nil]), "absent date_stop is fine")
        XCTAssertNotNil(record(["date_stop": "null"]), "null date_stop is absent")
        XCTAssertNotNil(record(["date_stop": #""""#]), "empty date_stop is not flagged")
        XCTAssertNotNil(record(["date_stop": #""2024-03-\u00301""#]), "compared decoded")
        XCTAssertEqual(outcome(["date_stop": #""2024-03-31""#])?.quarantineReason, .badDateRange)
        XCTAssertEqual(outcome(["date_stop": "20240301"])?.quarantineReason, .badDateRange)
        XCTAssertEqual(outcome(["date_stop": #""2024-03-01 ""#])?.quarantineReason, .badDateRange)
    }

    func testEmptyStringMetricIsNonNumeric() {
        XCTAssertEqual(outcome(["impressions": #""""#])?.quarantineReason, .nonNumericImpressions)
        XCTAssertEqual(outcome(["clicks": #""""#])?.quarantineReason, .nonNumericClicks)
        XCTAssertEqual(outcome(["spend": #""""#])?.quarantineReason, .nonNumericSpend)
        XCTAssertEqual(
            outcome(["actions": #"[{"action_type":"purchase","value":""}]"#])?.quarantineReason, .nonNumericConversions)
    }

    func testIntegerOverflowIsNonNumeric() {
        guard case .quarantined(let reason, let detail) = outcome(["impressions": #""9223372036854775808""#]) else {
            return XCTFail("not quarantined")
        }
        XCTAssertEqual(reason, .nonNumericImpressions)
        XCTAssertTrue(detail.contains("too large"), detail)
        XCTAssertEqual(record(["impressions": #""9223372036854775807""#])?.impressions, .max)
    }

    func testNegativeZeroIsNotNegative() throws {
        let record = try XCTUnwrap(record(["impressions": #""-0""#, "spend": #""-0.00""#]))
        XCTAssertEqual(record.impressions, 0)
        XCTAssertEqual(record.spend.sign, .plus)
    }

    func testFirstFailingCheckWins() {
        let cases: [([String: String?], QuarantineReason)] = [
            (["account_id": nil, "ad_id": nil, "campaign_id": nil], .missingAccountId),
            (["ad_id": nil, "campaign_id": nil, "date_start": nil], .missingAdId),
            (["date_start": #""2024-02-30""#, "impressions": #""x""#], .badDate),
            (["date_stop": #""2024-03-02""#, "impressions": #""x""#], .badDateRange),
            (["impressions": #""-1""#, "clicks": #""x""#], .negativeImpressions),
            (["clicks": #""x""#, "spend": #""-1""#], .nonNumericClicks),
            (["spend": #""-1""#, "actions": #"[{"action_type":"purchase","value":"x"}]"#], .negativeSpend),
            (
                [
                    "actions": #"[{"action_type":"purchase","value":"-1"},{"action_type":"purchase","value":"x"}]"#
                ], .nonNumericConversions
            ),
            (
                [
                    "actions": #"[{"action_type":"purchase","value":"-1"}]"#,
                    "action_values": #"[{"action_type":"purchase","value":"x"}]"#,
                ], .negativeConversions
            ),
        ]
        for (overrides, reason) in cases {
            XCTAssertEqual(outcome(overrides)?.quarantineReason, reason, "\(overrides)")
        }
    }

    /// Random combinations of broken fields: the reason is always the earliest in contract order.
    func testRandomCombinationsReportTheEarliestReason() {
        let breakers: [[(String, String?, QuarantineReason)]] = [
            [("account_id", nil, .missingAccountId)],
            [("ad_id", #""""#, .missingAdId)],
            [("campaign_id", "null", .missingCampaignId)],
            [("date_start", nil, .missingDate), ("date_start", #""2024-04-31""#, .badDate)],
            [("date_stop", #""2024-03-09""#, .badDateRange)],
            [("impressions", #""1e3""#, .nonNumericImpressions), ("impressions", #""-3""#, .negativeImpressions)],
            [("clicks", "true", .nonNumericClicks), ("clicks", "-3", .negativeClicks)],
            [("spend", #""12,5""#, .nonNumericSpend), ("spend", #""-0.5""#, .negativeSpend)],
            [
                ("actions", #"{}"#, .nonNumericConversions),
                ("actions", #"[{"action_type":"omni_purchase","value":"-1"}]"#, .negativeConversions),
            ],
            [
                ("action_values", #"[{"action_type":"purchase"}]"#, .nonNumericConversionValue),
                ("action_values", #"[{"action_type":"purchase","value":"-9.99"}]"#, .negativeConversionValue),
            ],
        ]
        let order = QuarantineReason.allCases
        var rng = SplitMix64(seed: 99)
        for _ in 0..<400 {
            var overrides: [String: String?] = [:]
            var expected: QuarantineReason?
            for group in breakers where Int.random(in: 0..<3, using: &rng) == 0 {
                let (field, value, reason) = group.randomElement(using: &rng)!
                overrides[field] = .some(value)
                if expected.map({ order.firstIndex(of: reason)! < order.firstIndex(of: $0)! }) ?? true {
                    expected = reason
                }
            }
            XCTAssertEqual(outcome(overrides)?.quarantineReason, expected, "\(overrides)")
        }
    }

    // MARK: Conversions (rule 4)

    func testPreferenceOrderNotArrayOrder() throws {
        // Meta sends actions alphabetically: offsite… < omni_purchase < purchase.
        let actions =
            #"[{"action_type":"add_to_cart","value":"3"},{"action_type":"offsite_conversion.fb_pixel_purchase","value":"5"},{"action_type":"omni_purchase","value":"1"},{"action_type":"purchase","value":"4"}]"#
        let values =
            #"[{"action_type":"offsite_conversion.fb_pixel_purchase","value":"341.10"},{"action_type":"omni_purchase","value":"411.71"},{"action_type":"purchase","value":"377.08"}]"#
        let record = try XCTUnwrap(record(["actions": actions, "action_values": values]))
        XCTAssertEqual(record.conversions, 1)
        XCTAssertEqual(record.conversionValue, 411.71)
        XCTAssertEqual(record.conversionAction, "omni_purchase")
    }

    func testFallsBackToTheNextPresentType() throws {
        let actions =
            #"[{"action_type":"link_click","value":"30"},{"action_type":"offsite_conversion.fb_pixel_purchase","value":"2"}]"#
        let record = try XCTUnwrap(record(["actions": actions, "action_values": nil]))
        XCTAssertEqual(record.conversions, 2)
        XCTAssertEqual(record.conversionAction, "offsite_conversion.fb_pixel_purchase")
        XCTAssertEqual(record.conversionValue, 0)
    }

    func testConversionValueChoosesItsOwnType() throws {
        let actions = #"[{"action_type":"omni_purchase","value":"2"},{"action_type":"purchase","value":"2"}]"#
        let values = #"[{"action_type":"purchase","value":"80.5"}]"#
        let record = try XCTUnwrap(record(["actions": actions, "action_values": values]))
        XCTAssertEqual(record.conversions, 2)
        XCTAssertEqual(record.conversionAction, "omni_purchase")
        XCTAssertEqual(record.conversionValue, 80.5)
    }

    func testSumsRepeatedEntriesOfTheChosenType() throws {
        let actions =
            #"[{"action_type":"purchase","value":"2"},{"action_type":"link_click","value":"9"},{"action_type":"purchase","value":"3.5"}]"#
        let values = #"[{"action_type":"purchase","value":"10.10"},{"action_type":"purchase","value":"0.20"}]"#
        let record = try XCTUnwrap(record(["actions": actions, "action_values": values]))
        XCTAssertEqual(record.conversions, 5.5)
        XCTAssertEqual(record.conversionValue, 10.10 + 0.20)
    }

    func testNoPreferredTypeMeansZeroAndNoAction() throws {
        for actions in [nil, "null", "[]", #"[{"action_type":"link_click","value":"300"}]"#] as [String?] {
            let record = try XCTUnwrap(record(["actions": actions]))
            XCTAssertEqual(record.conversions, 0)
            XCTAssertNil(record.conversionAction, "\(String(describing: actions))")
        }
    }

    func testEntriesOfOtherTypesAreIgnoredEvenWhenBroken() throws {
        let actions =
            #"[{"action_type":"link_click","value":"n/a"},"junk",{"value":"1"},{"action_type":7},{"action_type":"purchase","value":"1"}]"#
        XCTAssertEqual(try XCTUnwrap(record(["actions": actions])).conversions, 1)
    }

    func testActionsThatAreNotAnArrayAreNonNumeric() {
        XCTAssertEqual(outcome(["actions": #""7""#])?.quarantineReason, .nonNumericConversions)
        XCTAssertEqual(outcome(["action_values": "{}"])?.quarantineReason, .nonNumericConversionValue)
    }

    func testChosenEntryWithoutValueIsNonNumeric() {
        XCTAssertEqual(outcome(["actions": #"[{"action_type":"purchase"}]"#])?.quarantineReason, .nonNumericConversions)
        XCTAssertEqual(
            outcome(["actions": #"[{"action_type":"purchase","value":null}]"#])?.quarantineReason,
            .nonNumericConversions)
    }

    func testEscapedActionTypeMatches() throws {
        let actions = #"[{"action_type":"omni\u005fpurchase","value":"4"}]"#
        XCTAssertEqual(try XCTUnwrap(record(["actions": actions])).conversionAction, "omni_purchase")
    }

    func testConfigurablePreference() throws {
        let parser = PageParser(conversionPreference: ["offsite_conversion.fb_pixel_purchase", "purchase"])
        XCTAssertEqual(parser.conversionPreference, ["offsite_conversion.fb_pixel_purchase", "purchase"])
        let actions =
            #"[{"action_type":"offsite_conversion.fb_pixel_purchase","value":"5"},{"action_type":"omni_purchase","value":"1"},{"action_type":"purchase","value":"4"}]"#
        let record = try XCTUnwrap(record(["actions": actions], parser: parser))
        XCTAssertEqual(record.conversions, 5)
        XCTAssertEqual(record.conversionAction, "offsite_conversion.fb_pixel_purchase")
        XCTAssertEqual(
            ConversionPreference.default, ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"])
    }

    func testRowThatIsNotAnObjectIsMissingItsAccount() {
        let page = parsePage(#"{"data":[42,"x",null,[]]}"#)
        XCTAssertEqual(page?.rows.map(\.outcome.quarantineReason), Array(repeating: .missingAccountId, count: 4))
    }
}
