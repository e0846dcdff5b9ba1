/// Grouped sums of doubles that are exact — and therefore independent of row order — for decimal data.
///
/// Money and counts in ads data are decimals with few places (12.34, costMicros / 1e6, 3.0). A value `v` for
/// which `round(v × 10^6) / 10^6 == v` bit for bit (and |v × 10^6| < 2^50) is added as the integer number of millionths, exactly;
/// the group's sum is then `Double(millionths) / 10^6`, the double nearest the exact decimal sum, whatever the
/// order of the rows. A group that meets any other value (or overflows Int64) turns inexact: from then on it
/// is a double sum, which starts from its exact sum so far (as a double) and adds each later value in row
/// order. Nothing but the integers is kept while a group is exact: a double sum kept alongside every row,
/// just in case, was a chain of dependent additions through memory that cost a sixth of a month-by-campaign
/// query.
public struct DecimalSums: Sendable {
    public static let scale = 1_000_000.0
    /// 1.5 × 2^52: a double this large has no fraction bits, so `(x + magic) - magic` is `x` rounded to an integer
    /// (ties to even, the default rounding mode) for |x| < 2^51.
    @usableFromInline static let roundingMagic = 6_755_399_441_055_744.0

    /// One group's running sums, in 16 bytes, so that adding a row reads and writes one place in memory (kept in
    /// four arrays, a row touched four cache lines, and with tens of thousands of groups each was a miss) and a
    /// grouping of many groups touches half the fresh memory of 32-byte cells.
    public struct Cell: Sendable {
        /// While exact, the sum in millionths; once inexact, the bit pattern of the double sum.
        @usableFromInline var bits: Int64 = 0
        /// How many values were added, with the sign bit set once the group is inexact.
        @usableFromInline var counted: Int64 = 0

        public init() {}

        /// How many values were added.
        @inlinable
        public var count: Int64 { counted & Int64.max }

        /// Set once a value could not be added exactly, or the millionths overflowed.
        @inlinable
        public var inexact: Bool { counted < 0 }

        /// The sum in millionths, while exact (0 once inexact).
        @inlinable
        public var millionths: Int64 {
            get { inexact ? 0 : bits }
            set {
                precondition(!inexact, "an exact sum")
                bits = newValue
            }
        }

        /// Once inexact, the sum as a double: the exact sum up to then, then every later value added in row
        /// order. 0 while exact.
        @inlinable
        public var fallback: Double { inexact ? Double(bitPattern: UInt64(bitPattern: bits)) : 0 }

        /// The sum: the exact one as a double while exact, else the double sum.
        @inlinable
        public var sum: Double { inexact ? fallback : Double(bits) / DecimalSums.scale }

        /// Counts one more value: `value`, which is `millionths` millionths exactly when that is not nil.
        @inlinable @inline(__always)
        public mutating func add(_ value: Double, millionths: Int64?) {
            counted &+= 1
            guard counted >= 0 else {
                bits = Int64(bitPattern: (fallback + value).bitPattern)
                return
            }
            guard let millionths else {
                turnInexact(adding: value)
                return
            }
            let (sum, overflow) = bits.addingReportingOverflow(millionths)
            if overflow { turnInexact(adding: value) } else { bits = sum }
        }

        /// Counts one more value, given as its `millionths` (below 2^50 in magnitude): ``add(_:millionths:)`` of
        /// the value `Double(millionths) / 10^6`, which is made only if the group is or turns inexact.
        @inlinable @inline(__always)
        public mutating func add(millionths: Int64) {
            counted &+= 1
            guard counted >= 0 else {
                bits = Int64(bitPattern: (fallback + Double(millionths) / DecimalSums.scale).bitPattern)
                return
            }
            let (sum, overflow) = bits.addingReportingOverflow(millionths)
            if overflow { turnInexact(adding: Double(millionths) / DecimalSums.scale) } else { bits = sum }
        }

