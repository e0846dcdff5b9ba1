#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory this process may use: the machine's physical memory, or its control group's limit when that
/// is lower (a container started with `--memory 2g` sees the host's memory in `sysconf`, but is killed at 2 GiB).
public enum SystemMemory {
    /// Bytes of memory this process may use, as far as the system says.
    public static var availableBytes: Int {
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        let limits = [
            "/sys/fs/cgroup/memory.max",  // cgroup v2
            "/sys/fs/cgroup/memory/memory.limit_in_bytes",  // cgroup v1
        ].compactMap(limit(in:))
        return ([physical] + limits).filter { $0 > 0 }.min() ?? physical
    }

    /// The number in a control group's limit file; nil when it is absent or says "max" (no limit).
    private static func limit(in path: String) -> Int? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Int(text.filter { $0.isNumber })
    }
}
