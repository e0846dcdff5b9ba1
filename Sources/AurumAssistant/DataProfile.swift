import AurumCore
import AurumQuery

/// What the assistant reads from the data itself before translating: the currencies its money is in and the
/// days it covers. Both translators use them: money over several currencies is answered per currency
/// (docs/currencies.md), and a window with no data is said to be one, with the data's last day.
public struct DataProfile: Sendable, Equatable {
    /// Gold's distinct `currency` values, sorted ("" stands for NULL); empty when there is no Gold.
    public var currencies: [String]
    /// The first and last day of `kpi_campaign_daily`; nil when it is empty.
    public var dates: ClosedRange<Date32>?

    public init(currencies: [String] = [], dates: ClosedRange<Date32>? = nil) {
        self.currencies = currencies
        self.dates = dates
    }

    /// The profile of the tables behind `engine` (empty parts for tables it does not have).
    public static func read(_ engine: QueryEngine) -> DataProfile {
        var profile = DataProfile()
        if engine.catalog.table(named: "kpi_campaign_total") != nil,
            let batch = try? engine.run("SELECT DISTINCT coalesce(currency, '') FROM kpi_campaign_total ORDER BY 1").batch,
            case .string(let column)? = batch.columns.first
        {
            profile.currencies = (0..<column.count).compactMap { column[$0] }
        }
        if engine.catalog.table(named: "kpi_campaign_daily") != nil,
            let batch = try? engine.run("SELECT min(date), max(date) FROM kpi_campaign_daily").batch, batch.columns.count == 2,
            case .date(let first) = batch.columns[0], case .date(let last) = batch.columns[1], batch.rowCount == 1,
            !first.isNull(0), !last.isNull(0)
        {
            profile.dates = Date32(days: first.values[0])...Date32(days: last.values[0])
        }
        return profile
    }
}
