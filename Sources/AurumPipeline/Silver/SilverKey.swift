import AurumCore

/// The dedup key of a Silver row (contract rule 5): (source, account_id, ad_id, date), with the text parts as
/// codes of one run's dictionaries.
struct SilverKey: Equatable {
    var source: UInt32
    var account: UInt32
    var ad: UInt32
    var date: Int32
}

import AurumCore

/// A campaign as Gold groups it: (source, account_id, campaign_id), compared by bytes (contract rule 7: ids
/// are strings and compare as strings — not by Unicode equivalence, which Swift's `String ==` uses).
public struct CampaignKey: Hashable, Sendable {
    public var source: String
    public var accountID: String
    public var campaignID: String

    public init(source: String, accountID: String, campaignID: String) {
        self.source = source
        self.accountID = accountID
        self.campaignID = campaignID
    }

    public static func == (lhs: CampaignKey, rhs: CampaignKey) -> Bool {
        ExactText(lhs.source) == ExactText(rhs.source) && ExactText(lhs.accountID) == ExactText(rhs.accountID)
            && ExactText(lhs.campaignID) == ExactText(rhs.campaignID)
    }

    public func hash(into hasher: inout Hasher) {
        ExactText(source).hash(into: &hasher)
        ExactText(accountID).hash(into: &hasher)
        ExactText(campaignID).hash(into: &hasher)
    }
}
