import CFuzzDriver
import Foundation

/// Starts a harness: libFuzzer when the program was built with `-sanitize=fuzzer`, else a replay of every
/// file named on the command line (a crash reproduced under the debugger, or the seed corpus checked).
public enum FuzzDriver {
    public static func main(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        allowDeepStack()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = aurum_fuzz_run_driver(&argc, &argv, callback)
        if status != -1 { exit(status) }
        var replayed = 0
        for path in CommandLine.arguments.dropFirst() where !path.hasPrefix("-") {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                _ = data.withUnsafeBytes { callback($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
                replayed += 1
            }
        }
        print("replayed \(replayed) inputs (built without libFuzzer; `make fuzz` fuzzes)")
        exit(0)
    }

    /// Lets the main thread's stack, where each input runs, grow to 64 MB. AddressSanitizer's frames are several
    /// times a debug build's: the deepest expression the query language accepts (QueryLimits) bound within 4 MB
    /// in a debug build but overflowed 8 MB under the sanitizer, a crash no build users run can have. (The kernel
    /// checks the limit as the stack grows, so raising it here is enough.)
    private static func allowDeepStack() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0 else { return }
        let wanted = rlim_t(64 << 20)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_STACK.rawValue), &limit)
    }

    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}

/// The input's bytes as an array (empty for no input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
