/// Reads one result of a Google Ads SearchStream batch (`results[j]`) into a ``RowOutcome``: rule 3.
///
/// Fields (proto3 JSON mapping): account `customer.id`, currency `customer.currencyCode`, campaign
/// `campaign.id`/`name`, ad set = ad group `adGroup.id`/`name`, ad = `adGroupAd.ad.id`/`name`, date
/// `segments.date`; metrics `impressions`, `clicks`, `costMicros` (int64 as strings), `conversions`,
/// `conversionsValue` (doubles as JSON numbers). Google omits zero metrics: an absent metric is 0.
///
/// Decisions where the contract is silent (see also ``RowValidator``):
/// - A result that is not a JSON object fails as `missing_account_id`; a parent that is not an object
///   (`"customer": 5`) makes its fields absent.
/// - `metrics` present but neither an object nor null fails as `non_numeric_impressions`, rather than
///   silently reading as all zeros.
/// - spend = `Double(costMicros) / 1e6`, one IEEE division (as DuckDB's `costMicros::BIGINT / 1e6`); a
///   negative `costMicros` is `negative_spend`. `conversions`/`conversionsValue` sent as JSON strings are
///   non-numeric; JSON numbers may use exponents.
struct GoogleRowReader: Sendable {
    /// The outcome of the result at tape index `row`.
    func read(_ view: JSONView, row: Int) -> RowOutcome {
        do throws(RowRejection) {
            return .valid(try record(view, row: row))
        } catch {
            return .quarantined(error.reason, detail: error.detail)
        }
    }

    private func record(_ view: JSONView, row: Int) throws(RowRejection) -> SilverRecord {
        guard view.kind(row) == .object else {
            throw RowRejection(.missingAccountId, "the result is \(view.kind(row).phrase), not an object")
        }
        var customer: Int?
        var campaign: Int?
        var adGroup: Int?
        var adGroupAd: Int?
        var metrics: Int?
        var segments: Int?
        var key = row + 1
        for _ in 0..<view.count(row) {
            let value = key + 1
            if view.stringEquals(key, "customer") {
                customer = value
            } else if view.stringEquals(key, "campaign") {
                campaign = value
            } else if view.stringEquals(key, "adGroup") {
                adGroup = value
            } else if view.stringEquals(key, "adGroupAd") {
                adGroupAd = value
            } else if view.stringEquals(key, "metrics") {
                metrics = value
            } else if view.stringEquals(key, "segments") {
                segments = value
            }
            key = view.next(value)
        }
        let ad = view.member(adGroupAd, "ad")

        let accountId = try RowValidator.requiredId(
            view, view.member(customer, "id"), field: "customer.id", reason: .missingAccountId)
        let adId = try RowValidator.requiredId(
            view, view.member(ad, "id"), field: "adGroupAd.ad.id", reason: .missingAdId)
        let campaignId = try RowValidator.requiredId(
            view, view.member(campaign, "id"), field: "campaign.id", reason: .missingCampaignId)
        let date = try RowValidator.date(view, view.member(segments, "date"), field: "segments.date")
        if let metrics, view.kind(metrics) != .object, view.kind(metrics) != .null {
            throw RowRejection(.nonNumericImpressions, "metrics is \(view.describe(metrics)), not an object")
        }
        let impressions = try RowValidator.integer(
            view, view.member(metrics, "impressions"), field: "metrics.impressions",
            nonNumeric: .nonNumericImpressions, negative: .negativeImpressions)
        let clicks = try RowValidator.integer(
            view, view.member(metrics, "clicks"), field: "metrics.clicks", nonNumeric: .nonNumericClicks,
            negative: .negativeClicks)
        let costMicros = try RowValidator.integer(
            view, view.member(metrics, "costMicros"), field: "metrics.costMicros", nonNumeric: .nonNumericSpend,
            negative: .negativeSpend)
        let conversions = try RowValidator.jsonNumber(
            view, view.member(metrics, "conversions"), field: "metrics.conversions",
            nonNumeric: .nonNumericConversions, negative: .negativeConversions)
        let conversionValue = try RowValidator.jsonNumber(
            view, view.member(metrics, "conversionsValue"), field: "metrics.conversionsValue",
            nonNumeric: .nonNumericConversionValue, negative: .negativeConversionValue)
        return SilverRecord(
            accountId: accountId,
            currency: RowValidator.optionalText(view, view.member(customer, "currencyCode")),
            campaignId: campaignId,
            campaignName: RowValidator.optionalText(view, view.member(campaign, "name")),
            adsetId: RowValidator.optionalText(view, view.member(adGroup, "id")),
            adsetName: RowValidator.optionalText(view, view.member(adGroup, "name")),
            adId: adId,
            adName: RowValidator.optionalText(view, view.member(ad, "name")),
            date: date,
            impressions: impressions,
            clicks: clicks,
            spend: Double(costMicros) / 1e6,
            conversions: conversions,
            conversionValue: conversionValue,
            conversionAction: nil)
    }
}
