/// Bit-level helpers for the SIMD kernels: masks as all-ones / all-zeros integer lanes, a double vector's bit
/// patterns, and validity bytes turned into lane masks.
///
/// Why bits rather than `SIMDMask` everywhere: on the baseline x86-64 target (SSE2, which Aurum ships) the
/// standard library compiles some mask operations into a scalar loop through the stack — an integer comparison
/// against a scalar (`lanes .!= 0`) and `init(truncatingIfNeeded:)` of a mask-derived value feeding one, for
/// instance — while plain `&`, `|`, `~`, floating-point comparisons and vector-vector integer comparisons stay
/// one or two instructions. Everything here was checked in the emitted assembly.
@usableFromInline
enum SIMDBits {
    /// The bit patterns of `values`' lanes.
    @inlinable @inline(__always)
    static func of(_ values: SIMD8<Double>) -> SIMD8<Int64> { unsafeBitCast(values, to: SIMD8<Int64>.self) }

    /// The doubles with the bit patterns `bits`.
    @inlinable @inline(__always)
    static func double(_ bits: SIMD8<Int64>) -> SIMD8<Double> { unsafeBitCast(bits, to: SIMD8<Double>.self) }

    /// Lanes with every bit set where `mask` is true, zero elsewhere.
    @inlinable @inline(__always)
    static func lanes(_ mask: SIMDMask<SIMD8<Int64>>) -> SIMD8<Int64> {
        SIMD8<Int64>().replacing(with: -1, where: mask)
    }

    /// `mask` (from a comparison of 32-bit lanes) as all-ones / zero 64-bit lanes.
    @inlinable @inline(__always)
    static func widen(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<Int64> {
        SIMD8<Int64>(truncatingIfNeeded: SIMD8<Int32>().replacing(with: -1, where: mask))
    }

    /// `mask` (from a comparison of 32-bit lanes) as all-ones / zero 32-bit lanes.
    @inlinable @inline(__always)
    static func lanes(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<Int32> {
        SIMD8<Int32>().replacing(with: -1, where: mask)
    }

    /// All-ones 64-bit lanes for the NULL rows — validity byte 0 — among the 8 rows from byte `offset` of `flags`.
    @inlinable @inline(__always)
    static func nullLanes(_ flags: UnsafeRawPointer, at offset: Int) -> SIMD8<Int64> {
        let isNull = flags.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt8>.self) .== SIMD8<UInt8>()
        return SIMD8<Int64>(truncatingIfNeeded: SIMD8<Int8>().replacing(with: -1, where: isNull))
    }

    /// All-ones 32-bit lanes for the NULL rows among the 8 rows from byte `offset` of `flags`.
    @inlinable @inline(__always)
    static func nullLanes32(_ flags: UnsafeRawPointer, at offset: Int) -> SIMD8<Int32> {
        let isNull = flags.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt8>.self) .== SIMD8<UInt8>()
        return SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int8>().replacing(with: -1, where: isNull))
    }

    /// `bits` where `lanes` is zero, `replacement` where it is all-ones.
    @inlinable @inline(__always)
    static func blend(_ bits: SIMD8<Int64>, _ replacement: SIMD8<Int64>, where lanes: SIMD8<Int64>) -> SIMD8<Int64> {
        (bits & ~lanes) | (replacement & lanes)
    }

    /// Whether any lane of `lanes` has its sign bit set.
    @inlinable @inline(__always)
    static func anySignBit(_ lanes: SIMD8<Int64>) -> Bool {
        var combined: Int64 = 0
        for lane in 0..<8 { combined |= lanes[lane] }
        return combined < 0
    }
}
