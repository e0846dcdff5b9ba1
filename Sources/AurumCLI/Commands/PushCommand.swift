import ArgumentParser
import AurumBigQuery
import AurumCore
import AurumPipeline
import AurumPull
import AurumStorage
import Foundation

/// `aurum push bigquery`: the store's tables into a BigQuery dataset, one load job per table (docs/scale-out.md).
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Load the store's tables into a warehouse (BigQuery).", subcommands: [PushBigQueryCommand.self])
}

/// `aurum push bigquery --project P --dataset D [--tables …] [--location L]`.
struct PushBigQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bigquery", abstract: "Load tables into a BigQuery dataset over its REST API, replacing their rows.",
        discussion: "One load job per table (Parquet by multipart or resumable upload, see --upload; the schema of `aurum export --for bigquery`, Silver and daily Gold partitioned by date and clustered by source, account_id, campaign_id). The job id is derived from the data, so a push run again after a failure does not load a table twice. Credentials: AURUM_BIGQUERY_ACCESS_TOKEN, or a service account key file in GOOGLE_APPLICATION_CREDENTIALS. Exits 1 when a table failed.")

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("The Google Cloud project that runs the jobs and holds the dataset.", valueName: "PROJECT"))
    var project: String

    @Option(help: ArgumentHelp("The dataset the tables go into (it must exist).", valueName: "DATASET"))
    var dataset: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Only these tables (default: every table).", valueName: "TABLE"))
    var tables: [String] = []

    @Option(help: ArgumentHelp("The dataset's location (e.g. EU, US, southamerica-east1).", valueName: "LOCATION"))
    var location: String?

    @Option(help: ArgumentHelp(
        "How each file is sent: multipart (one request), resumable (in chunks of AURUM_BIGQUERY_CHUNK_BYTES, default 8 MiB; a dropped connection resends only what BigQuery lacks) or auto (resumable for a file larger than one chunk).",
        valueName: "METHOD"))
    var upload: BigQueryUploadMethod = .auto

    func validate() throws {
        for (name, value) in [("--project", project), ("--dataset", dataset)] where value.isEmpty || value.contains("/") {
            throw ValidationError("\(name) '\(value)' is not a BigQuery name")
        }
    }

    func run() throws {
        try Console.run {
            let tables = try self.tables.flatMap { $0.split(separator: ",").map(String.init) }.map { BigQueryTable(try TableReader.table(named: $0)) }
            let settings = try BigQuerySettings(environment: SettingsFile.merged(over: ProcessInfo.processInfo.environment))
            let directory = options.directory
            let limits = try ParquetExport.limits()
            let push = BigQueryPush(settings: settings, transport: CurlTransport(timeoutSeconds: settings.politeness.timeoutSeconds))
            let destination = BigQueryPush.Destination(project: project, dataset: dataset, location: location)
            let chosen = tables.isEmpty ? BigQueryTable.all : tables
            let outcomes = try waitFor {
                // Opened on the task that reads it (a store is not shared between threads).
                let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
                return try await push.push(store: store, tables: chosen, to: destination, limits: limits, upload: upload) { outcome in
                    let target = "\(project).\(dataset).\(outcome.table)"
                    if let failure = outcome.failure {
                        Console.error("\(target): FAILED (job \(outcome.jobID.isEmpty ? "not created" : outcome.jobID)): \(failure)")
                    } else {
                        let again = outcome.reused ? " (this data was loaded already by that job)" : ""
                        Console.print("\(target): \(Console.grouped(outcome.rows)) rows loaded, job \(outcome.jobID)\(again)")
                    }
                }
            }
            let failed = outcomes.filter { $0.failure != nil }.count
            if failed > 0 {
                Console.error("\(failed) of \(outcomes.count) tables failed; run the push again once fixed (tables already loaded are not loaded twice)")
                throw ExitCode.failure
            }
        }
    }
}

extension BigQueryUploadMethod: ChoiceArgument {}
