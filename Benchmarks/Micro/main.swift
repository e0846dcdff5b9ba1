#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// aurum-micro: kernel, storage-decode and memory-roofline micro-benchmarks. See README.md beside this file.

let (parsed, problem) = Options.parse(Array(CommandLine.arguments.dropFirst()))
guard let options = parsed else {
    if let problem {
        writeStandardError("aurum-micro: \(problem)\n\(Options.usage)\n")
        exit(2)
    }
    print(Options.usage)
    exit(0)
}

let machine = Machine.current()
// With --json, stdout carries only the JSON object; progress lines go to stderr.
let progress: (String) -> Void = options.json ? { writeStandardError($0 + "\n") } : { print($0) }
if machine.build != "release" { progress("warning: a debug build; build with -c release for meaningful numbers") }
progress("aurum-micro on \(machine.cpuModel) (\(machine.simdFlags.joined(separator: " "))), \(machine.cores) cores, \(machine.build) build for \(machine.compiledFor); kernels \(options.rows) rows, decode \(options.decodeRows) rows")
progress(Report.header)

var harness = Harness(repetitions: options.repetitions, filter: options.filter, log: progress)
KernelBenchmarks.run(&harness, rows: options.rows)
DecodeBenchmarks.run(&harness, rows: options.decodeRows)

if options.json {
    print(Report.json(harness, machine: machine, options: options))
    progress(Report.summary(harness, options: options))
} else {
    print(Report.summary(harness, options: options))
}
