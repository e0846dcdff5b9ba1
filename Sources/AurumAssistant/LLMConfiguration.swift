import Foundation

/// Where the model lives and how to reach it: an OpenAI-compatible chat-completions endpoint (Together AI by
/// default; Ollama, llama.cpp's server and vLLM work the same).
///
/// Read from the environment and from a JSON config file; the environment wins, key by key:
///
/// | variable | config file key | default |
/// |---|---|---|
/// | `AURUM_LLM_BASE_URL` | `aurum_llm_base_url` | `https://api.together.xyz/v1` |
/// | `AURUM_LLM_API_KEY` (else `TOGETHER_API_KEY`) | `aurum_llm_api_key` (else `together_api_key`) | none |
/// | `AURUM_LLM_MODEL` | `aurum_llm_model` | `meta-llama/Llama-3.3-70B-Instruct-Turbo` |
/// | `AURUM_LLM_TIMEOUT` (seconds) | `aurum_llm_timeout` | 30 |
///
/// The file is `$AURUM_CONFIG`, else `~/.config/aurum/config.json`; a missing file is no error, an unreadable
/// one is, and so is one that holds a key while group or others may read or write it (like ssh with its keys:
/// `chmod 600` fixes it). An endpoint counts as configured when a key or a base URL is set (see docs/assistant.md
/// and `aurum help config`).
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

    /// The configuration from `environment` and the config file it points to (or `~/.config/aurum/config.json`
    /// under `HOME`).
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AssistantError) -> LLMConfiguration {
        let filePath = configFilePath(environment: environment)
        let file = try readConfigFile(filePath)
        func value(_ variable: String, _ alternates: String...) -> String? {
            for name in [variable] + alternates {
                if let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text }
            }
            for name in [variable] + alternates {
                if let text = file[name.lowercased()], !text.isEmpty { return text }
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

    /// `$AURUM_CONFIG`, else `$HOME/.config/aurum/config.json`.
    public static func configFilePath(environment: [String: String]) -> String {
        if let path = environment["AURUM_CONFIG"], !path.isEmpty { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/aurum/config.json"
    }

    /// The file's keys, lower-cased, with their values as text (numbers allowed for the timeout); empty when the
    /// file does not exist.
    static func readConfigFile(_ path: String) throws(AssistantError) -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidConfiguration("cannot read \(path) (permission denied or a directory)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
            throw .invalidConfiguration("\(path) must hold one JSON object such as {\"aurum_llm_api_key\": \"…\"}")
        }
        var values: [String: String] = [:]
        for (key, value) in dictionary {
            switch value {
            case let text as String: values[key.lowercased()] = text.trimmingCharacters(in: .whitespaces)
            case let number as NSNumber: values[key.lowercased()] = number.stringValue
            default: throw .invalidConfiguration("\(path): the value of \"\(key)\" must be a string or a number")
            }
        }
        if let secret = secretKeys.first(where: { !(values[$0] ?? "").isEmpty }) {
            try requirePrivate(path, holding: secret)
        }
        return values
    }

    /// The config file's keys whose values are secrets.
    static let secretKeys = ["aurum_llm_api_key", "together_api_key"]

    /// Refuses a file holding `secret` that group or others may read (they would learn the key) or write (they
    /// could point the base URL elsewhere and receive the key with the next request).
    static func requirePrivate(_ path: String, holding secret: String) throws(AssistantError) {
        // The file itself, not a link to it (a link's own mode is always 777; dotfile managers link config files).
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else {
            throw .invalidConfiguration("cannot read the permissions of \(path)")
        }
        guard permissions & 0o077 == 0 else {
            let mode = String(permissions & 0o777, radix: 8)
            throw .invalidConfiguration(
                "\(path) holds \"\(secret)\" but its permissions (\(mode)) let group or others read or write it; "
                    + "run: chmod 600 \(path)")
        }
    }
}
