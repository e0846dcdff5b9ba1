import AurumAssistant
import Foundation
import XCTest

/// `stub_chat_server.py` run by a test: a chat-completions endpoint on 127.0.0.1 that answers from a script and
/// records every request. Stopped when the test ends.
final class StubChatServer {
    /// One scripted answer.
    enum Reply {
        /// 200 with a chat completion whose message content is `text`.
        case content(String)
        /// Any status with a raw body and extra headers.
        case status(Int, body: String = "", headers: [String: String] = [:])
        /// `reply` after `seconds`.
        indirect case delayed(Double, Reply)

        var json: [String: Any] {
            switch self {
            case .content(let text): ["content": text]
            case .status(let status, let body, let headers): ["status": status, "body": body, "headers": headers]
            case .delayed(let seconds, let reply): reply.json.merging(["delay": seconds]) { _, delay in delay }
            }
        }
    }

    let port: Int
    private let process: Process
    private let recordPath: String

    /// `http://127.0.0.1:PORT/v1`, an `AURUM_LLM_BASE_URL`.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    init(_ script: [Reply], test: XCTestCase) throws {
        let directory = NSTemporaryDirectory() + "aurum-stub-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scriptPath = directory + "/script.json"
        recordPath = directory + "/requests.jsonl"
        try JSONSerialization.data(withJSONObject: script.map(\.json)).write(to: URL(fileURLWithPath: scriptPath))
        let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stub_chat_server.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", server, "--script", scriptPath, "--record", recordPath]
        let output = Pipe()
        process.standardOutput = output
        // The stub exits when this pipe closes: when the test ends, or if the test process dies.
        let input = Pipe()
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw NSError(domain: "StubChatServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "the stub did not start: '\(text)'"])
        }
        self.port = port
        let process = process
        test.addTeardownBlock {
            try? input.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The requests received so far, in order: `method`, `path`, `headers` (lower-case names), `body` (parsed JSON).
    func requests() throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: recordPath) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
    }

    /// The JSON bodies of the requests received so far.
    func bodies() throws -> [[String: Any]] {
        try requests().map { try XCTUnwrap($0["body"] as? [String: Any]) }
    }
}

/// The `messages` of a recorded request body.
func messages(of body: [String: Any]) -> [(role: String, content: String)] {
    ((body["messages"] as? [[String: Any]]) ?? []).map { (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "") }
}

/// Every message's content, joined.
func allText(of body: [String: Any]) -> String {
    messages(of: body).map(\.content).joined(separator: "\n")
}

/// A chat client for `server` with a short timeout and retries that do not wait (the waits asked for are kept
/// in `delays`).
func stubClient(_ server: StubChatServer, key: String? = "test-key", timeoutSeconds: Double = 5, delays: DelayRecorder = DelayRecorder()) -> ChatClient {
    ChatClient(
        configuration: LLMConfiguration(baseURL: server.baseURL, apiKey: key, model: "stub-model", timeoutSeconds: timeoutSeconds),
        retryPolicy: RetryPolicy(retriesMax: 3, baseDelaySeconds: 0.5, sleep: { seconds in delays.record(seconds) }))
}
