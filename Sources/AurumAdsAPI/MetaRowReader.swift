/// Reads one row of a Meta Insights page (`data[i]`) into a ``RowOutcome``: the contract's rules 3 and 4.
///
/// Checks, in contract order: `account_id`, `ad_id`, `campaign_id` (missing), `date_start` (missing, bad),
/// `date_stop` (bad range), then `impressions`, `clicks` (integers), `spend` (decimal), conversions from
/// `actions` and conversion value from `action_values`.
///
/// Decisions where the contract is silent (see also ``RowValidator``):
/// - A row that is not a JSON object fails as `missing_account_id`.
/// - `bad_date_range` only when `date_stop` is present, not null, not `""` and differs from `date_start`
///   (decoded, byte for byte); an absent `date_stop` is fine.
/// - `actions` (or `action_values`) that is not an array is non-numeric; entries that are not objects or whose
///   `action_type` is not a string are of no preferred type and ignored. A chosen entry without `value` is
///   non-numeric. Entries of the chosen type are summed in array order; any non-numeric entry wins over any
///   negative one (non-numeric is checked first), and a negative entry makes the metric negative.
struct MetaRowReader: Sendable {
    /// The preferred action types, most preferred first.
    let preference: [String]
    /// `preference` as UTF-8 bytes, to compare without decoding.
    private let preferenceBytes: [[UInt8]]

    init(conversionPreference: [String]) {
        preference = conversionPreference
        preferenceBytes = conversionPreference.map { Array($0.utf8) }
    }

    /// The outcome of the row at tape index `row`.
    func read(_ view: JSONView, row: Int) -> RowOutcome {
        do throws(RowRejection) {
            return .valid(try record(view, row: row))
        } catch {
            return .quarantined(error.reason, detail: error.detail)
        }
    }

    /// The tape indices of the fields a row is read from; nil = absent.
    private struct Fields {
        var accountId: Int?
        var accountCurrency: Int?
        var campaignId: Int?
        var campaignName: Int?
        var adsetId: Int?
        var adsetName: Int?
        var adId: Int?
        var adName: Int?
        var dateStart: Int?
        var dateStop: Int?
        var impressions: Int?
        var clicks: Int?
        var spend: Int?
        var actions: Int?
        var actionValues: Int?

        /// One pass over the row's members; a repeated name keeps its last value.
        init(_ view: JSONView, row: Int) {
            var key = row + 1
            for _ in 0..<view.count(row) {
                let value = key + 1
                if view.stringEquals(key, "account_id") {
                    accountId = value
                } else if view.stringEquals(key, "account_currency") {
                    accountCurrency = value
                } else if view.stringEquals(key, "campaign_id") {
                    campaignId = value
                } else if view.stringEquals(key, "campaign_name") {
                    campaignName = value
                } else if view.stringEquals(key, "adset_id") {
                    adsetId = value
                } else if view.stringEquals(key, "adset_name") {
                    adsetName = value
                } else if view.stringEquals(key, "ad_id") {
                    adId = value
                } else if view.stringEquals(key, "ad_name") {
                    adName = value
                } else if view.stringEquals(key, "date_start") {
                    dateStart = value
                } else if view.stringEquals(key, "date_stop") {
                    dateStop = value
                } else if view.stringEquals(key, "impressions") {
                    impressions = value
                } else if view.stringEquals(key, "clicks") {
                    clicks = value
                } else if view.stringEquals(key, "spend") {
                    spend = value
                } else if view.stringEquals(key, "actions") {
                    actions = value
                } else if view.stringEquals(key, "action_values") {
                    actionValues = value
                }
                key = view.next(value)
            }
        }
    }

