import AurumCore
import AurumDomain
import Foundation

/// The tables of the data contract (../shared/spec/data-contract.md): names, schemas and key columns.
public enum ContractTable: String, CaseIterable, Sendable {
    case adInsights = "ad_insights"
    case quarantine = "quarantine"
    case bronzeFiles = "bronze_files"
    case bronzeRows = "bronze_rows"
    case kpiCampaignDaily = "kpi_campaign_daily"
    case kpiCampaignWeekly = "kpi_campaign_weekly"
    case kpiCampaignTotal = "kpi_campaign_total"
    case fxRates = "fx_rates"
    case clients = "clients"

    /// Gold first, as `aurum tables` lists them.
    public static let listingOrder: [ContractTable] = [
        .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal, .adInsights, .quarantine, .bronzeFiles, .bronzeRows, .fxRates, .clients,
    ]

    public var schema: Schema {
        switch self {
        case .adInsights:
            Schema([
                Field("source", .string), Field("account_id", .string), Field("currency", .string, nullable: true),
                Field("campaign_id", .string), Field("campaign_name", .string, nullable: true),
                Field("adset_id", .string, nullable: true), Field("adset_name", .string, nullable: true),
                Field("ad_id", .string), Field("ad_name", .string, nullable: true), Field("date", .date),
                Field("impressions", .int64), Field("clicks", .int64), Field("spend", .double, decimal: true),
                Field("conversions", .double, decimal: true), Field("conversion_value", .double, decimal: true),
                Field("conversion_action", .string, nullable: true), Field("file_id", .int64), Field("row", .int64),
            ])
        case .quarantine:
            Schema([
                Field("file_id", .int64), Field("row", .int64), Field("source", .string), Field("reason", .string),
                Field("detail", .string), Field("raw", .string),
            ])
        case .bronzeFiles:
            Schema([
                Field("file_id", .int64), Field("path", .string), Field("sha256", .string), Field("source", .string),
                Field("rows", .int64), Field("bytes", .int64), Field("ingested_at", .string),
            ])
        case .bronzeRows:
            Schema([Field("file_id", .int64), Field("row", .int64), Field("source", .string), Field("raw", .string)])
        case .fxRates:
            Schema([Field("date", .date), Field("currency", .string), Field("rate", .double)])
        case .clients:
            Schema([Field("client", .string), Field("source", .string), Field("account_id", .string)])
        case .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal:
            Schema(keyColumns.map { Field($0, $0 == "date" || $0 == "week" ? .date : .string) } + Self.goldMeasures)
        }
    }

    /// The columns that hold decimals (money, and conversions, which may be fractional) and are summed exactly,
    /// as Gold sums them with ``DecimalSums`` (``Field/decimal``); a store does not record this, so the query
    /// catalogue declares them on the stored tables.
    public var decimalColumns: Set<String> {
        Set(schema.fields.filter(\.decimal).map(\.name))
    }

    /// The columns export sorts by (the table's key).
    public var keyColumns: [String] {
        switch self {
        case .adInsights: ["source", "account_id", "ad_id", "date"]
        case .quarantine, .bronzeRows: ["file_id", "row"]
        case .bronzeFiles: ["file_id"]
        case .kpiCampaignDaily: ["source", "account_id", "campaign_id", "date"]
        case .kpiCampaignWeekly: ["source", "account_id", "campaign_id", "week"]
        case .kpiCampaignTotal: ["source", "account_id", "campaign_id"]
        case .fxRates: ["currency", "date"]
        case .clients: ["client", "source", "account_id"]
        }
    }

    /// Whether rows live in the store's segments (bronze_rows is derived from the stored Bronze files).
    public var isStored: Bool { self != .bronzeRows }

    /// Whether this is one of the three Gold tables.
    public var isGold: Bool { self == .kpiCampaignDaily || self == .kpiCampaignWeekly || self == .kpiCampaignTotal }

