import AurumKernels
import AurumStorage

/// The scanned columns an aggregation reads as millionths instead of doubles (``FixedPoint``): money columns that
/// nothing reads but exact sums and means (``DecimalSumAggregate``), which add a block's stored decimal integers,
/// scaled, as they are — no double decoded, no value checked and turned back into its millionths
/// (``DecimalSumState``). Any column that WHERE, a key, a FILTER or another aggregate reads, or a DISTINCT sum, is
/// read as doubles; so is any block that is not stored as decimals within ``DecimalSums``' exact range.
enum FixedPointArguments {
    /// Millionths below 2^50 in magnitude: the values ``DecimalSums`` adds exactly.
    static let millionths = FixedPoint(places: DecimalSums.places, magnitudeLimit: DecimalSums.exactMagnitudeLimit)

    /// The positions in `plan`'s scanned columns to read so, each with ``millionths``.
    static func positions(_ plan: QueryPlan) -> [Int: FixedPoint] {
        guard let aggregation = plan.aggregation else { return [:] }
        var summed = Set<Int>()
        var readOtherwise = Set<Int>()
        plan.filter?.collectColumns(into: &readOtherwise)
        for key in aggregation.keys { key.collectColumns(into: &readOtherwise) }
        for spec in aggregation.aggregates {
            spec.key?.collectColumns(into: &readOtherwise)
            spec.filter?.collectColumns(into: &readOtherwise)
            if !spec.distinct, case .column(let position, .double) = spec.argument,
                AggregateFunctions.function(for: spec) == DecimalSumAggregate.self {
                summed.insert(position)
            } else {
                spec.argument?.collectColumns(into: &readOtherwise)
            }
        }
        return Dictionary(uniqueKeysWithValues: summed.subtracting(readOtherwise).map { ($0, millionths) })
    }
}
