import AurumAssistant
import AurumCore
import Foundation
import XCTest

final class LLMConfigurationTests: XCTestCase {
    private func configFile(_ json: String) throws -> String {
        let path = NSTemporaryDirectory() + "aurum-config-" + UUID().uuidString + ".json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private let noFile = ["AURUM_CONFIG": "/nonexistent/aurum/config.json"]

    func testDefaultsAreNotConfigured() throws {
        let configuration = try LLMConfiguration.resolve(environment: noFile)
        XCTAssertFalse(configuration.isConfigured)
        XCTAssertEqual(configuration.baseURL, "https://api.together.xyz/v1")
        XCTAssertEqual(configuration.model, LLMConfiguration.defaultModel)
        XCTAssertEqual(configuration.timeoutSeconds, 30)
        XCTAssertNil(configuration.apiKey)
    }

    func testAKeyOrABaseURLConfigures() throws {
        XCTAssertTrue(try LLMConfiguration.resolve(environment: noFile.merging(["TOGETHER_API_KEY": "t"]) { $1 }).isConfigured)
        let local = try LLMConfiguration.resolve(environment: noFile.merging(["AURUM_LLM_BASE_URL": "http://localhost:11434/v1/"]) { $1 })
        XCTAssertTrue(local.isConfigured)
        XCTAssertEqual(local.baseURL, "http://localhost:11434/v1")
        XCTAssertNil(local.apiKey)
    }

    func testAurumKeyWinsOverTogetherKey() throws {
        let configuration = try LLMConfiguration.resolve(environment: noFile.merging(["TOGETHER_API_KEY": "t", "AURUM_LLM_API_KEY": "a"]) { $1 })
        XCTAssertEqual(configuration.apiKey, "a")
    }

    func testConfigFileWithEnvironmentWinning() throws {
        let path = try configFile(#"{"aurum_llm_api_key": "file-key", "aurum_llm_model": "file-model", "aurum_llm_timeout": 12, "aurum_llm_base_url": "http://file:8000/v1"}"#)
        let fromFile = try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path])
        XCTAssertEqual(fromFile, LLMConfiguration(baseURL: "http://file:8000/v1", apiKey: "file-key", model: "file-model", timeoutSeconds: 12, isConfigured: true, origin: "environment and \(path)"))
        let mixed = try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path, "AURUM_LLM_MODEL": "env-model", "AURUM_LLM_TIMEOUT": "3.5"])
        XCTAssertEqual(mixed.model, "env-model")
        XCTAssertEqual(mixed.timeoutSeconds, 3.5)
        XCTAssertEqual(mixed.apiKey, "file-key")
    }

    func testDefaultFileUnderHome() throws {
        let home = NSTemporaryDirectory() + "aurum-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home + "/.config/aurum", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: home) }
        try Data(#"{"together_api_key": "k"}"#.utf8).write(to: URL(fileURLWithPath: home + "/.config/aurum/config.json"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home + "/.config/aurum/config.json")
        XCTAssertEqual(SettingsFile.path(environment: ["HOME": home]), home + "/.config/aurum/config.json")
        XCTAssertEqual(try LLMConfiguration.resolve(environment: ["HOME": home]).apiKey, "k")
    }

    func testBadValuesSayWhatIsWrong() throws {
        let cases: [[String: String]] = [
            noFile.merging(["AURUM_LLM_TIMEOUT": "soon"]) { $1 },
            noFile.merging(["AURUM_LLM_TIMEOUT": "-1"]) { $1 },
            noFile.merging(["AURUM_LLM_BASE_URL": "localhost:11434"]) { $1 },
            ["AURUM_CONFIG": try configFile("[1]")],
            ["AURUM_CONFIG": try configFile("{\"aurum_llm_model\": [1]}")],
        ]
        for environment in cases {
            XCTAssertThrowsError(try LLMConfiguration.resolve(environment: environment), "\(environment)") { error in
                guard case .invalidConfiguration = error as? AssistantError else { return XCTFail("\(error)") }
            }
        }
    }

    func testAFileHoldingASecretMustBePrivate() throws {
        // Any secret of Aurum's one config file counts, the pull's too (SettingsFileTests covers the modes and links).
        for json in [#"{"together_api_key": "k"}"#, #"{"aurum_llm_model": "m", "AURUM_META_ACCESS_TOKEN": "k"}"#] {
            let path = try configFile(json)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            XCTAssertThrowsError(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path]), json) { error in
                guard case .invalidConfiguration(let message) = error as? AssistantError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("chmod 600 \(path)"), message)
                XCTAssertFalse(message.contains("\"k\""), "the key itself must not be shown: \(message)")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            XCTAssertNoThrow(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path]))
        }
        // Without a key nothing in the file is secret: a shared, world-readable model choice is fine.
        let shared = try configFile(#"{"aurum_llm_model": "m", "aurum_llm_api_key": ""}"#)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: shared)
        XCTAssertEqual(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": shared]).model, "m")
    }

    func testKeysSpelledAsTheVariable() throws {
        let path = try configFile(#"{"AURUM_LLM_BASE_URL": "http://file:8000/v1", "TOGETHER_API_KEY": "k", "AURUM_PULL_RETRIES": 3}"#)
        let configuration = try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path])
        XCTAssertEqual(configuration.baseURL, "http://file:8000/v1")
        XCTAssertEqual(configuration.apiKey, "k")
        // The environment's key wins over the file's, whichever of the two names either uses.
        XCTAssertEqual(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path, "AURUM_LLM_API_KEY": "e"]).apiKey, "e")
    }
}
