import AurumCore

/// The campaign_name and currency that Gold gives every row of a campaign, found without reading all of the
/// campaign's Silver rows: as ``GoldBuilder`` defines them, the non-empty name and the non-NULL currency of the
/// campaign's live row with the greatest (date, file_id, row).
///
/// Fed the rows of some row groups; a campaign's text is settled once it was found on a row dated on or after
/// the earliest date of every row group not read yet (see ``unsettled(before:)``).
struct CampaignLatestText {
    /// A row's place in (date, ingest order).
    struct Provenance: Comparable {
        var date: Int32
        var fileID: Int64
        var row: Int64
        static func < (a: Provenance, b: Provenance) -> Bool { (a.date, a.fileID, a.row) < (b.date, b.fileID, b.row) }
    }

    private(set) var name: [(at: Provenance, text: String)?]
    private(set) var currency: [(at: Provenance, text: String)?]
    /// Whether a live row of the campaign was seen at all (a campaign without one has no Gold rows).
    private(set) var seen: [Bool]
    /// Campaigns settled by ``keep(_:name:currency:unlessFoundFrom:)``.
    private var kept = Set<Int>()

    init(campaignCount: Int) {
        name = Array(repeating: nil, count: campaignCount)
        currency = Array(repeating: nil, count: campaignCount)
        seen = Array(repeating: false, count: campaignCount)
    }

    /// Takes row `row` of a chunk (of ``GoldDayRefresh/silverColumns``) as a row of campaign `campaign`.
    mutating func add(row: Int, campaign: Int, names: StringColumn, currencies: StringColumn, dates: PrimitiveColumn<Int32>,
        fileIDs: PrimitiveColumn<Int64>, rowNumbers: PrimitiveColumn<Int64>)
    {
        seen[campaign] = true
        let at = Provenance(date: dates.values[row], fileID: fileIDs.values[row], row: rowNumbers.values[row])
        if !currencies.isNull(row), currency[campaign].map({ $0.at < at }) ?? true {
            currency[campaign] = (at, currencies.dictionary[Int(currencies.codes[row])])
        }
        if !names.isNull(row) {
            let text = names.dictionary[Int(names.codes[row])]
            if !text.isEmpty, name[campaign].map({ $0.at < at }) ?? true { name[campaign] = (at, text) }
        }
    }

    /// Settles `campaign` with the text it had before this run, unless a row dated `date` or later gave it one;
    /// for a campaign that lost no stored row (see ``GoldDayRefresh``).
    mutating func keep(_ campaign: Int, name oldName: String?, currency oldCurrency: String?, unlessFoundFrom date: Int32) {
        seen[campaign] = true
        kept.insert(campaign)
        let before = Provenance(date: date - 1, fileID: Int64.max, row: Int64.max)
        if !(name[campaign].map { $0.at.date >= date } ?? false) { name[campaign] = oldName.map { (before, $0) } }
        if !(currency[campaign].map { $0.at.date >= date } ?? false) { currency[campaign] = oldCurrency.map { (before, $0) } }
    }

    /// The campaigns whose name or currency may still come from a row dated before `date` (none was found on or
    /// after it), when every row group not read yet ends before `date`.
    func unsettled(before date: Int32) -> [Int] {
        name.indices.filter { campaign in
            guard !kept.contains(campaign) else { return false }
            return !(name[campaign].map { $0.at.date >= date } ?? false) || !(currency[campaign].map { $0.at.date >= date } ?? false)
        }
    }
}
