import AurumCore
import Foundation
import XCTest

final class SettingsFileTests: XCTestCase {
    private func file(_ json: String, mode: Int = 0o600) throws -> String {
        let path = NSTemporaryDirectory() + "aurum-settings-" + UUID().uuidString + ".json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testPath() {
        XCTAssertEqual(SettingsFile.path(environment: ["AURUM_CONFIG": "/x.json", "HOME": "/h"]), "/x.json")
        XCTAssertEqual(SettingsFile.path(environment: ["AURUM_CONFIG": "", "HOME": "/h"]), "/h/.config/aurum/config.json")
    }

    func testBothSpellingsAndNumbersAndTheEnvironmentWinning() throws {
        let path = try file(#"{"AURUM_META_ACCESS_TOKEN": "tok", "aurum_llm_model": " m ", "aurum_pull_retries": 3, "aurum_pull_wait_scale": 0.5}"#)
        let read = try SettingsFile.read(path)
        XCTAssertEqual(read.settings, ["AURUM_META_ACCESS_TOKEN": "tok", "AURUM_LLM_MODEL": "m", "AURUM_PULL_RETRIES": "3", "AURUM_PULL_WAIT_SCALE": "0.5"])
        XCTAssertEqual(read.spelling["AURUM_LLM_MODEL"], "aurum_llm_model")
        let merged = try SettingsFile.merged(over: ["AURUM_CONFIG": path, "AURUM_PULL_RETRIES": "9", "AURUM_LLM_MODEL": "", "OTHER": "o"])
        XCTAssertEqual(merged["AURUM_PULL_RETRIES"], "9", "the environment wins")
        XCTAssertEqual(merged["AURUM_LLM_MODEL"], "m", "an empty variable does not hide the file's value")
        XCTAssertEqual(merged["AURUM_META_ACCESS_TOKEN"], "tok")
        XCTAssertEqual(merged["OTHER"], "o")
    }

    func testAMissingFileIsEmpty() throws {
        XCTAssertEqual(try SettingsFile.merged(over: ["AURUM_CONFIG": "/nonexistent/aurum.json", "A": "1"]), ["AURUM_CONFIG": "/nonexistent/aurum.json", "A": "1"])
    }

    func testBadFilesSayWhatIsWrongWithoutValues() throws {
        let cases: [(String, String)] = [
            ("[1]", "one JSON object"),
            ("{\"aurum_llm_model\": [1]}", "\"aurum_llm_model\" must be a string or a number"),
            ("{\"Aurum_Llm_Model\": \"m\"}", "\"Aurum_Llm_Model\" is not a variable name"),
            ("{\"aurum-llm-model\": \"m\"}", "\"aurum-llm-model\" is not a variable name"),
            ("{\"aurum_llm_model\": \"m\", \"AURUM_LLM_MODEL\": \"n\"}", "name the same variable"),
            ("{\"aurum_config\": \"/elsewhere.json\"}", "cannot be set in the config file"),
        ]
        for (json, expected) in cases {
            let path = try file(json)
            XCTAssertThrowsError(try SettingsFile.read(path), json) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.hasPrefix("config file \(path): "), message)
                XCTAssertTrue(message.contains(expected), message)
            }
        }
    }

    func testSecretsAreNamedByConvention() {
        for name in ["AURUM_LLM_API_KEY", "TOGETHER_API_KEY", "AURUM_META_ACCESS_TOKEN", "AURUM_GOOGLE_ADS_DEVELOPER_TOKEN",
            "AURUM_GOOGLE_ADS_ACCESS_TOKEN", "AURUM_GOOGLE_OAUTH_CLIENT_SECRET", "AURUM_GOOGLE_OAUTH_REFRESH_TOKEN"] {
            XCTAssertTrue(SettingsFile.isSecret(name), name)
        }
        for name in ["AURUM_LLM_MODEL", "AURUM_GOOGLE_OAUTH_TOKEN_URL", "AURUM_GOOGLE_OAUTH_CLIENT_ID", "AURUM_CONFIG"] {
            XCTAssertFalse(SettingsFile.isSecret(name), name)
        }
    }

    func testAFileHoldingASecretMustBePrivate() throws {
        for key in ["AURUM_META_ACCESS_TOKEN", "aurum_google_oauth_refresh_token", "aurum_llm_api_key"] {
            let path = try file("{\"\(key)\": \"s3cret-value\", \"aurum_llm_model\": \"m\"}", mode: 0o644)
            for mode in [0o644, 0o640, 0o604, 0o620, 0o602] {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
                XCTAssertThrowsError(try SettingsFile.read(path), key) { error in
                    let message = String(describing: error)
                    XCTAssertTrue(message.contains("holds \"\(key)\"") && message.hasSuffix("run: chmod 600 \(path)"), message)
                    XCTAssertFalse(message.contains("s3cret-value"), message)
                }
            }
            for mode in [0o600, 0o400] {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
                XCTAssertEqual(try SettingsFile.read(path).settings["AURUM_LLM_MODEL"], "m")
            }
        }
        // Through a link, the file's own permissions count.
        let target = try file(#"{"AURUM_META_ACCESS_TOKEN": "t"}"#)
        let link = NSTemporaryDirectory() + "aurum-settings-link-" + UUID().uuidString + ".json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: link) }
        XCTAssertEqual(try SettingsFile.read(link).settings["AURUM_META_ACCESS_TOKEN"], "t")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        XCTAssertThrowsError(try SettingsFile.read(link))
        // Without a secret (an empty one is none) a shared, world-readable file is fine.
        let shared = try file(#"{"aurum_llm_model": "m", "AURUM_META_ACCESS_TOKEN": ""}"#, mode: 0o644)
        XCTAssertEqual(try SettingsFile.read(shared).settings["AURUM_LLM_MODEL"], "m")
    }
}
