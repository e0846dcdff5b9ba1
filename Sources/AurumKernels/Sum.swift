/// Sums of contiguous buffers. The SIMD forms keep several independent accumulators so that additions
/// overlap (Swift never reassociates floating-point adds on its own: a plain loop is bound by FP-add latency,
/// 0.84 ns a row here, against 0.30 for this shape — notes/swift-toolbox.md). Each has a scalar twin that adds
/// in row order, used by tests to check the SIMD result.
public enum Sum {
    /// The sum of `values`, sixteen at a time (four SIMD4 accumulators), then a scalar tail.
    ///
    /// The additions are reordered, so the result may differ from ``scalar(_:)-2n6u7`` in the last bits.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Double>) -> Double {
        let count = values.count
        guard let base = values.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var first = SIMD4<Double>()
        var second = SIMD4<Double>()
        var third = SIMD4<Double>()
        var fourth = SIMD4<Double>()
        var index = 0
        let stride = MemoryLayout<Double>.stride
        while index + 16 <= count {
            first += raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD4<Double>.self)
            second += raw.loadUnaligned(fromByteOffset: (index + 4) * stride, as: SIMD4<Double>.self)
            third += raw.loadUnaligned(fromByteOffset: (index + 8) * stride, as: SIMD4<Double>.self)
            fourth += raw.loadUnaligned(fromByteOffset: (index + 12) * stride, as: SIMD4<Double>.self)
            index += 16
        }
        var total = ((first + second) + (third + fourth)).sum()
        while index < count {
            total += base[index]
            index += 1
        }
        return total
    }

    /// The sum of `values` in row order.
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        for value in values { total += value }
        return total
    }

    /// The wrapping sum of `values`, sixteen at a time (two SIMD8 accumulators), then a scalar tail.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Int64>) -> Int64 {
        let count = values.count
        guard let base = values.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var first = SIMD8<Int64>()
        var second = SIMD8<Int64>()
        var index = 0
        let stride = MemoryLayout<Int64>.stride
        while index + 16 <= count {
            first &+= raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Int64>.self)
            second &+= raw.loadUnaligned(fromByteOffset: (index + 8) * stride, as: SIMD8<Int64>.self)
            index += 16
        }
        var total = (first &+ second).wrappedSum()
        while index < count {
            total &+= base[index]
            index += 1
        }
        return total
    }

    /// The wrapping sum of `values` in row order.
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Int64>) -> Int64 {
        var total: Int64 = 0
        for value in values { total &+= value }
        return total
    }
}
