/// Where ``BitUnpacker`` puts each unpacked value: the last step of decoding, fused into the unpacking loop so
/// that a block's values are written once, in their final form.
///
/// Each sink writes through a pointer to `count` values that its creator owns (uninitialised memory is fine:
/// every slot is written exactly once). `put` is called with indices `0..<count`.
protocol BitUnpackSink {
    func put(_ value: UInt64, at index: Int)
}

/// The packed values as they are.
struct RawBitsSink: BitUnpackSink {
    let output: UnsafeMutablePointer<UInt64>

    @inline(__always)
    func put(_ value: UInt64, at index: Int) { output[index] = value }
}

/// Frame of reference: `base + value`, wrapping (``IntegerEncoding``).
struct OffsetSink: BitUnpackSink {
    let base: Int64
    let output: UnsafeMutablePointer<Int64>

    @inline(__always)
    func put(_ value: UInt64, at index: Int) { output[index] = base &+ Int64(bitPattern: value) }
}

/// Frame of reference then decimal scale: `Double(base + value) / 10^scale`, exactly as
/// ``DoubleEncoding`` decodes (a division, not a multiplication by the reciprocal, which rounds differently).
struct DecimalSink: BitUnpackSink {
    let base: Int64
    let power: Double
    let output: UnsafeMutablePointer<Double>

    @inline(__always)
    func put(_ value: UInt64, at index: Int) { output[index] = Double(base &+ Int64(bitPattern: value)) / power }
}

/// Frame of reference then a power of ten: `(base + value) × factor`, wrapping — a decimal block's integers at more
/// places (``ColumnBlockCodec/decodeFixedPoint(_:rowCount:as:file:location:)``, which has checked that no
/// product can overflow).
struct ScaledOffsetSink: BitUnpackSink {
    let base: Int64
    let factor: Int64
    let output: UnsafeMutablePointer<Int64>

    @inline(__always)
    func put(_ value: UInt64, at index: Int) { output[index] = (base &+ Int64(bitPattern: value)) &* factor }
}
