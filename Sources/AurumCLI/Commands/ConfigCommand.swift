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
            Aurum reads its settings from the environment and, for the model endpoint of `aurum ask` and for \
            `aurum pull`, from one JSON config file; the environment wins, variable by variable (an empty variable \
            counts as unset). Nothing else is read.

            CONFIG FILE: $AURUM_CONFIG, else ~/.config/aurum/config.json. One JSON object whose keys are the names \
            of the AURUM_LLM_*, TOGETHER_API_KEY, AURUM_META_*, AURUM_GOOGLE_* and AURUM_PULL_* variables below, \
            spelled as the variable or in lower case, with string or number values, e.g. \
            {"aurum_llm_model": "...", "AURUM_META_ACCESS_TOKEN": "..."}. A missing file is no error. A file \
            holding a secret (a *_KEY, *_TOKEN or *_SECRET variable) must be readable and writable by its owner \
            only (chmod 600): Aurum refuses it otherwise.

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
                  worker threads (default: the processors this process may
                  run on, its CPU affinity)
              AURUM_CACHE_MB
                  the decompressed block cache in MiB (default: a quarter of
                  memory, at most 4096; 0 turns it off)
              AURUM_MEMORY_BUDGET
                  what aurum ingest (and pull) may hold before committing in
                  steps, when --memory-budget is not given: 512MB, 2GiB, 1G,
                  or none (default: half of memory)
              HOME
                  where the default config file and the history file live
              COLUMNS
                  the terminal's width when it cannot be asked (tables, progress, charts)
              LC_ALL, LC_CTYPE, LANG
                  charts draw in Unicode when the locale is UTF-8, else in ASCII (docs/charts.md)
              NO_COLOR
                  set (not empty): charts are never coloured
              AURUM_REPORT_LANG, AURUM_REPORT_LANG_<CLIENT>
                  the language of `aurum report --html` (pt or en; default en), for every
                  client or for one (its name in capitals, other characters as _)

            AURUM PULL (docs/pull.md; secrets are hidden by `aurum config`):
              AURUM_META_ACCESS_TOKEN
                  Meta token with ads_read (secret)
              AURUM_META_GRAPH_URL, AURUM_META_API_VERSION
                  Graph API base URL and version (default https://graph.facebook.com, v23.0)
              AURUM_META_PAGE_LIMIT
                  rows a page asks for (default 500)
              AURUM_META_ASYNC_AFTER_DAYS
                  longer ranges use the asynchronous report (default 31)
              AURUM_META_POLL_SECONDS
                  seconds between polls of a report (default 5)
              AURUM_META_RESTATEMENT_DAYS
                  incremental pulls start this many days before the last day held (default 28)
              AURUM_GOOGLE_ADS_DEVELOPER_TOKEN
                  Google Ads developer token (secret)
              AURUM_GOOGLE_OAUTH_CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET, AURUM_GOOGLE_OAUTH_REFRESH_TOKEN
                  OAuth client and refresh token (the secret and the token are secrets)
              AURUM_GOOGLE_ADS_ACCESS_TOKEN
                  an access token, instead of one from the refresh token (secret)
              AURUM_GOOGLE_ADS_LOGIN_CUSTOMER_ID
                  the manager account when --login-customer is not given
              AURUM_GOOGLE_ADS_URL, AURUM_GOOGLE_ADS_API_VERSION, AURUM_GOOGLE_OAUTH_TOKEN_URL
                  Google Ads API base URL and version, OAuth token endpoint
                  (default https://googleads.googleapis.com, v21, https://oauth2.googleapis.com/token)
              AURUM_GOOGLE_DAYS_PER_REQUEST
                  days per searchStream request (default 31)
              AURUM_GOOGLE_RESTATEMENT_DAYS
                  as the Meta one (default 30)
              AURUM_PULL_RETRIES
                  retries of one request (default 6)
              AURUM_PULL_BACKOFF_SECONDS
                  first backoff wait, doubling each retry up to 64 s (default 1)
              AURUM_PULL_WAIT_MAX_SECONDS
                  a longer wait asked by an API fails the account (default 900)
              AURUM_PULL_WAIT_SCALE
                  every wait is multiplied by this (default 1)
              AURUM_PULL_TIMEOUT_SECONDS
                  a request that gets no data this long is retried (default 120)

            Parquet export (docs/parquet.md; environment only, for files cut finer than the defaults):
              AURUM_PARQUET_ROW_GROUP_BYTES
                  a row group is written once its rows hold this many bytes (default 67108864)
              AURUM_PARQUET_ROW_GROUP_ROWS
                  or this many rows (default: no limit)
              AURUM_PARQUET_PAGE_BYTES
                  a data page is cut at about this many bytes (default 1048576)
              AURUM_PARQUET_DICTIONARY_BYTES
                  a column chunk falls back from dictionary to plain pages past this dictionary size (default 1048576)

            aurum push bigquery, aurum query --on bigquery (docs/scale-out.md; retries and waits are the pull's AURUM_PULL_* above):
              AURUM_BIGQUERY_ACCESS_TOKEN
                  an OAuth access token with the BigQuery scope (secret)
              GOOGLE_APPLICATION_CREDENTIALS
                  a service account's JSON key file, used when no access token is set
              AURUM_BIGQUERY_URL
                  the BigQuery REST API's base URL (default https://bigquery.googleapis.com)
              AURUM_BIGQUERY_POLL_SECONDS
                  seconds between polls of a running load or query job (default 2)
              AURUM_BIGQUERY_PAGE_ROWS
                  rows a page of a query's result holds (default 10000)
              AURUM_BIGQUERY_CHUNK_BYTES
                  bytes of one chunk of a resumable upload, a multiple of 262144 (default 8388608)

            Without a key or a base URL, `aurum ask` uses its offline translator and never touches the network. \
            `aurum config` prints the config file's settings and the variables set, with secrets hidden, and fails \
            when the config file is invalid or not private.
            """)

    func run() throws {
        try Console.run {
            for line in try ConfigReport.lines(environment: ProcessInfo.processInfo.environment) { Console.print(line) }
        }
    }
}
