/// The exact sum of one DOUBLE block whose values are stored as decimal-scaled integers (``DoubleEncoding``'s
/// decimal scheme, value = integer / 10^scale): the counted values add up to `integerSum / 10^scale` exactly,
/// found from the stored integers without a double being made.
///
/// Counted are the rows that are neither NULL nor excluded by the caller (deleted rows).
public struct DecimalBlockSum: Sendable, Equatable {
    /// The block's decimal scale (0…9): each value is its integer divided by 10^scale.
    public var scale: Int
    /// The sum of the counted values' integers.
    public var integerSum: Int64
    /// How many values were counted.
    public var count: Int
    /// The rows of the block that are not excluded (NULL ones included).
    public var rowCount: Int
    /// The greatest magnitude of any stored integer of the block, excluded and NULL rows included: a bound on the
    /// counted values' integers, not necessarily one of them.
    public var integerMagnitudeBound: UInt64

    public init(scale: Int, integerSum: Int64, count: Int, rowCount: Int, integerMagnitudeBound: UInt64) {
        self.scale = scale
        self.integerSum = integerSum
        self.count = count
        self.rowCount = rowCount
        self.integerMagnitudeBound = integerMagnitudeBound
    }
}
