import AurumAssistant
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
        XCTAssertEqual(LLMConfiguration.configFilePath(environment: ["HOME": home]), home + "/.config/aurum/config.json")
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

    func testAFileHoldingAKeyMustBePrivate() throws {
        let path = try configFile(#"{"together_api_key": "k"}"#)
        for mode in [0o644, 0o640, 0o604, 0o620, 0o602] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            XCTAssertThrowsError(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path]), String(mode, radix: 8)) { error in
                guard case .invalidConfiguration(let message) = error as? AssistantError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("chmod 600 \(path)"), message)
                XCTAssertFalse(message.contains("\"k\""), "the key itself must not be shown: \(message)")
            }
        }
        for mode in [0o600, 0o400] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            XCTAssertEqual(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": path]).apiKey, "k")
        }
        // Through a link, the file's own permissions count.
        let link = NSTemporaryDirectory() + "aurum-config-link-" + UUID().uuidString + ".json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: link) }
        XCTAssertEqual(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": link]).apiKey, "k")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        XCTAssertThrowsError(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": link]))
        // Without a key nothing in the file is secret: a shared, world-readable model choice is fine.
        let shared = try configFile(#"{"aurum_llm_model": "m", "aurum_llm_api_key": ""}"#)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: shared)
        XCTAssertEqual(try LLMConfiguration.resolve(environment: ["AURUM_CONFIG": shared]).model, "m")
    }
}