    /// One line on what the table holds, for `aurum tables`.
    public var summary: String {
        switch self {
        case .adInsights: "Silver: one row per (source, account, ad, date), validated and deduplicated"
        case .quarantine: "rows that failed validation, with the reason and the raw JSON"
        case .bronzeFiles: "Bronze catalogue: every ingested file, in ingest order"
        case .bronzeRows: "Bronze rows: every raw row's JSON text (read from the stored files)"
        case .kpiCampaignDaily: "Gold: KPIs per campaign per day"
        case .kpiCampaignWeekly: "Gold: KPIs per campaign per ISO week (Monday)"
        case .kpiCampaignTotal: "Gold: KPIs per campaign, all time"
        case .fxRates: "exchange rates loaded by `aurum fx import`: one unit of currency in the reporting currency, per day"
        case .clients: "which ad accounts belong to which client (set by `aurum clients set`)"
        }
    }

    /// One line per column: what it means and its unit, as the assistant's prompt shows them (docs/assistant.md).
    /// Every column of ``schema`` has one.
    public var columnMeanings: [String: String] {
        switch self {
        case .adInsights:
            Self.sharedMeanings.merging(Self.silverMeanings) { _, silver in silver }
        case .quarantine:
            Self.sharedMeanings.merging([
                "reason": "why the row was refused: a code such as 'missing_ad_id', 'bad_date' or 'negative_spend'",
                "detail": "a sentence naming the field and the value that failed",
                "raw": "the refused row's JSON text, as received",
            ]) { _, own in own }
        case .bronzeFiles:
            Self.sharedMeanings.merging([
                "file_id": "the file's number, in ingest order",
                "path": "the path the file was ingested from",
                "sha256": "SHA-256 of the file's bytes, hex (identical files are ingested once)",
                "rows": "data rows in the file (count)",
                "bytes": "the file's size in bytes",
                "ingested_at": "when the file was ingested (ISO-8601 text, UTC)",
            ]) { _, own in own }
        case .bronzeRows:
            Self.sharedMeanings.merging(["raw": "the row's JSON text, as received"]) { _, own in own }
        case .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal:
            Self.sharedMeanings.merging(Self.goldMeanings) { _, gold in gold }
        case .fxRates:
            [
                "date": "the day the rate is for (a day without a rate uses the latest earlier one)",
                "currency": "the converted currency's code (ISO 4217, e.g. 'BRL')",
                "rate": "the value of one unit of currency in the reporting currency on that day (BRL 0.20 = 1 BRL is worth 0.20)",
            ]
        case .clients:
            Self.sharedMeanings.merging(["client": "the client's name, as given to `aurum clients set`"]) { _, own in own }
        }
    }

    /// Meanings of the columns that mean the same in every table that has them.
    private static let sharedMeanings: [String: String] = [
        "source": "ad platform: 'meta' or 'google'",
        "account_id": "ad account id (text: Meta account or Google customer id)",
        "campaign_id": "campaign id (text; compare as text)",
        "currency": "the account's currency code (ISO 4217, e.g. 'BRL'); money columns are in it",
        "impressions": "times the ads were shown (count)",
        "clicks": "clicks on the ads (count)",
        "spend": "amount spent, in the account currency (units, not micros)",
        "conversions": "purchases/conversions (count; Google may report fractions)",
        "conversion_value": "value of those conversions (revenue), in the account currency",
        "date": "the day the metrics are for",
        "file_id": "provenance: the Bronze file the row came from (bronze_files.file_id)",
        "row": "provenance: the row's 0-based position in that Bronze file",
    ]

    private static let silverMeanings: [String: String] = [
        "campaign_name": "campaign name as reported on that row (free text set by the advertiser)",
        "adset_id": "ad set id (Meta) or ad group id (Google)",
        "adset_name": "ad set (Meta) or ad group (Google) name",
        "ad_id": "ad id (text)",
        "ad_name": "ad name",
        "conversion_action": "the Meta action type counted as conversions (e.g. 'omni_purchase'); NULL for Google",
    ]

