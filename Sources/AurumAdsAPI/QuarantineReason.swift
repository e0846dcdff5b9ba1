/// Why a row was quarantined: the codes of the data contract's rule 3, in the order the checks apply.
///
/// The raw values are the `reason` column of the `quarantine` table: never change them. `allCases` lists the
/// codes in contract order, which is also the order in which a row's checks run; the first failing check
/// gives the reason.
public enum QuarantineReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The account id is absent, null, empty or not a string or number.
    case missingAccountId = "missing_account_id"
    /// The ad id is absent, null, empty or not a string or number.
    case missingAdId = "missing_ad_id"
    /// The campaign id is absent, null, empty or not a string or number.
    case missingCampaignId = "missing_campaign_id"
    /// The date is absent, null or empty.
    case missingDate = "missing_date"
    /// The date is not `YYYY-MM-DD` naming a real calendar date (e.g. "2024-02-30").
    case badDate = "bad_date"
    /// Meta only: `date_stop` is present, non-empty and differs from `date_start`.
    case badDateRange = "bad_date_range"
    /// Impressions are not a strict integer that fits 64 bits.
    case nonNumericImpressions = "non_numeric_impressions"
    /// Impressions are below zero.
    case negativeImpressions = "negative_impressions"
    /// Clicks are not a strict integer that fits 64 bits.
    case nonNumericClicks = "non_numeric_clicks"
    /// Clicks are below zero.
    case negativeClicks = "negative_clicks"
    /// Spend is not a strict number (Meta decimal, Google integer `costMicros`).
    case nonNumericSpend = "non_numeric_spend"
    /// Spend is below zero.
    case negativeSpend = "negative_spend"
    /// Conversions are not a strict number (Meta decimal string, Google JSON number).
    case nonNumericConversions = "non_numeric_conversions"
    /// Conversions are below zero.
    case negativeConversions = "negative_conversions"
    /// Conversion value is not a strict number (Meta decimal string, Google JSON number).
    case nonNumericConversionValue = "non_numeric_conversion_value"
    /// Conversion value is below zero.
    case negativeConversionValue = "negative_conversion_value"

    /// The contract's code, e.g. `missing_ad_id`.
    public var description: String { rawValue }
}
