/// The dedup key of a Silver row (contract rule 5): (source, account_id, ad_id, date), with the text parts as
/// codes of one run's dictionaries.
struct SilverKey: Hashable {
    var source: UInt32
    var account: UInt32
    var ad: UInt32
    var date: Int32
}

/// A campaign as Gold groups it: (source, account_id, campaign_id).
public struct CampaignKey: Hashable, Sendable {
    public var source: String
    public var accountID: String
    public var campaignID: String

    public init(source: String, accountID: String, campaignID: String) {
        self.source = source
        self.accountID = accountID
        self.campaignID = campaignID
    }
}
