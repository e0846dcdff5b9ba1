import AurumCore
import AurumKernels

/// One Gold row's five measures as exact integers (money and conversions in millionths, as ``DecimalSums``
/// adds them), so that the incremental refresh can take old day sums out of a week or a campaign's total and
/// put new ones in and land on the very double a full build computes.
///
/// Every operation reports failure (nil or false) rather than a rounded or wrapped answer: a stored value that
/// is not a whole number of millionths, or a sum that leaves Int64. The refresh then rebuilds that campaign
/// from Silver instead.
struct GoldSums: Equatable {
    var impressions: Int64 = 0
    var clicks: Int64 = 0
    var spend: Int64 = 0
    var conversions: Int64 = 0
    var conversionValue: Int64 = 0

    static let zero = GoldSums()
    /// The stored columns ``init(row:of:)`` reads.
    static let columns = ["impressions", "clicks", "spend", "conversions", "conversion_value"]

    /// The millionths that `value` is exactly (the test ``DecimalSums`` applies to each Silver value: below
    /// 2^50 millionths, and dividing back gives the same double), or nil.
    static func millionths(_ value: Double) -> Int64? {
        let product = value * DecimalSums.scale
        guard abs(product) < 1_125_899_906_842_624 else { return nil }
        let scaled = product.rounded(.toNearestOrEven)
        guard scaled / DecimalSums.scale == value else { return nil }
        return Int64(scaled)
    }

    /// The measures of row `row` of a batch with Gold's stored columns, or nil when a money value is not exact.
    init?(row: Int, of batch: Batch) {
        guard case .int64(let impressions)? = batch.column(named: "impressions"), case .int64(let clicks)? = batch.column(named: "clicks"),
            case .double(let spend)? = batch.column(named: "spend"), case .double(let conversions)? = batch.column(named: "conversions"),
            case .double(let conversionValue)? = batch.column(named: "conversion_value"),
            let spendMillionths = Self.millionths(spend.values[row]),
            let conversionMillionths = Self.millionths(conversions.values[row]),
            let valueMillionths = Self.millionths(conversionValue.values[row])
        else { return nil }
        self.impressions = impressions.values[row]
        self.clicks = clicks.values[row]
        self.spend = spendMillionths
        self.conversions = conversionMillionths
        self.conversionValue = valueMillionths
    }

    init() {}

    /// Adds `other` (or takes it away when `sign` is -1); false when a sum leaves Int64 (self is then undefined).
    mutating func add(_ other: GoldSums, sign: Int64 = 1) -> Bool {
        func combine(_ a: inout Int64, _ b: Int64) -> Bool {
            let term = b.multipliedReportingOverflow(by: sign)
            let sum = a.addingReportingOverflow(term.partialValue)
            a = sum.partialValue
            return !term.overflow && !sum.overflow
        }
        return combine(&impressions, other.impressions) && combine(&clicks, other.clicks) && combine(&spend, other.spend)
            && combine(&conversions, other.conversions) && combine(&conversionValue, other.conversionValue)
    }

    /// The sums as Gold stores them: money as ``DecimalSums/value(_:)`` gives an exact sum.
    var stored: (impressions: Int64, clicks: Int64, spend: Double, conversions: Double, conversionValue: Double) {
        (impressions, clicks, Double(spend) / DecimalSums.scale, Double(conversions) / DecimalSums.scale,
         Double(conversionValue) / DecimalSums.scale)
    }
}
