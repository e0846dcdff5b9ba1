import AurumCore
import AurumStorage

/// Row-group tests on zone maps for the incremental Gold refresh: does a row group possibly hold one of some
/// campaigns, or a date in a range? A block without min/max (or a table without the column) may hold anything.
enum GoldZoneMaps {
    /// Whether the row group's campaign_id range holds one of `campaignIDs`.
    static func mayHoldCampaign(_ group: RowGroupInfo, _ schema: Schema, of campaignIDs: SortedIDs) -> Bool {
        guard !campaignIDs.ids.isEmpty else { return false }
        guard let range = textRange("campaign_id", group, schema) else { return true }
        return campaignIDs.anyBetween(range.low, range.high)
    }

    /// The row group's min and max of text column `column`; nil when it has none (or the table lacks it).
    private static func textRange(_ column: String, _ group: RowGroupInfo, _ schema: Schema) -> (low: String, high: String)? {
        guard let position = schema.index(of: column), case .string(let low) = group.blocks[position].stats.min,
            case .string(let high) = group.blocks[position].stats.max
        else { return nil }
        return (low, high)
    }

    /// Whether the row group's source, account_id and campaign_id ranges all admit one of `campaigns`.
    ///
    /// For a few campaigns looked up on every date: a table stored by key keeps each account's rows together,
    /// so its row groups' account ranges are narrow, where their campaign_id ranges (ids that sort apart from
    /// their accounts) span most ids.
    static func mayHoldAny(of campaigns: [CampaignKey], _ group: RowGroupInfo, _ schema: Schema) -> Bool {
        let ranges = ["source", "account_id", "campaign_id"].map { textRange($0, group, schema) }
        func admits(_ range: (low: String, high: String)?, _ value: String) -> Bool {
            guard let range else { return true }
            return !ExactText.bytesPrecede(value, range.low) && !ExactText.bytesPrecede(range.high, value)
        }
        return campaigns.contains { campaign in
            admits(ranges[0], campaign.source) && admits(ranges[1], campaign.accountID) && admits(ranges[2], campaign.campaignID)
        }
    }

    /// Campaign ids in UTF-8 byte order (the zone maps' order), so a range test is a binary search: a day
    /// touches thousands of campaigns and a table has hundreds of row groups.
    struct SortedIDs {
        let ids: [String]

        init(_ ids: Set<String>) {
            self.ids = ids.sorted { ExactText.bytesPrecede($0, $1) }
        }

        /// Whether an id lies in `low ... high` (byte order).
        func anyBetween(_ low: String, _ high: String) -> Bool {
            var first = 0
            var end = ids.count
            while first < end {
                let middle = (first + end) / 2
                if ExactText.bytesPrecede(ids[middle], low) { first = middle + 1 } else { end = middle }
            }
            return first < ids.count && !ExactText.bytesPrecede(high, ids[first])
        }
    }

    /// Whether the row group's `column` (a date) range meets `days`.
    static func mayHoldDate(_ group: RowGroupInfo, _ schema: Schema, column: String, in days: ClosedRange<Int32>) -> Bool {
        guard let position = schema.index(of: column), case .date(let low) = group.blocks[position].stats.min,
            case .date(let high) = group.blocks[position].stats.max
        else { return true }
        return low.days <= days.upperBound && high.days >= days.lowerBound
    }
}

/// Maps the rows of one chunk to positions in a list of campaigns, looking each (source, account, campaign)
/// code triple up once: rows whose campaign_id is not wanted at all cost one array read, and the others two
/// more while their campaign_id keeps the source and account it had last (a campaign_id under two accounts is
/// looked up again each time they alternate).
struct ChunkCampaigns {
    private let sources: StringColumn
    private let accounts: StringColumn
    private let campaignColumn: StringColumn
    private let wanted: [Bool]
    /// By campaign_id code: the (source, account) codes last looked up with it, and the position found (-1: none).
    private var lastPair: [UInt64]
    private var lastPosition: [Int]
    private let position: [CampaignKey: Int]

    /// `columns` are the chunk's source, account_id and campaign_id; `position` numbers the wanted campaigns.
    init?(_ columns: ArraySlice<Column>, position: [CampaignKey: Int], campaignIDs: CampaignIDSet) {
        guard columns.count == 3, case .string(let sources) = columns[columns.startIndex],
            case .string(let accounts) = columns[columns.startIndex + 1], case .string(let campaigns) = columns[columns.startIndex + 2]
        else { return nil }
        self.sources = sources
        self.accounts = accounts
        self.campaignColumn = campaigns
        self.position = position
        wanted = campaigns.dictionary.map { campaignIDs.contains($0) }
        lastPair = [UInt64](repeating: .max, count: campaigns.dictionary.count)
        lastPosition = [Int](repeating: -1, count: campaigns.dictionary.count)
    }

    /// The position of row `row`'s campaign, or nil when it is not one of the wanted campaigns.
    mutating func campaign(ofRow row: Int) -> Int? {
        let campaignCode = Int(campaignColumn.codes[row])
        guard wanted[campaignCode] else { return nil }
        let (sourceCode, accountCode) = (sources.codes[row], accounts.codes[row])
        let pair = UInt64(sourceCode) << 32 | UInt64(accountCode)
        if lastPair[campaignCode] != pair {
            let key = CampaignKey(
                source: sources.dictionary[Int(sourceCode)], accountID: accounts.dictionary[Int(accountCode)],
                campaignID: campaignColumn.dictionary[campaignCode])
            lastPair[campaignCode] = pair
            lastPosition[campaignCode] = position[key] ?? -1
        }
        let found = lastPosition[campaignCode]
        return found < 0 ? nil : found
    }
}
