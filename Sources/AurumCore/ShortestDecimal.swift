/// The shortest decimal `significand × 10^exponent` that reads back to a finite, nonzero double, and among those
/// of that length the nearest to it (an exact tie goes to the even digit): the digits Swift's `description`
/// prints, found without allocating.
///
/// Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the interval of decimals that round to the
/// double is scaled by a 128-bit power of five (``ShortestDecimalTables``), then digits are dropped while the
/// interval still holds a shorter decimal. One difference from Ryu, to print what Swift prints: a double whose
/// significand bits are all zero (a power of two) has a lower neighbour half as far as the upper one, even
/// the smallest normal double, whose lower neighbour is a subnormal as far as the upper one (Swift's own
/// `FloatingPointToString` narrows that interval too). `DoubleFormatTests` checks the digits against
/// `description` over millions of doubles.
///
/// - Complexity: O(1): three 64×128-bit products and at most 17 divisions by constants.
struct ShortestDecimal {
    /// The decimal digits, without trailing zeros (at most 17 of them).
    var significand: UInt64
    /// The power of ten the digits are scaled by.
    var exponent: Int

    /// The digits of the double whose bits, without the sign, are `magnitudeBits` (finite and nonzero).
    init(magnitudeBits: UInt64) {
        precondition(magnitudeBits != 0 && magnitudeBits < 0x7FF0_0000_0000_0000, "a finite, nonzero double")
        let mantissaBits = magnitudeBits & ((1 << 52) - 1)
        let exponentBits = Int(magnitudeBits >> 52)
        if let integer = Self.smallInteger(mantissaBits: mantissaBits, exponentBits: exponentBits) {
            self = integer
        } else {
            self = Self.ryu(mantissaBits: mantissaBits, exponentBits: exponentBits)
        }
        // Ryu's digits never end in zero except for integers, but stripping here makes it a fact, not a lemma.
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    /// An integer below 2^53 is its own shortest decimal: nothing with fewer digits lies within half an ulp (≤ 1/2).
    private static func smallInteger(mantissaBits: UInt64, exponentBits: Int) -> ShortestDecimal? {
        guard exponentBits != 0 else { return nil }
        let shift = 1023 + 52 - exponentBits  // value = (2^52 + mantissa) / 2^shift
        guard shift >= 0 && shift <= 52 else { return nil }
        let significand = (1 << 52) | mantissaBits
        guard significand & ((1 << UInt64(shift)) - 1) == 0 else { return nil }
        return ShortestDecimal(significand: significand >> UInt64(shift), exponent: 0)
    }

    private init(significand: UInt64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// Ryu's `d2d`.
    private static func ryu(mantissaBits: UInt64, exponentBits: Int) -> ShortestDecimal {
        // value = m2 × 2^e2 × 4: two more bits for the interval's ends.
        let e2: Int
        let m2: UInt64
        if exponentBits == 0 {
            e2 = 1 - 1023 - 52 - 2
            m2 = mantissaBits
        } else {
            e2 = exponentBits - 1023 - 52 - 2
            m2 = (1 << 52) | mantissaBits
        }
        let acceptBounds = m2 & 1 == 0  // round-half-even reading takes an even double's interval ends
        let mv = 4 * m2
        // The lower end is a quarter ulp away (not half) for a power of two; see the type's discussion.
        let mmShift: UInt64 = mantissaBits != 0 || exponentBits == 0 ? 1 : 0

        var vr: UInt64, vp: UInt64, vm: UInt64
        let e10: Int
        var vmIsTrailingZeros = false
        var vrIsTrailingZeros = false
        if e2 >= 0 {
            let q = log10Pow2(e2) - (e2 > 3 ? 1 : 0)
            e10 = q
            let k = 125 + pow5Bits(q) - 1
            let shift = -e2 + q + k
            (vr, vp, vm) = mulShiftAll(m2, ShortestDecimalTables.fiveInversePowers, q, shift, mmShift)
            if q <= 21 {
                // At most one of mp, mv and mm is a multiple of 5.
                if mv % 5 == 0 {
                    vrIsTrailingZeros = isMultipleOfPowerOf5(mv, q)
                } else if acceptBounds {
                    vmIsTrailingZeros = isMultipleOfPowerOf5(mv - 1 - mmShift, q)
                } else if isMultipleOfPowerOf5(mv + 2, q) {
                    vp -= 1
                }
            }
        } else {
            let q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0)
            e10 = q + e2
            let i = -e2 - q
            let k = pow5Bits(i) - 125
            let shift = q - k
            (vr, vp, vm) = mulShiftAll(m2, ShortestDecimalTables.fivePowers, i, shift, mmShift)
            if q <= 1 {
                // mv = 4 × m2 has at least two trailing zero bits.
                vrIsTrailingZeros = true
                if acceptBounds {
                    vmIsTrailingZeros = mmShift == 1  // mm = mv - 1 - mmShift
                } else {
                    vp -= 1  // mp = mv + 2 has at least one
                }
            } else if q < 63 {
                vrIsTrailingZeros = mv & ((1 << UInt64(q)) - 1) == 0
            }
        }

        var removed = 0
        var output: UInt64
        if vmIsTrailingZeros || vrIsTrailingZeros {
            // The rare case (an end of the interval, or the value itself, is an exact decimal).
            var lastRemovedDigit: UInt64 = 0
            /// Drops one digit, noting whether every digit dropped from the value so far was a zero.
            @inline(__always) func dropDigit() {
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                lastRemovedDigit = vr % 10
                vr /= 10
                vp /= 10
                vm /= 10
                removed += 1
            }
            while vp / 10 > vm / 10 {
                vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0
                dropDigit()
            }
            if vmIsTrailingZeros {
                while vm % 10 == 0 { dropDigit() }
            }
            if vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0 {
                lastRemovedDigit = 4  // an exact tie: round to even
            }
            let outside = vr == vm && (!acceptBounds || !vmIsTrailingZeros)
            output = vr + (outside || lastRemovedDigit >= 5 ? 1 : 0)
        } else {
            // No exact decimal here, so the first digit dropped decides the rounding. Four digits at a time, then
            // at most two and one more: most doubles lose one to three, short decimals (money) a dozen.
            var roundUp = false
            /// Drops `digits` digits (`power` is 10^digits) while the interval still holds a shorter decimal.
            @inline(__always) func drop(_ digits: Int, _ power: UInt64) -> Bool {
                guard vp / power > vm / power else { return false }
                roundUp = vr % power >= power / 2
                vr /= power
                vp /= power
                vm /= power
                removed += digits
                return true
            }
            while drop(4, 10_000) {}
            _ = drop(2, 100)
            _ = drop(1, 10)
            output = vr + (vr == vm || roundUp ? 1 : 0)
        }
        return ShortestDecimal(significand: output, exponent: e10 + removed)
    }

    /// `(m × 4) × table[index] >> shift` for the value and the two interval ends.
    @inline(__always)
    private static func mulShiftAll(
        _ m: UInt64, _ table: [UInt64], _ index: Int, _ shift: Int, _ mmShift: UInt64
    ) -> (UInt64, UInt64, UInt64) {
        let low = table[2 * index]
        let high = table[2 * index + 1]
        return (mulShift(4 * m, low, high, shift),
                mulShift(4 * m + 2, low, high, shift),
                mulShift(4 * m - 1 - mmShift, low, high, shift))
    }

    /// `m × (high·2^64 + low) >> shift`, for m below 2^55 and shift in 64 ..< 128.
    @inline(__always)
    private static func mulShift(_ m: UInt64, _ low: UInt64, _ high: UInt64, _ shift: Int) -> UInt64 {
        let upper = m.multipliedFullWidth(by: high)
        let lower = m.multipliedFullWidth(by: low)
        let (middle, carry) = lower.high.addingReportingOverflow(upper.low)
        let top = upper.high &+ (carry ? 1 : 0)
        let distance = UInt64(shift - 64)
        return (top &<< (64 &- distance)) | (middle &>> distance)
    }

    /// floor(log10(2^e)) for 0 ≤ e ≤ 1650.
    private static func log10Pow2(_ e: Int) -> Int { (e * 78913) >> 18 }

    /// floor(log10(5^e)) for 0 ≤ e ≤ 2620.
    private static func log10Pow5(_ e: Int) -> Int { (e * 732923) >> 20 }

    /// The bits of 5^e (1 for e = 0), for 0 ≤ e ≤ 3528.
    private static func pow5Bits(_ e: Int) -> Int { ((e * 1217359) >> 19) + 1 }

    private static func isMultipleOfPowerOf5(_ value: UInt64, _ power: Int) -> Bool {
        var value = value
        var count = 0
        while value % 5 == 0 && value != 0 {
            value /= 5
            count += 1
        }
        return count >= power
    }
}
