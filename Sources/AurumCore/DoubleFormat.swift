/// Text forms of doubles that read back to the same bits.
public enum DoubleFormat {
    /// The shortest decimal text that parses back to exactly `value`, byte for byte what Swift's `description`
    /// prints, spelled for CSV and BI tools: plain digits (`1.0`, `0.0001`) when 1e-4 ≤ |value| ≤ 2^53 or value
    /// is ±0, exponent form (`1e-05`, `1e+16`) outside. NaN and infinities, which Aurum never stores, print as
    /// `nan`, `inf` and `-inf`.
    public static func roundTrip(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxByteCount) { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[write(value, into: buffer)]), as: UTF8.self)
        }
    }

    /// Appends ``roundTrip(_:)``'s text to `output` without making a String: what the CSV and JSON writers
    /// spend on each double.
    public static func append(_ value: Double, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxByteCount) { buffer in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[write(value, into: buffer)]))
        }
    }

    /// Room for the text and for the digits' 8-byte stores around it (the longest text takes 24 bytes:
    /// `-2.2250738585072014e-308`, `-0.00012345678901234567`).
    static let maxByteCount = 64

    /// Where the significand's last digit is written: 24 bytes of digits, a sign, a point and `0.000` fit before,
    /// 15 zeros, `.0` or an exponent after.
    private static let digitsEnd = 40

    /// Writes the text of `value` in `buffer` (``maxByteCount`` bytes at least); returns where it lies.
    ///
    /// The layout is that of Swift's `FloatingPointToString` (`finishFormatting`): with d the digits and E the
    /// decimal exponent of the first (value = d₁.d₂… × 10^E), exponent form `d₁.d₂…e±XX` (at least two exponent
    /// digits, no `.` for a single digit) when E < -4 or |value| > 2^53; `0.000d…` when E < 0; the point inside
    /// the digits when there are more than E + 1; else the digits, zeros up to the point and `.0`. The digits are
    /// written first, eight at a time, ending at ``digitsEnd``; the rest is put around them.
    static func write(_ value: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Range<Int> {
        precondition(buffer.count >= maxByteCount, "room for the longest text")
        let raw = UnsafeMutableRawBufferPointer(buffer)
        let magnitudeBits = value.bitPattern & ~(1 << 63)
        var start = digitsEnd
        var end = digitsEnd
        if magnitudeBits == 0 || !value.isFinite {
            let word: UInt32 = value.isNaN ? 0x006E_616E : magnitudeBits == 0 ? 0x0030_2E30 : 0x0066_6E69  // "nan", "0.0", "inf"
            raw.storeBytes(of: word, toByteOffset: start, as: UInt32.self)
            end += 3
            if value.sign == .minus && !value.isNaN {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return start..<end
        }
        let decimal = ShortestDecimal(magnitudeBits: magnitudeBits)
        let digitCount = Self.digitCount(decimal.significand)
        start -= digitCount
        let (upper, low) = decimal.significand.quotientAndRemainder(dividingBy: 100_000_000)
        raw.storeBytes(of: eightDigits(low), toByteOffset: end - 8, as: UInt64.self)
        if digitCount > 8 {
            let (top, middle) = upper.quotientAndRemainder(dividingBy: 100_000_000)
            raw.storeBytes(of: eightDigits(middle), toByteOffset: end - 16, as: UInt64.self)
            if digitCount > 16 { raw.storeBytes(of: eightDigits(top), toByteOffset: end - 24, as: UInt64.self) }
        }
        let exponent = decimal.exponent + digitCount - 1  // of the first digit
        if exponent < -4 || magnitudeBits > (1076 << 52) {  // 2^53's bits: above it, integers lose exactness
            // d.ddde+XX: the first digit moved one back, over where the point goes.
            if digitCount > 1 {
                buffer[start - 1] = buffer[start]
                buffer[start] = UInt8(ascii: ".")
                start -= 1
            }
            buffer[end] = UInt8(ascii: "e")
            buffer[end + 1] = exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            end += 2
            var magnitude = exponent.magnitude
            if magnitude >= 100 {
                buffer[end] = UInt8(ascii: "0") + UInt8(magnitude / 100)
                magnitude %= 100
                end += 1
            }
            buffer[end] = UInt8(ascii: "0") + UInt8(magnitude / 10)
            buffer[end + 1] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            end += 2
        } else if exponent < 0 {
            // 0.000ddd: at most three zeros after the point.
            for _ in 0..<(-exponent - 1) {
                start -= 1
                buffer[start] = UInt8(ascii: "0")
            }
            buffer[start - 1] = UInt8(ascii: ".")
            buffer[start - 2] = UInt8(ascii: "0")
            start -= 2
        } else if exponent + 1 < digitCount {
            // ddd.ddd: the integer part moved one back, leaving room for the point.
            for index in start..<(start + exponent + 1) { buffer[index - 1] = buffer[index] }
            buffer[start + exponent] = UInt8(ascii: ".")
            start -= 1
        } else {
            // ddd000.0: at most 15 zeros before the point.
            raw.storeBytes(of: 0x3030_3030_3030_3030 as UInt64, toByteOffset: end, as: UInt64.self)
            raw.storeBytes(of: 0x3030_3030_3030_3030 as UInt64, toByteOffset: end + 8, as: UInt64.self)
            end += exponent + 1 - digitCount
            buffer[end] = UInt8(ascii: ".")
            buffer[end + 1] = UInt8(ascii: "0")
            end += 2
        }
        if value.sign == .minus {
            start -= 1
            buffer[start] = UInt8(ascii: "-")
        }
        return start..<end
    }

    /// The decimal digits of `value` (1 ... 20): from its bit length (1233 / 4096 ≈ log10 2), one comparison off.
    private static func digitCount(_ value: UInt64) -> Int {
        let guess = ((64 - (value | 1).leadingZeroBitCount) * 1233) >> 12
        return guess + (value < tenPowers[guess] ? 0 : 1)
    }

    /// 10^0 ... 10^19.
    private static let tenPowers: [UInt64] = (0..<20).reduce(into: []) { powers, index in
        powers.append(index == 0 ? 1 : powers[index - 1] * 10)
    }

    /// The eight decimal digits of `value` (below 10^8, zero-padded) as ASCII, first digit in the low byte: one
    /// store writes them. Splits 8 → 4 + 4 → 2 + 2 → 1 + 1 digits in every lane at once, dividing by multiplying
    /// (x × 10486 >> 20 = x / 100 for x < 10^4; x × 103 >> 10 = x / 10 for x < 100).
    @inline(__always)
    private static func eightDigits(_ value: UInt64) -> UInt64 {
        let high = value / 10_000
        let fours = high | ((value - high * 10_000) << 32)
        let hundreds = ((fours &* 10486) >> 20) & 0x0000_007F_0000_007F
        let pairs = hundreds | ((fours &- 100 &* hundreds) << 16)
        let tens = ((pairs &* 103) >> 10) & 0x000F_000F_000F_000F
        let singles = tens | ((pairs &- 10 &* tens) << 8)
        return singles &+ 0x3030_3030_3030_3030
    }
}
