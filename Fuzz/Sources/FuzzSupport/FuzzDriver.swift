import CFuzzDriver
import Foundation

/// Starts a harness: libFuzzer when the program was built with `-sanitize=fuzzer`, else a replay of every
/// file named on the command line (a crash reproduced under the debugger, or the seed corpus checked).
public enum FuzzDriver {
    public static func main(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
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
