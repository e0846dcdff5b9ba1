import ArgumentParser
import AurumQuery
import AurumStorage
import Foundation

/// `aurum translate --to bigquery|duckdb|spark "SQL"`: the query in another engine's SQL, with Aurum's meaning
/// (docs/scale-out.md).
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate", abstract: "Print a query in BigQuery, DuckDB or Spark SQL, with the same meaning as in Aurum.",
        discussion: "The query is checked by Aurum first (against the store's tables), then written from its syntax tree: BigQuery gets SAFE_DIVIDE, ISO weeks, explicit NULL order, exact NUMERIC money sums; DuckDB and Spark what makes their answers Aurum's. A construct the engine cannot say with Aurum's meaning is refused by name. current_date is written as the date Aurum would use.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var input: QueryInput

    @Option(help: "The engine: bigquery, duckdb or spark.")
    var to: SQLDialect

    @Option(help: ArgumentHelp("The project of the tables (BigQuery; needs --dataset).", valueName: "PROJECT"))
    var project: String?

    @Option(help: ArgumentHelp("The dataset (BigQuery), database (Spark) or schema (DuckDB) of the tables.", valueName: "DATASET"))
    var dataset: String?

    @Flag(help: "Translate many queries: one JSON string per line of standard input, one JSON object per line out ({\"sql\": …} or {\"error\": …}).")
    var batch = false

    func validate() throws {
        if project != nil && dataset == nil { throw ValidationError("--project needs --dataset") }
        if project != nil && to != .bigquery { throw ValidationError("--project is BigQuery's; use --dataset for \(to.rawValue)") }
        for value in [project, dataset].compactMap(\.self) where value.isEmpty || value.contains("`") || value.contains(".") || value.contains("\"") {
            throw ValidationError("'\(value)' is not a project or dataset name")
        }
    }

    /// `project.dataset`, `dataset`, or nil.
    static func prefix(project: String?, dataset: String?) -> String? {
        guard let dataset else { return nil }
        return project.map { "\($0).\(dataset)" } ?? dataset
    }

    func run() throws {
        if batch { return try runBatch() }
        try input.withEngine(store: options) { engine, text in
            Console.print(try translator(engine).translate(text))
        }
    }

    private func translator(_ engine: QueryEngine) -> DialectTranslator {
        DialectTranslator(catalog: engine.catalog, dialect: to, today: engine.today, tablePrefix: Self.prefix(project: project, dataset: dataset))
    }

    /// `--batch`: the store opened once for many queries (what the tests translate the corpus with).
    private func runBatch() throws {
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read, cacheBytes: 0)
            let translator = translator(try QueryCatalog.engine(store: store, today: input.today, client: input.client))
            let text = try BoundedReader.standardInputText()
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                guard let data = line.data(using: .utf8), let query = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String else {
                    throw CLIError.invalidOption("standard input line \(number + 1) is not a JSON string")
                }
                let reply: [String: String]
                do {
                    reply = ["sql": try translator.translate(query)]
                } catch let error as QueryError {
                    reply = ["error": error.render(in: query)]
                }
                let out = try JSONSerialization.data(withJSONObject: reply, options: [.sortedKeys, .withoutEscapingSlashes])
                Console.print(String(decoding: out, as: UTF8.self))
            }
        }
    }
}

extension SQLDialect: ChoiceArgument {}
