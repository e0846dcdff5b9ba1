#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a benchmark's GB/s counts.
enum ByteConvention: String {
    /// The bytes of the input columns the kernel reads (memcpy: the bytes copied, counted once).
    case input
    /// The bytes of the typed arrays a decoder produces (8 a Double, 4 a date or a dictionary code).
    case decoded
    /// The bytes zstd decompresses to (the uncompressed block payloads).
    case decompressed
}

/// One benchmark's result: every timed repetition, in nanoseconds.
struct Measurement {
    var name: String
    var rows: Int
    /// Bytes counted per repetition, under `convention`.
    var bytes: Int
    var convention: ByteConvention
    var samplesNanoseconds: [UInt64]
    var note: String = ""

    var medianNanoseconds: Double {
        let sorted = samplesNanoseconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }

    var minimumNanoseconds: Double { Double(samplesNanoseconds.min() ?? 0) }
    var medianNanosecondsPerRow: Double { medianNanoseconds / Double(max(rows, 1)) }
    var minimumNanosecondsPerRow: Double { minimumNanoseconds / Double(max(rows, 1)) }
    /// Bytes per nanosecond is GB/s (10⁹ bytes a second), at the median time.
    var gigabytesPerSecond: Double { Double(bytes) / medianNanoseconds }
    var bestGigabytesPerSecond: Double { Double(bytes) / minimumNanoseconds }
    var millionRowsPerSecond: Double { Double(rows) / medianNanoseconds * 1000 }
}

/// Writes `text` to standard error (progress lines while stdout carries JSON).
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

/// A monotonic clock in nanoseconds.
@inline(__always)
func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Where every result goes so that the optimiser cannot drop the work that produced it: each value is folded
/// into a global that the report prints at the end.
enum Blackhole {
    nonisolated(unsafe) static var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(never)
    static func consume(_ bits: UInt64) { state = (state ^ bits) &* 0x0000_0100_0000_01B3 }
    @inline(never)
    static func consume(_ value: Double) { consume(value.bitPattern) }
    @inline(never)
    static func consume(_ value: Int64) { consume(UInt64(bitPattern: value)) }
    @inline(never)
    static func consume(_ value: Int) { consume(UInt64(bitPattern: Int64(value))) }
}

/// Runs benchmarks: one untimed warm-up (page faults, caches, lazily built tables), then `repetitions` timed
/// runs of the same body.
struct Harness {
    var repetitions: Int
    var filter: String?
    var log: (String) -> Void
    private(set) var results: [Measurement] = []

    init(repetitions: Int, filter: String?, log: @escaping (String) -> Void) {
        self.repetitions = repetitions
        self.filter = filter
        self.log = log
    }

    func wants(_ name: String) -> Bool {
        guard let filter else { return true }
        return name.lowercased().contains(filter.lowercased())
    }

    /// Times `body`, which must hand its result to ``Blackhole``.
    mutating func run(
        _ name: String, rows: Int, bytes: Int, convention: ByteConvention = .input, note: String = "", _ body: () -> Void
    ) {
        guard wants(name) else { return }
        body()
        var samples: [UInt64] = []
        for _ in 0..<repetitions {
            let start = now()
            body()
            samples.append(now() - start)
        }
        let measurement = Measurement(
            name: name, rows: rows, bytes: bytes, convention: convention, samplesNanoseconds: samples, note: note)
        results.append(measurement)
        log(Report.line(measurement))
    }

    func result(named name: String) -> Measurement? { results.first { $0.name == name } }
}

/// A buffer of `count` elements owned by this object (no copy-on-write, no ARC per access), filled by `make`.
final class Buffer<Element: BitwiseCopyable> {
    let storage: UnsafeMutableBufferPointer<Element>

    init(count: Int, _ make: (Int) -> Element) {
        storage = .allocate(capacity: count)
        for index in 0..<count { storage[index] = make(index) }
    }

    deinit { storage.deallocate() }

    var count: Int { storage.count }
    var read: UnsafeBufferPointer<Element> { UnsafeBufferPointer(storage) }
    var byteCount: Int { count * MemoryLayout<Element>.stride }
}

/// SplitMix64: seeded, so every run benchmarks the same data.
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

/// Input built on first use — inside the untimed warm-up of the first benchmark that wants it — so that data a
/// `--filter` leaves unused is never generated.
final class Lazy<Value> {
    private var made: Value?
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
