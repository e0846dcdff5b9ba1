import XCTest

/// SplitMix64: a tiny seeded generator, so that every random test replays the same data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Doubles for the min/max and filtered-sum tests: ordinary values mixed with the ones SQL orders specially.
enum SpecialDoubles {
    static let specials: [Double] = [
        .nan, -Double.nan, .signalingNaN, Double(bitPattern: 0x7FF8_0000_0000_BEEF),
        .infinity, -.infinity, 0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]

    /// The specials without NaN and without one of the infinities: inputs the SIMD min/max settle in their
    /// vector loop, without handing them to the scalar twin.
    static let vectorPathSpecials: [[Double]] = [
        specials.filter { !$0.isNaN && $0 != -.infinity }, specials.filter { !$0.isNaN && $0 != .infinity },
    ]

    /// One value of `pool` in `specialRate` draws on average (none when 0), else a value in ±1e6 or a small
    /// integer (ties).
    static func random(specialRate: Int, from pool: [Double] = specials, using generator: inout SeededGenerator) -> Double {
        if specialRate > 0 && Int.random(in: 0..<specialRate, using: &generator) == 0 {
            return pool.randomElement(using: &generator)!
        }
        return Bool.random(using: &generator)
            ? Double.random(in: -1e6...1e6, using: &generator) : Double(Int.random(in: -3...3, using: &generator))
    }
}
