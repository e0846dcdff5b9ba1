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
            return (0..<count).map {
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
            }
        case decimal:
            let scale = Int(try reader.read(UInt8.self))
            guard scale <= maximumScale else { throw reader.corrupt("decimal scale \(scale) > \(maximumScale)") }
            let integers = try IntegerEncoding.decode(from: &reader, count: count)
            let power = powersOfTen[scale]
            return integers.map { Double($0) / power }
        default:
            throw reader.corrupt("unknown double scheme \(scheme)")
        }
    }
}
