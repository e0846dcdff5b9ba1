import AurumCore
import Foundation

/// Where the model lives and how to reach it: an OpenAI-compatible chat-completions endpoint (Together AI by
/// default; Ollama, llama.cpp's server and vLLM work the same).
///
/// Read from the environment and from a JSON config file; the environment wins, key by key:
///
/// | variable | default |
/// |---|---|
/// | `AURUM_LLM_BASE_URL` | `https://api.together.xyz/v1` |
/// | `AURUM_LLM_API_KEY` (else `TOGETHER_API_KEY`) | none |
/// | `AURUM_LLM_MODEL` | `meta-llama/Llama-3.3-70B-Instruct-Turbo` |
/// | `AURUM_LLM_TIMEOUT` (seconds) | 30 |
///
/// The file is Aurum's one config file (``SettingsFile``: `$AURUM_CONFIG`, else `~/.config/aurum/config.json`,
/// keys spelled as the variable or in lower case; refused when it holds a key that group or others may read or
/// write). An endpoint counts as configured when a key or a base URL is set (see docs/configuration.md and
/// `aurum help config`).
public struct LLMConfiguration: Sendable, Equatable {
    /// Together AI's OpenAI-compatible API.
    public static let defaultBaseURL = "https://api.together.xyz/v1"
    /// A current Llama-3-class instruct model served by Together.
    public static let defaultModel = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
    public static let defaultTimeoutSeconds = 30.0

    /// The endpoint's base URL; requests go to `{baseURL}/chat/completions`.
    public var baseURL: String
    /// Sent as `Authorization: Bearer …` when set (a local server usually needs none).
    public var apiKey: String?
    /// The `model` of every request.
    public var model: String
    /// How long one request may take before ``AssistantError/timeout(seconds:)``.
    public var timeoutSeconds: Double
    /// Whether a key or a base URL was set; when not, Aurum uses its offline translator.
    public var isConfigured: Bool
    /// Where the settings came from, for messages ("environment", the config file's path).
    public var origin: String

    public init(
        baseURL: String = defaultBaseURL, apiKey: String? = nil, model: String = defaultModel,
        timeoutSeconds: Double = defaultTimeoutSeconds, isConfigured: Bool = true, origin: String = "explicit"
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeoutSeconds = timeoutSeconds
        self.isConfigured = isConfigured
        self.origin = origin
    }

    /// The configuration from `environment` over the config file it points to (``SettingsFile``).
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AssistantError) -> LLMConfiguration {
        let filePath = SettingsFile.path(environment: environment)
        let file: [String: String]
        do { file = try SettingsFile.read(filePath).settings } catch { throw .invalidConfiguration(error.description) }
        func value(_ variable: String, _ alternates: String...) -> String? {
            for name in [variable] + alternates {
                if let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text }
            }
            for name in [variable] + alternates {
                if let text = file[name], !text.isEmpty { return text }
            }
            return nil
        }
        let baseURL = value("AURUM_LLM_BASE_URL")
        let apiKey = value("AURUM_LLM_API_KEY", "TOGETHER_API_KEY")
        var timeout = defaultTimeoutSeconds
        if let text = value("AURUM_LLM_TIMEOUT") {
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                throw .invalidConfiguration("AURUM_LLM_TIMEOUT must be a positive number of seconds, not '\(text)'")
            }
            timeout = seconds
        }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
                throw .invalidConfiguration("AURUM_LLM_BASE_URL must be an http(s) URL such as \(defaultBaseURL) or http://localhost:11434/v1, not '\(baseURL)'")
            }
        }
        let fromFile = !file.isEmpty
        return LLMConfiguration(
            baseURL: baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? defaultBaseURL,
            apiKey: apiKey,
            model: value("AURUM_LLM_MODEL") ?? defaultModel,
            timeoutSeconds: timeout,
            isConfigured: apiKey != nil || baseURL != nil,
            origin: fromFile ? "environment and \(filePath)" : "environment")
    }
}
