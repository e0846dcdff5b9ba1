/// The command line of a one-shot query as scripts, BI refreshes and benchmarks write it, read without
/// ArgumentParser: `aurum query [--store DIR] [--format FORMAT] SQL`, the options in any order, also written
/// `--store=DIR`.
///
/// ArgumentParser builds a command's options by reflection and looks up protocol conformances for each of
/// them: 23.5M of the 57M instructions of `aurum query --store S "SELECT 1"` on a 10M store, for one process
/// per query. Anything else on the line (another option, a repeated one, a value starting with `-`, an unknown
/// format, a second query, `help`) leaves it to ArgumentParser, which explains what is wrong; so the quick path
/// never accepts a line ArgumentParser would refuse, and `QuickQueryTests` holds its requests equal to
/// ArgumentParser's for the same lines.
enum QuickQuery {
    /// The request for `arguments` (the command line after the program's name), or nil when it is not of the
    /// quick shape.
    static func request(_ arguments: [String]) -> QueryRequest? {
        guard arguments.first == "query" else { return nil }
        var store: String?
        var format: OutputFormat?
        var sql: String?
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                guard sql == nil, argument != "help" else { return nil }
                sql = argument
                continue
            }
            let (name, attached) = split(argument)
            guard let value = attached ?? rest.popFirst(), !value.hasPrefix("-") else { return nil }
            switch name {
            case "--store" where store == nil: store = value
            case "--format" where format == nil:
                guard let chosen = OutputFormat(rawValue: value) else { return nil }
                format = chosen
            default: return nil
            }
        }
        guard let sql else { return nil }
        return QueryRequest(
            directory: StoreOptions.directory(store), source: QuerySource(sql: sql), format: format ?? .table, maxRows: 40,
            formulaGuard: .none, maxWidth: nil, repetitions: 1, chart: nil, chartOut: nil)
    }

    /// `--name=value` → (`--name`, `value`); any other argument → (itself, nil).
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
