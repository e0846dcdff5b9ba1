import AurumCore

/// Gold daily rows for report and insight tests: one row per (day, currency, campaign) with its spend,
/// conversions and conversion value; 100 impressions and 10 clicks each; the account is `act_` + the currency.
func goldDailyRows(_ rows: [(day: String, currency: String, campaign: String, spend: Double, conversions: Double, value: Double)]) -> Batch {
    let fields = [
        Field("source", .string), Field("account_id", .string), Field("campaign_id", .string), Field("date", .date), Field("campaign_name", .string),
        Field("currency", .string), Field("impressions", .int64), Field("clicks", .int64), Field("spend", .double), Field("conversions", .double),
        Field("conversion_value", .double),
    ]
    return Batch(
        schema: Schema(fields),
        columns: [
            .string(StringColumn(rows.map { _ in "meta" })), .string(StringColumn(rows.map { "act_" + $0.currency })), .string(StringColumn(rows.map(\.campaign))),
            .date(PrimitiveColumn(values: rows.map { Date32(iso: $0.day)?.days ?? 0 })), .string(StringColumn(rows.map { "Campaign " + $0.campaign })),
            .string(StringColumn(rows.map(\.currency))), .int64(PrimitiveColumn(values: rows.map { _ in 100 })), .int64(PrimitiveColumn(values: rows.map { _ in 10 })),
            .double(PrimitiveColumn(values: rows.map(\.spend))), .double(PrimitiveColumn(values: rows.map(\.conversions))), .double(PrimitiveColumn(values: rows.map(\.value))),
        ])
}
