// XXH64: Aurum's Swift (Sources/AurumStorage/Checksum/XXH64.swift, compiled in beside this file) against
// libxxhash, the reference implementation Debian ships. Prints one line per (implementation, size,
// repetition): MB/s. Built and run by run.sh; not part of the package build.
import CXXHash
import Foundation

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let reps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 3 : 3
// A manifest line, a typical compressed block, a large blob-pack frame.
let sizes = [64, 4096, 256 << 10, 16 << 20]
let data = (0..<(16 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
var sink: UInt64 = 0
data.withUnsafeBytes { all in
    for size in sizes {
        let slice = UnsafeRawBufferPointer(rebasing: all[0..<size])
        guard XXH64.hash(slice) == CXXHash.XXH64(slice.baseAddress, size, 0) else {
            fatalError("digests differ at \(size) bytes")
        }
    }
    let implementations: [(String, (UnsafeRawBufferPointer) -> UInt64)] = [
        ("aurum-swift", { XXH64.hash($0) }),
        ("libxxhash", { CXXHash.XXH64($0.baseAddress, $0.count, 0) }),
    ]
    for repetition in 0..<reps {
        for size in sizes {
            let slice = UnsafeRawBufferPointer(rebasing: all[0..<size])
            for (name, hash) in implementations {
                let calls = max(1, (256 << 20) / size)
                let start = now()
                for _ in 0..<calls { sink &+= hash(slice) }
                let seconds = now() - start
                print("xxh64 \(name) \(size) \(repetition) \(String(format: "%.1f", Double(calls * size) / seconds / 1e6))")
            }
        }
    }
}
if sink == 42 { print("") }  // keeps the hashing from being optimised away
