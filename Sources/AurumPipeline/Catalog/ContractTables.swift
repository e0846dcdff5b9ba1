import AurumCore

/// The tables of the data contract (../shared/spec/data-contract.md): names, schemas and key columns.
public enum ContractTable: String, CaseIterable, Sendable {
    case adInsights = "ad_insights"
    case quarantine = "quarantine"
    case bronzeFiles = "bronze_files"
    case bronzeRows = "bronze_rows"
    case kpiCampaignDaily = "kpi_campaign_daily"
    case kpiCampaignWeekly = "kpi_campaign_weekly"
    case kpiCampaignTotal = "kpi_campaign_total"

    /// Gold first, as `aurum tables` lists them.
    public static let listingOrder: [ContractTable] = [
        .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal, .adInsights, .quarantine, .bronzeFiles, .bronzeRows,
    ]

    public var schema: Schema {
        switch self {
        case .adInsights:
            Schema([
                Field("source", .string), Field("account_id", .string), Field("currency", .string, nullable: true),
                Field("campaign_id", .string), Field("campaign_name", .string, nullable: true),
                Field("adset_id", .string, nullable: true), Field("adset_name", .string, nullable: true),
                Field("ad_id", .string), Field("ad_name", .string, nullable: true), Field("date", .date),
                Field("impressions", .int64), Field("clicks", .int64), Field("spend", .double),
                Field("conversions", .double), Field("conversion_value", .double),
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
        case .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal:
            Schema(keyColumns.map { Field($0, $0 == "date" || $0 == "week" ? .date : .string) } + Self.goldMeasures)
        }
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
        }
    }

    /// Words analysts use for columns that are called otherwise, for "did you mean" in queries.
    public static let columnSynonyms: [String: String] = [
        "cost": "spend", "amount_spent": "spend", "spent": "spend", "revenue": "conversion_value", "value": "conversion_value",
        "purchases": "conversions", "sales": "conversions", "day": "date", "campaign": "campaign_name", "account": "account_id",
        "ad": "ad_id", "platform": "source", "channel": "source", "clickthrough": "ctr", "views": "impressions",
    ]

    /// The columns after the keys in every Gold table.
    static let goldMeasures: [Field] = [
        Field("campaign_name", .string, nullable: true), Field("currency", .string, nullable: true),
        Field("impressions", .int64), Field("clicks", .int64), Field("spend", .double),
        Field("conversions", .double), Field("conversion_value", .double),
        Field("ctr", .double, nullable: true), Field("cpc", .double, nullable: true), Field("cpm", .double, nullable: true),
        Field("cpa", .double, nullable: true), Field("roas", .double, nullable: true),
    ]
}
