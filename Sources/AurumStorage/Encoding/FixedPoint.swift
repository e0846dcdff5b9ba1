/// A request to read a DOUBLE column's decimal blocks as integers at a fixed number of decimal places (each value
/// times 10^places) rather than as doubles, for a reader that adds them exactly: the stored integers, scaled,
/// with no double made and no division per value (``ColumnBlockCodec/decodeFixedPoint(_:rowCount:as:file:location:)``).
///
/// A block gives such integers only when it stores decimals (``DoubleEncoding``) of at most `places` places whose
/// scaled integers all lie below `magnitudeLimit` in magnitude; any other block is read as doubles, so a reader
/// asking for this takes either form, block by block.
public struct FixedPoint: Hashable, Sendable {
    /// The decimal places of the integers (at most ``DoubleEncoding``'s largest scale, 9).
    public var places: Int
    /// Every scaled integer lies strictly below this in magnitude, or the block is read as doubles.
    public var magnitudeLimit: UInt64

    public init(places: Int, magnitudeLimit: UInt64) {
        precondition((0...DoubleEncoding.maximumScale).contains(places), "places 0...\(DoubleEncoding.maximumScale)")
        precondition(magnitudeLimit > 0, "a positive limit")
        self.places = places
        self.magnitudeLimit = magnitudeLimit
    }
}