    private func record(_ view: JSONView, row: Int) throws(RowRejection) -> SilverRecord {
        guard view.kind(row) == .object else {
            throw RowRejection(.missingAccountId, "the row is \(view.kind(row).phrase), not an object")
        }
        let fields = Fields(view, row: row)
        let accountId = try RowValidator.requiredId(
            view, fields.accountId, field: "account_id", reason: .missingAccountId)
        let adId = try RowValidator.requiredId(view, fields.adId, field: "ad_id", reason: .missingAdId)
        let campaignId = try RowValidator.requiredId(
            view, fields.campaignId, field: "campaign_id", reason: .missingCampaignId)
        let date = try RowValidator.date(view, fields.dateStart, field: "date_start")
        // `date_start` is a non-empty string here.
        if let stop = fields.dateStop, let start = fields.dateStart, view.kind(stop) != .null {
            let sameDay =
                view.kind(stop) == .string
                && view.withDecodedBytes(stop) { stopBytes in
                    stopBytes.isEmpty || view.stringEquals(start, stopBytes)
                }
            guard sameDay else {
                throw RowRejection(
                    .badDateRange,
                    "date_stop \(view.describe(stop)) differs from date_start \(view.describe(start)); "
                        + "a row must cover one day")
            }
        }
        let impressions = try RowValidator.integer(
            view, fields.impressions, field: "impressions", nonNumeric: .nonNumericImpressions,
            negative: .negativeImpressions)
        let clicks = try RowValidator.integer(
            view, fields.clicks, field: "clicks", nonNumeric: .nonNumericClicks, negative: .negativeClicks)
        let spend = try RowValidator.decimal(
            view, fields.spend, field: "spend", nonNumeric: .nonNumericSpend, negative: .negativeSpend)
        let conversions = try chosenSum(
            view, fields.actions, list: "actions", nonNumeric: .nonNumericConversions,
            negative: .negativeConversions)
        let conversionValue = try chosenSum(
            view, fields.actionValues, list: "action_values", nonNumeric: .nonNumericConversionValue,
            negative: .negativeConversionValue)
        return SilverRecord(
            accountId: accountId,
            currency: RowValidator.optionalText(view, fields.accountCurrency),
            campaignId: campaignId,
            campaignName: RowValidator.optionalText(view, fields.campaignName),
            adsetId: RowValidator.optionalText(view, fields.adsetId),
            adsetName: RowValidator.optionalText(view, fields.adsetName),
            adId: adId,
            adName: RowValidator.optionalText(view, fields.adName),
            date: date,
            impressions: impressions,
            clicks: clicks,
            spend: spend,
            conversions: conversions.sum,
            conversionValue: conversionValue.sum,
            conversionAction: conversions.choice.map { preference[$0] })
    }

    /// Rule 4 on one list (`actions` or `action_values`): the sum of the entries of the first preferred type
    /// present, and that type's index in `preference` (nil when none is present; the sum is then 0).
    private func chosenSum(
        _ view: JSONView, _ list: Int?, list name: String, nonNumeric: QuarantineReason, negative: QuarantineReason
    ) throws(RowRejection) -> (sum: Double, choice: Int?) {
        guard let list, view.kind(list) != .null else { return (0, nil) }
        guard view.kind(list) == .array else {
            throw RowRejection(nonNumeric, "\(name) is \(view.describe(list)), not an array")
        }
        // Pass 1: the most preferred type present, in preference order whatever the array order.
        var best = preferenceBytes.count
        var element = list + 1
        for _ in 0..<view.count(list) {
            if let type = view.member(element, "action_type"), view.kind(type) == .string {
                for candidate in 0..<best where preferenceMatches(view, type, candidate) {
                    best = candidate
                    break
                }
            }
            element = view.next(element)
        }
        guard best < preferenceBytes.count else { return (0, nil) }
        // Pass 2: sum that type's entries; non-numeric first, then negative.
        var sum = 0.0
        var firstNegative: (index: Int, value: Int)?
        element = list + 1
        for index in 0..<view.count(list) {
            defer { element = view.next(element) }
            guard let type = view.member(element, "action_type"), view.kind(type) == .string,
                preferenceMatches(view, type, best)
            else { continue }
            let entry = "\(name)[\(index)] (\(preference[best])) value"
            guard let valueNode = view.member(element, "value"), view.kind(valueNode) != .null else {
                throw RowRejection(nonNumeric, "\(entry) is missing")
            }
            let value = try RowValidator.unsignedDecimal(view, valueNode, field: entry, nonNumeric: nonNumeric)
            if value < 0 && firstNegative == nil { firstNegative = (index, valueNode) }
            sum += value
        }
        if let firstNegative {
            throw RowRejection(
                negative,
                "\(name)[\(firstNegative.index)] (\(preference[best])) value is "
                    + "\(RowValidator.plain(view, firstNegative.value)), below zero")
        }
        return (sum == 0 ? 0 : sum, best)
    }

    private func preferenceMatches(_ view: JSONView, _ type: Int, _ candidate: Int) -> Bool {
        preferenceBytes[candidate].withUnsafeBytes { view.stringEquals(type, $0) }
    }
}
