import AurumCore
import XCTest

@testable import AurumAdsAPI

final class GoogleRowReaderTests: XCTestCase {
    /// The parts of a valid result, by top-level member, as raw JSON objects' members.
    struct Result {
        var customer: [(String, String)] = [
            ("resourceName", #""customers/6534128277""#), ("id", #""6534128277""#), ("currencyCode", #""BRL""#),
        ]
        var campaign: [(String, String)] = [("id", #""20004914722""#), ("name", #""Search | \"Premium\" #16""#)]
        var adGroup: [(String, String)] = [("id", #""100000051241""#), ("name", #""T\u00eanis Corrida""#)]
        var ad: [(String, String)] = [("id", #""600000028485""#), ("name", #""RSA 1""#)]
        var metrics: [(String, String)] = [
            ("impressions", #""875""#), ("clicks", #""16""#), ("costMicros", #""29605496""#), ("conversions", "1.0"),
            ("conversionsValue", "186.84"),
        ]
        var segments: [(String, String)] = [("date", #""2024-01-01""#)]
        /// Replaces a whole top-level member's raw JSON (nil removes it).
        var raw: [String: String?] = [:]

        var json: String {
            let members: [(String, String)] = [
                ("customer", jsonObject(customer)), ("campaign", jsonObject(campaign)),
                ("adGroup", jsonObject(adGroup)),
                ("adGroupAd", jsonObject([("resourceName", #""x""#), ("ad", jsonObject(ad))])),
                ("metrics", jsonObject(metrics)), ("segments", jsonObject(segments)),
            ]
            return jsonObject(applying(raw, to: members))
        }
    }

    private func outcome(_ result: Result, file: StaticString = #filePath, line: UInt = #line) -> RowOutcome? {
        parsePage("[{\"results\": [\(result.json)], \"fieldMask\": \"x\"}]", file: file, line: line)?.rows.first?
            .outcome
    }

    private func outcome(
        _ edit: (inout Result) -> Void, file: StaticString = #filePath, line: UInt = #line
    ) -> RowOutcome? {
        var result = Result()
        edit(&result)
        return outcome(result, file: file, line: line)
    }

    func testReadsEveryField() throws {
        let record = try XCTUnwrap(outcome(Result())?.record)
        XCTAssertEqual(
            record,
            SilverRecord(
                accountId: "6534128277", currency: "BRL", campaignId: "20004914722",
                campaignName: "Search | \"Premium\" #16", adsetId: "100000051241", adsetName: "Tênis Corrida",
                adId: "600000028485", adName: "RSA 1", date: Date32(year: 2024, month: 1, day: 1)!, impressions: 875,
                clicks: 16, spend: 29.605496, conversions: 1, conversionValue: 186.84, conversionAction: nil))
    }

    func testSpendIsCostMicrosOverAMillion() throws {
        for micros: Int64 in [0, 1, 29_605_496, 373_991_727, 123_456_789_012, 9_007_199_254_740_993] {
            let record = try XCTUnwrap(outcome { $0.metrics = [("costMicros", "\"\(micros)\"")] }?.record)
            XCTAssertEqual(record.spend.bitPattern, (Double(micros) / 1e6).bitPattern, "\(micros)")
        }
    }

    func testOmittedMetricsAndNamesAreZeroAndNull() throws {
        let record = try XCTUnwrap(
            outcome {
                $0.metrics = []
                $0.ad = [("id", #""600000028485""#)]
                $0.customer = [("id", #""6534128277""#)]
            }?.record)
        XCTAssertEqual([record.impressions, record.clicks], [0, 0])
        XCTAssertEqual([record.spend, record.conversions, record.conversionValue], [0, 0, 0])
        XCTAssertNil(record.adName)
        XCTAssertNil(record.currency)
        XCTAssertNotNil(outcome { $0.raw = ["metrics": nil] }?.record, "no metrics at all: every metric is 0")
        XCTAssertNotNil(outcome { $0.raw = ["metrics": "null"] }?.record)
    }

    func testConversionsMayUseExponents() throws {
        let record = try XCTUnwrap(
            outcome { $0.metrics = [("conversions", "2.5e1"), ("conversionsValue", "1E+3")] }?.record)
        XCTAssertEqual(record.conversions, 25)
        XCTAssertEqual(record.conversionValue, 1000)
    }

    func testIntegerMetricsAsJSONNumbers() throws {
        let record = try XCTUnwrap(
            outcome { $0.metrics = [("impressions", "875"), ("costMicros", "1500000")] }?.record)
        XCTAssertEqual(record.impressions, 875)
        XCTAssertEqual(record.spend, 1.5)
    }

    /// One case per reason code Google can give (not `bad_date_range`, a Meta rule).
    func testEachReasonCode() {
        let cases: [(QuarantineReason, String, (inout Result) -> Void)] = [
            (.missingAccountId, "customer.id is missing", { $0.customer = [("currencyCode", #""BRL""#)] }),
            (.missingAdId, "adGroupAd.ad.id is empty", { $0.ad = [("id", #""""#)] }),
            (.missingCampaignId, "campaign.id is missing", { $0.campaign = [("name", #""x""#)] }),
            (.missingDate, "segments.date is missing", { $0.raw = ["segments": nil] }),
            (
                .badDate, #"segments.date "2024-06-31" is not a calendar date"#,
                { $0.segments = [("date", #""2024-06-31""#)] }
            ),
            (
                .nonNumericImpressions, #"metrics.impressions is "n/a", not an integer"#,
                { $0.metrics = [("impressions", #""n/a""#)] }
            ),
            (
                .negativeImpressions, "metrics.impressions is -4, below zero",
                { $0.metrics = [("impressions", #""-4""#)] }
            ),
            (.nonNumericClicks, #"metrics.clicks is "3.0", not an integer"#, { $0.metrics = [("clicks", #""3.0""#)] }),
            (.negativeClicks, "metrics.clicks is -1, below zero", { $0.metrics = [("clicks", "-1")] }),
            (
                .nonNumericSpend, #"metrics.costMicros is "12.5", not an integer"#,
                { $0.metrics = [("costMicros", #""12.5""#)] }
            ),
            (
                .negativeSpend, "metrics.costMicros is -37816363, below zero",
                { $0.metrics = [("costMicros", #""-37816363""#)] }
            ),
            (
                .nonNumericConversions, #"metrics.conversions is "3", a string, not a JSON number"#,
                { $0.metrics = [("conversions", #""3""#)] }
            ),
            (
                .negativeConversions, "metrics.conversions is -1.0, below zero",
                { $0.metrics = [("conversions", "-1.0")] }
            ),
            (
                .nonNumericConversionValue, "metrics.conversionsValue is 1e999, beyond the range of a double",
                { $0.metrics = [("conversionsValue", "1e999")] }
            ),
            (
                .negativeConversionValue, "metrics.conversionsValue is -0.5, below zero",
                { $0.metrics = [("conversionsValue", "-0.5")] }
            ),
        ]
        XCTAssertEqual(
            Set(cases.map(\.0)), Set(QuarantineReason.allCases).subtracting([.badDateRange]), "one case per code")
        for (reason, detail, edit) in cases {
            guard case .quarantined(let gotReason, let gotDetail) = outcome(edit) else {
                XCTFail("\(reason): row was not quarantined")
                continue
            }
            XCTAssertEqual(gotReason, reason)
            XCTAssertTrue(gotDetail.contains(detail), "\(reason): detail \(gotDetail.debugDescription)")
        }
    }

    func testFirstFailingCheckWins() {
        XCTAssertEqual(
            outcome {
                $0.customer = []
                $0.ad = []
            }?.quarantineReason, .missingAccountId)
        XCTAssertEqual(
            outcome {
                $0.ad = []
                $0.campaign = []
            }?.quarantineReason, .missingAdId)
        XCTAssertEqual(
            outcome {
                $0.campaign = []
                $0.segments = []
            }?.quarantineReason, .missingCampaignId)
        XCTAssertEqual(
            outcome {
                $0.segments = [("date", #""2024-02-30""#)]
                $0.metrics = [("impressions", #""x""#)]
            }?.quarantineReason, .badDate)
        XCTAssertEqual(
            outcome { $0.metrics = [("impressions", #""-1""#), ("clicks", #""x""#), ("costMicros", #""-1""#)] }?
                .quarantineReason, .negativeImpressions)
        XCTAssertEqual(
            outcome { $0.metrics = [("costMicros", #""-1""#), ("conversions", #""x""#)] }?.quarantineReason,
            .negativeSpend)
        XCTAssertEqual(
            outcome { $0.metrics = [("conversionsValue", #""x""#), ("conversions", "-2")] }?.quarantineReason,
            .negativeConversions)
    }

    func testStructuralOddities() {
        XCTAssertEqual(outcome { $0.raw = ["customer": #""6534128277""#] }?.quarantineReason, .missingAccountId)
        XCTAssertEqual(outcome { $0.raw = ["adGroupAd": "[]"] }?.quarantineReason, .missingAdId)
        XCTAssertEqual(outcome { $0.raw = ["metrics": "[1,2]"] }?.quarantineReason, .nonNumericImpressions)
        XCTAssertEqual(outcome { $0.customer = [("id", "6534128277")] }?.record?.accountId, "6534128277")
        let page = parsePage(#"[{"results":[7, "x"]}]"#)
        XCTAssertEqual(page?.rows.map(\.outcome.quarantineReason), [.missingAccountId, .missingAccountId])
    }

    func testNoDateRangeRuleForGoogle() {
        XCTAssertNotNil(
            outcome { $0.segments = [("date", #""2024-01-01""#), ("date_stop", #""2024-01-02""#)] }?.record)
    }
}
