import ArgumentParser
import AurumBigQuery
import AurumCore
import AurumPull
import AurumQuery
import Foundation

/// Where `aurum query --on` runs a query other than the store.
enum Warehouse: String, ChoiceArgument, CaseIterable {
    case bigquery
}

/// `--on bigquery --project P --dataset D [--location L]`: run the query in BigQuery, over the tables `aurum push
/// bigquery` loaded, and print its rows as a local result (docs/scale-out.md).
struct WarehouseOptions: ParsableArguments {
    @Option(name: .customLong("on"), help: ArgumentHelp(
        "Run the query in a warehouse instead of the store: bigquery (translated as `aurum translate --to bigquery` does; the store gives the tables' columns).",
        valueName: "WAREHOUSE"))
    var warehouse: Warehouse?

    @Option(help: ArgumentHelp("With --on bigquery: the project that runs the query and holds the dataset.", valueName: "PROJECT"))
    var project: String?

    @Option(help: ArgumentHelp("With --on bigquery: the dataset `aurum push bigquery` loaded.", valueName: "DATASET"))
    var dataset: String?

    @Option(help: ArgumentHelp("With --on bigquery: the dataset's location (EU, US, …).", valueName: "LOCATION"))
    var location: String?

    func validate() throws {
        guard warehouse != nil else {
            if project != nil || dataset != nil || location != nil { throw ValidationError("--project, --dataset and --location go with --on bigquery") }
            return
        }
        guard let project, let dataset else { throw ValidationError("--on bigquery needs --project and --dataset") }
        for (name, value) in [("--project", project), ("--dataset", dataset)] where value.isEmpty || value.contains("/") || value.contains("`") || value.contains(".") {
            throw ValidationError("\(name) '\(value)' is not a BigQuery name")
        }
    }

    /// Runs `text` (one SELECT, checked and translated by Aurum first) in the warehouse; its rows under the names
    /// and types of Aurum's own plan.
    func run(_ text: String, engine: QueryEngine) throws -> Batch {
        guard let project, let dataset else { throw CLIError.invalidOption("--on bigquery needs --project and --dataset") }
        let plan = try engine.prepare(text)
        let sql = try DialectTranslator(catalog: engine.catalog, dialect: .bigquery, today: engine.today, tablePrefix: "\(project).\(dataset)").translate(text)
        let settings = try BigQuerySettings(environment: SettingsFile.merged(over: ProcessInfo.processInfo.environment))
        let runner = BigQueryQuery(settings: settings, transport: CurlTransport(timeoutSeconds: settings.politeness.timeoutSeconds))
        let location = self.location
        let fields = plan.outputFields
        return try waitFor { try await runner.run(sql, project: project, location: location, fields: fields) }
    }
}