    private static let goldMeanings: [String: String] = [
        "week": "the ISO week's first day (a Monday); the week runs Monday to Sunday",
        "campaign_name": "the campaign's latest name (all time, the same in every row of the campaign; free text)",
        "impressions": "impressions in the period (count)",
        "clicks": "clicks in the period (count)",
        "spend": "amount spent in the period, in the account currency (units, not micros)",
        "conversions": "conversions in the period (count; may be fractional)",
        "conversion_value": "value of the period's conversions (revenue), in the account currency",
    ].merging(KPI.goldColumns.map { ($0.column, goldMeaning($0)) }) { _, kpi in kpi }

    /// A Gold KPI column's meaning, from the domain catalogue: "cost per click = spend / clicks, account
    /// currency; NULL when clicks = 0".
    private static func goldMeaning(_ kpi: KPI) -> String {
        let scale = kpi.scale == 1 ? "" : "\(Int(kpi.scale)) * "
        let unit =
            switch kpi.unit {
            case .fraction: "a ratio (0.02 = 2%)"
            case .multiple: "a ratio (3.0 = 3x)"
            case .moneyPerUnit, .moneyPerThousand: "account currency"
            }
        let denominator = kpi.denominator.column
        return "\(kpi.names.english) = \(scale)\(kpi.numerator.column) / \(denominator), \(unit); NULL when \(denominator) = 0"
    }

    /// Words analysts use for columns that are called otherwise, for "did you mean" in queries: every name and
    /// synonym the domain catalogue gives a measure or a Gold KPI, in English and Portuguese, written as an
    /// identifier ("custo_por_clique" → cpc, "receita" → conversion_value), and a few more.
    public static let columnSynonyms: [String: String] = catalogueSynonyms.merging([
        "spent": "spend", "value": "conversion_value", "day": "date", "campaign": "campaign_name", "account": "account_id",
        "ad": "ad_id", "platform": "source", "channel": "source", "clickthrough": "ctr", "views": "impressions",
    ]) { _, own in own }

    /// The catalogue's phrases for the measures and Gold KPIs as identifiers: case and accents folded, spaces and
    /// hyphens as underscores; phrases that cannot be identifiers, and the column's own name, left out.
    private static var catalogueSynonyms: [String: String] {
        let named = Measure.allCases.map { ($0.column, $0.names) } + KPI.goldColumns.map { ($0.column, $0.names) }
        var synonyms: [String: String] = [:]
        for (column, names) in named {
            for phrase in names.allPhrases {
                let identifier = identifier(folding: phrase)
                // ASCII letters, digits and `_` only (byte by byte: `Character.isLetter` looks up Unicode properties).
                guard identifier != column, identifier.utf8.allSatisfy({ byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || byte == UInt8(ascii: "_")
                }) else { continue }
                synonyms[identifier] = column
            }
        }
        return synonyms
    }

    /// `phrase` with case and accents folded, spaces and hyphens as underscores. Every query builds the synonyms,
    /// and Foundation's folding costs about 23K instructions a phrase (bridging to NSString and back:
    /// docs/performance.md, "The installed binary"), so ASCII phrases, most of them, are only lowercased: all that
    /// folding does to ASCII.
    static func identifier(folding phrase: String) -> String {
        let folded = phrase.utf8.allSatisfy({ $0 < 0x80 })
            ? phrase.lowercased() : phrase.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The columns after the keys in every Gold table.
    static let goldMeasures: [Field] = [
        Field("campaign_name", .string, nullable: true), Field("currency", .string, nullable: true),
        Field("impressions", .int64), Field("clicks", .int64), Field("spend", .double, decimal: true),
        Field("conversions", .double, decimal: true), Field("conversion_value", .double, decimal: true),
    ] + KPI.goldColumns.map { Field($0.column, .double, nullable: true) }
}
