/// The encodings of a sequence of Double: plain IEEE-754, or decimal.
///
/// Money and counts in ads data are decimals with few digits (spend 12.34, micros/1e6, conversions 3.0).
/// When every value `v` equals `Double(n) / 10^scale` bit for bit for some integer `|n| < 2^53` and
/// `scale ≤ 9`, the column is stored as those integers (``IntegerEncoding``) plus the scale, which packs to a
/// fraction of 8 bytes a value. Decoding divides by the same power of ten, so the round trip is exact.
///
/// Layout: a scheme byte, then `0` plain: `count` × Float64 bits; or `3` decimal: UInt8 `scale`, then the
/// integers in ``IntegerEncoding``.
public enum DoubleEncoding {
    static let plain: UInt8 = 0
    static let decimal: UInt8 = 3
    static let maximumScale = 9
    static let powersOfTen: [Double] = (0...maximumScale).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The least scale at which `value` is an exact decimal, or nil.
    static func decimalScale(of value: Double) -> Int? {
        for scale in 0...maximumScale {
            let scaled = (value * powersOfTen[scale]).rounded()
            guard abs(scaled) < 9_007_199_254_740_992 else { return nil }
            if decodes(Int64(scaled), scale: scale, to: value) { return scale }
        }
        return nil
    }

    /// Whether the decoder turns `integer` at `scale` back into exactly `value`. It goes through `Int64`, as the
    /// stored integer does, so -0.0 (whose scaled form is the integer 0, decoding to +0.0) is not a decimal.
    @inline(__always)
    static func decodes(_ integer: Int64, scale: Int, to value: Double) -> Bool {
        (Double(integer) / powersOfTen[scale]).bitPattern == value.bitPattern
    }

    public static func encode(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) {
        var scale = 0
        var exact = true
        for value in values {
            guard let needed = decimalScale(of: value) else {
                exact = false
                break
            }
            scale = max(scale, needed)
        }
        if exact {
            // A value exact at scale s is exact at any larger scale only if scaling stays below 2^53 and the
            // division still lands on the same double: check again at the common scale.
            let power = powersOfTen[scale]
            var integers = [Int64]()
            integers.reserveCapacity(values.count)
            for value in values {
                let scaled = (value * power).rounded()
                guard abs(scaled) < 9_007_199_254_740_992, decodes(Int64(scaled), scale: scale, to: value) else {
                    exact = false
                    break
                }
                integers.append(Int64(scaled))
            }
            if exact {
                writer.append(decimal)
                writer.append(UInt8(scale))
                IntegerEncoding.encode(integers, into: &writer)
                return
            }
        }
        writer.append(plain)
        for value in values { writer.append(value) }
    }

    public static func decode(from reader: inout ByteReader, count: Int) throws -> [Double] {
        let scheme: UInt8 = try reader.read()
        switch scheme {
        case plain:
            let raw = try reader.readBytes(count * 8)
            return [Double](unsafeUninitializedCapacity: count) { output, initialized in
                for index in 0..<count {
                    output[index] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)))
                }
                initialized = count
            }
        case decimal:
            let scale = Int(try reader.read(UInt8.self))
            guard scale <= maximumScale else { throw reader.corrupt("decimal scale \(scale) > \(maximumScale)") }
            let power = powersOfTen[scale]
            return try [Double](unsafeUninitializedCapacity: count) { output, initialized in
                try decodeDecimal(from: &reader, count: count, power: power, into: output)
                initialized = count
            }
        default:
            throw reader.corrupt("unknown double scheme \(scheme)")
        }
    }

    /// The integers of a decimal block divided by `power`, written into `output` (uninitialised is fine).
    /// Frame of reference, what money and counts almost always take, is unpacked and scaled in one pass; the
    /// other integer schemes are decoded into `output`'s own bytes and scaled there, in place.
    private static func decodeDecimal(
        from reader: inout ByteReader, count: Int, power: Double, into output: UnsafeMutableBufferPointer<Double>
    ) throws {
        guard let start = output.baseAddress else { return }
        if reader.remaining > 0, reader.bytes[reader.offset] == IntegerEncoding.Scheme.frameOfReference.rawValue {
            _ = try reader.read(UInt8.self)
            let (base, width, packed) = try IntegerEncoding.readFrame(from: &reader, count: count)
            BitUnpacker.unpack(packed, count: count, width: width, into: DecimalSink(base: base, power: power, output: start))
            return
        }
        let raw = UnsafeMutableRawPointer(start)
        try raw.withMemoryRebound(to: Int64.self, capacity: count) { integers in
            try IntegerEncoding.decode(from: &reader, count: count, into: UnsafeMutableBufferPointer(start: integers, count: count))
            for index in 0..<count {
                let integer = raw.load(fromByteOffset: index &* 8, as: Int64.self)
                raw.storeBytes(of: Double(integer) / power, toByteOffset: index &* 8, as: Double.self)
            }
        }
    }
}
