import AurumAssistant
import ArgumentParser
import Foundation

/// `aurum config`: the one place that documents the config file and every environment variable (its help is
/// `aurum help config` and a section of the man page), and shows what is in effect now.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration in effect: the config file and every environment variable.",
        discussion: """
            Aurum reads its settings from the environment and, for the model endpoint of `aurum ask`, from a JSON \
            config file; the environment wins, key by key. Nothing else is read.

            CONFIG FILE: $AURUM_CONFIG, else ~/.config/aurum/config.json. One JSON object whose keys are the \
            lower-case names of the AURUM_LLM_* variables below (and together_api_key), e.g. \
            {"aurum_llm_api_key": "...", "aurum_llm_model": "..."}. A missing file is no error. A file holding an \
            API key must be readable and writable by its owner only (chmod 600): Aurum refuses it otherwise.

            ENVIRONMENT:
              AURUM_STORE
                  the store when --store is not given (default ./aurum-data)
              AURUM_CONFIG
                  the config file (default ~/.config/aurum/config.json)
              AURUM_LLM_API_KEY
                  the model endpoint's API key; setting it turns the model on
              TOGETHER_API_KEY
                  the same, when AURUM_LLM_API_KEY is not set
              AURUM_LLM_BASE_URL
                  an OpenAI-compatible endpoint; setting it turns the model on
                  (default https://api.together.xyz/v1; Ollama: http://localhost:11434/v1)
              AURUM_LLM_MODEL
                  the model (default \(LLMConfiguration.defaultModel))
              AURUM_LLM_TIMEOUT
                  seconds one model request may take (default \(Int(LLMConfiguration.defaultTimeoutSeconds)))
              AURUM_TODAY
                  the day (YYYY-MM-DD) that windows such as "last 30 days" count
                  from when --today is not given (default: the local date)
              AURUM_HISTORY
                  the REPL's history file (default ~/.aurum_history; empty: none)
              AURUM_THREADS
                  worker threads (default: the online processors)
              AURUM_CACHE_MB
                  the decompressed block cache in MiB (default: a quarter of
                  memory, at most 4096; 0 turns it off)
              HOME
                  where the default config file and the history file live

            Without a key or a base URL, `aurum ask` uses its offline translator and never touches the network. \
            `aurum config` prints the settings in effect, with keys hidden, and fails when the config file is \
            invalid or not private.
            """)

    func run() throws {
        try Console.run {
            for line in try ConfigReport.lines(environment: ProcessInfo.processInfo.environment) { Console.print(line) }
        }
    }
}
