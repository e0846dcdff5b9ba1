import AurumAssistant
import AurumStorage
import ArgumentParser
import Foundation

/// `aurum eval`: scores a translator on an evaluation set by running each question's expected and produced
/// queries against the store and comparing the results (docs/offline-translator.md, docs/assistant.md).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the offline translator or the model on an evaluation set; prints the accuracy and every miss.",
        discussion: "The set's expected queries are run against the store (build it from datasets/sample for the repository's set: `make demo`).")

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("The evaluation set: JSON Lines of {question, expected_query, today}.", valueName: "FILE"))
    var file = "datasets/eval/questions.jsonl"

    @Flag(help: "Score the built-in offline translator (the default when no model endpoint is configured).")
    var offline = false

    @Flag(help: "Score the configured model endpoint.")
    var model = false

    @Option(name: .customLong("min-accuracy"), help: ArgumentHelp("Exit with status 1 below this accuracy (0 to 1).", valueName: "RATIO"))
    var minAccuracy: Double?

    func validate() throws {
        if offline && model { throw ValidationError("--offline and --model exclude each other") }
    }

    func run() throws {
        try Console.run {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.unreadable(path: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied or a directory" : "no such file")
            }
            let (cases, unreadable) = Evaluation.cases(jsonLines: String(decoding: data, as: UTF8.self))
            let store = try Store(directory: options.directory, mode: .read)
            let (translator, _) = try AssistantSetup.translator(AssistantSetup.choice(offline: offline, model: model))
            let evaluation = Handoff(
                value: Evaluation(
                    makeEngine: { today in try QueryCatalog.engine(store: store, today: today.description) },
                    makeContext: AssistantSetup.context(engine:)))
            let report = waitFor { await evaluation.value.run(cases, unreadable: unreadable, translator: translator) }
            Console.print(report.description)
            if let minAccuracy, report.accuracy < minAccuracy { throw ExitCode.failure }
        }
    }
}
