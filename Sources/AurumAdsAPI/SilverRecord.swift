import AurumCore

/// One valid row, read and checked, as it becomes a row of Silver's `ad_insights` (before dedup and provenance).
///
/// Text fields follow one convention: a field that is absent or JSON null is `nil` (NULL); a field present as
/// `""` stays `""`. Ids are text, never numbers (data contract, rule 7): an id sent as a JSON number keeps its
/// literal digits. For Google, `adset*` is the ad group and `ad*` is `adGroupAd.ad`.
public struct SilverRecord: Sendable, Hashable {
    /// Meta `account_id`; Google `customer.id`. Never empty.
    public var accountId: String
    /// Meta `account_currency`; Google `customer.currencyCode`.
    public var currency: String?
    /// Meta `campaign_id`; Google `campaign.id`. Never empty.
    public var campaignId: String
    /// Meta `campaign_name`; Google `campaign.name`.
    public var campaignName: String?
    /// Meta `adset_id`; Google `adGroup.id`.
    public var adsetId: String?
    /// Meta `adset_name`; Google `adGroup.name`.
    public var adsetName: String?
    /// Meta `ad_id`; Google `adGroupAd.ad.id`. Never empty.
    public var adId: String
    /// Meta `ad_name`; Google `adGroupAd.ad.name`.
    public var adName: String?
    /// Meta `date_start`; Google `segments.date`.
    public var date: Date32
    /// Impressions; 0 when absent. Never negative.
    public var impressions: Int64
    /// Clicks; 0 when absent. Never negative.
    public var clicks: Int64
    /// Spend in the account's currency: Meta `spend`; Google `costMicros / 1e6`. Never negative.
    public var spend: Double
    /// Conversions: Meta, the sum of the chosen action type's `actions` entries; Google `metrics.conversions`.
    public var conversions: Double
    /// Conversion value: Meta, from `action_values` (its own chosen type); Google `metrics.conversionsValue`.
    public var conversionValue: Double
    /// Meta: the action type chosen for conversions, nil when none of the preferred types is present.
    /// Google: always nil.
    public var conversionAction: String?

    /// A record with every field given.
    public init(
        accountId: String, currency: String?, campaignId: String, campaignName: String?, adsetId: String?,
        adsetName: String?, adId: String, adName: String?, date: Date32, impressions: Int64, clicks: Int64,
        spend: Double, conversions: Double, conversionValue: Double, conversionAction: String?
    ) {
        self.accountId = accountId
        self.currency = currency
        self.campaignId = campaignId
        self.campaignName = campaignName
        self.adsetId = adsetId
        self.adsetName = adsetName
        self.adId = adId
        self.adName = adName
        self.date = date
        self.impressions = impressions
        self.clicks = clicks
        self.spend = spend
        self.conversions = conversions
        self.conversionValue = conversionValue
        self.conversionAction = conversionAction
    }
}
