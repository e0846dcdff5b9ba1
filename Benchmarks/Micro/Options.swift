/// Command-line options of `aurum-micro`.
struct Options {
    /// Rows of every kernel benchmark (single-column and grouped alike).
    var rows = 50_000_000
    /// Rows of the storage decode benchmarks.
    var decodeRows = 1_000_000
    var repetitions = 7
    var json = false
    /// Run only the benchmarks whose name contains this text (case-insensitive).
    var filter: String?

    static let usage = """
        usage: aurum-micro [--rows N] [--decode-rows N] [--reps N] [--filter TEXT] [--json]

          --rows N          rows for the kernel benchmarks (default 50000000)
          --decode-rows N   rows for the storage decode benchmarks (default 1000000)
          --reps N          timed repetitions after one warm-up (default 7); median and minimum are reported
          --filter TEXT     only benchmarks whose name contains TEXT, e.g. Kernels.Sum, Storage., Baseline
          --json            one JSON object on stdout (progress goes to stderr)
        """

    /// Parses `arguments` (without the program name); nil and a message on bad input.
    static func parse(_ arguments: [String]) -> (Options?, String?) {
        var options = Options()
        var remaining = arguments[...]
        func count(_ flag: String) -> Int? {
            guard let text = remaining.popFirst(), let value = Int(text.filter { $0 != "_" }), value > 0 else {
                return nil
            }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--rows":
                guard let value = count(argument) else { return (nil, "--rows needs a positive integer") }
                options.rows = value
            case "--decode-rows":
                guard let value = count(argument) else { return (nil, "--decode-rows needs a positive integer") }
                options.decodeRows = value
            case "--reps":
                guard let value = count(argument) else { return (nil, "--reps needs a positive integer") }
                options.repetitions = value
            case "--filter":
                guard let value = remaining.popFirst() else { return (nil, "--filter needs text") }
                options.filter = value
            case "--json": options.json = true
            case "--help", "-h": return (nil, nil)
            default: return (nil, "unknown argument '\(argument)'")
            }
        }
        return (options, nil)
    }
}
