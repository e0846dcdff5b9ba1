#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory roofline the kernels are judged against, on the same bytes: a plain `memcpy` and a read-only
/// SIMD pass that does nothing but XOR every 64-bit word (no FP latency, no stores).
enum Baselines {
    static let memcpyName = "Baseline.Memcpy"
    static let readName = "Baseline.Read.SIMD-XOR"

    static func run(_ harness: inout Harness, doubles lazyDoubles: Lazy<Buffer<Double>>) {
        guard harness.wants(memcpyName) || harness.wants(readName) else { return }
        let doubles = lazyDoubles.value
        let rows = doubles.count
        let bytes = doubles.byteCount
        // memcpy counts the bytes read (= bytes copied), like every kernel's input bytes; it moves twice as
        // many (read + write), and a write-allocating cache reads the destination too.
        if harness.wants(memcpyName) {
            let destination = Buffer<Double>(count: rows) { _ in 0 }  // written once, so its pages are mapped
            harness.run(memcpyName, rows: rows, bytes: bytes, note: "GB/s = bytes copied; moved (read+write) = 2×") {
                memcpy(destination.storage.baseAddress!, doubles.storage.baseAddress!, bytes)
                Blackhole.consume(destination.storage[rows / 2])
            }
        }
        harness.run(readName, rows: rows, bytes: bytes, note: "read-only bandwidth ceiling") {
            Blackhole.consume(xorAll(doubles.read))
        }
    }

    /// The XOR of every 64-bit word of `values`, sixteen at a time.
    static func xorAll(_ values: UnsafeBufferPointer<Double>) -> UInt64 {
        let raw = UnsafeRawPointer(values.baseAddress!)
        var first = SIMD8<UInt64>()
        var second = SIMD8<UInt64>()
        var index = 0
        while index + 16 <= values.count {
            first ^= raw.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<UInt64>.self)
            second ^= raw.loadUnaligned(fromByteOffset: (index + 8) * 8, as: SIMD8<UInt64>.self)
            index += 16
        }
        var result = first ^ second
        while index < values.count {
            result[0] ^= values[index].bitPattern
            index += 1
        }
        var total: UInt64 = 0
        for lane in 0..<8 { total ^= result[lane] }
        return total
    }
}
