import Foundation

/// What the numbers were measured on.
struct Machine {
    var cpuModel: String
    var cores: Int
    var memoryGigabytes: Double
    var build: String
    /// The SIMD extensions the CPU reports, of those that matter here. The kernels are compiled for baseline
    /// x86-64 (SSE2) whatever the CPU has, as Aurum ships.
    var simdFlags: [String]
    /// What the compiler targets (no `-target-cpu` is passed).
    var compiledFor: String

    static func current() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let flags = Set(
            (cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
        let simdFlags = ["sse4_1", "sse4_2", "avx", "avx2", "avx512f"].filter(flags.contains)
        #if arch(x86_64)
        let compiledFor = "x86-64 baseline (SSE2)"
        #elseif arch(arm64)
        let compiledFor = "arm64 (NEON)"
        #else
        let compiledFor = "default target"
        #endif
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return Machine(
            cpuModel: model, cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGigabytes: Double(ProcessInfo.processInfo.physicalMemory) / 1e9, build: build, simdFlags: simdFlags,
            compiledFor: compiledFor)
    }
}