        /// Adds rows `run` of `millionths` (each below 2^50 in magnitude, at most 2^12 of them), which sum to
        /// `sum`: at once while the cell is exact and below 2^62, where no partial sum can overflow; otherwise row
        /// by row, as ``add(millionths:)`` would.
        @inlinable @inline(__always)
        mutating func add(run: Range<Int>, sum: Int64, millionths: UnsafeBufferPointer<Int64>) {
            if counted >= 0, bits.magnitude < 1 << 62 {
                bits &+= sum
                counted &+= Int64(run.count)
                return
            }
            for row in run { add(millionths: millionths[row]) }
        }

        /// Turns the group inexact on meeting `value` (not a decimal of 6 places, or one whose millionths
        /// overflow the sum): the double sum starts from the exact sum so far.
        @inlinable
        public mutating func turnInexact(adding value: Double) {
            precondition(!inexact)
            bits = Int64(bitPattern: (Double(bits) / DecimalSums.scale + value).bitPattern)
            counted |= Int64.min
        }

        /// Adds `other`'s values (its count, and its sum: exactly while both are exact and the millionths do not
        /// overflow, else as doubles).
        @inlinable
        public mutating func merge(_ other: Cell) {
            counted = (count + other.count) | (inexact ? Int64.min : 0)
            if !inexact && !other.inexact {
                let (sum, overflow) = bits.addingReportingOverflow(other.bits)
                if !overflow {
                    bits = sum
                    return
                }
            }
            bits = Int64(bitPattern: (self.sum + other.sum).bitPattern)
            counted |= Int64.min
        }
    }

    /// Per group, its sums.
    public var cells: [Cell] = []

    public init() {}

    public var count: Int { cells.count }

    public mutating func grow(to groupCount: Int) {
        guard groupCount > count else { return }
        cells.append(contentsOf: repeatElement(Cell(), count: groupCount - count))
    }

    /// Adds `values[i]` into group `groups[i]`.
    @inlinable
    public mutating func add(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) {
        precondition(values.count == groups.count)
        // Money columns are almost always exact decimals throughout a batch: one vectorizable pass proves it
        // and the rows are then added as integers (``addIfEveryValueIsExact(_:groups:)``).
        if addIfEveryValueIsExact(values, groups: groups) { return }
        addRowByRow(values, groups: groups)
    }

    /// ``add(_:groups:)`` one row at a time, checking each value: the path for a batch holding any value that
    /// is not an exact decimal of at most 6 places.
    @inlinable
    mutating func addRowByRow(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) {
        precondition(values.count == groups.count)
        cells.withUnsafeMutableBufferPointer { cells in
            for index in 0..<values.count {
                let group = Int(groups[index])
                precondition(group < cells.count)
                let value = values[index]
                let product = value * Self.scale
                // Below 2^50 a genuine decimal's product lies within 1/16 of its integer, so rounding by adding
                // and taking away 1.5 × 2^52 (two instructions, where `rounded()` is a libm call per row) finds
                // the same integer; anything else fails the check either way.
                let scaled = (product + Self.roundingMagic) - Self.roundingMagic
                let exact = abs(product) < 1_125_899_906_842_624 && scaled / Self.scale == value
                cells[group].add(value, millionths: exact ? Int64(scaled) : nil)
            }
        }
    }

    /// Adds group `source` of `other` into group `target` of this one.
    public mutating func merge(_ other: DecimalSums, group source: Int, into target: Int) {
        cells[target].merge(other.cells[source])
    }

    /// ``merge(_:group:into:)`` for each pair: group `sources[i]` of `other` (group `i` when `sources` is nil)
    /// into group `targets[i]`, skipping source groups that counted no value (nothing to merge). Through
    /// buffers: an array element written per pair costs a uniqueness check and more (about 77 instructions a
    /// pair, against about 10 here, under callgrind).
    public mutating func merge(_ other: DecimalSums, groups sources: UnsafeBufferPointer<UInt32>?, into targets: UnsafeBufferPointer<UInt32>) {
        cells.withUnsafeMutableBufferPointer { cells in
            other.cells.withUnsafeBufferPointer { otherCells in
                for index in 0..<targets.count {
                    let source = otherCells[sources.map { Int($0[index]) } ?? index]
                    guard source.count > 0 else { continue }
                    cells[Int(targets[index])].merge(source)
                }
            }
        }
    }

    /// The sum of group `group`.
    public func value(_ group: Int) -> Double { cells[group].sum }
}
