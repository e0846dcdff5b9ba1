import AurumAssistant
import Foundation
import XCTest

/// The HTTP client against `stub_chat_server.py` on 127.0.0.1: request shape, retries, timeouts, errors.
final class ChatClientTests: XCTestCase {
    private let conversation = [ChatMessage.system("be brief"), ChatMessage.user("hello")]

    func testRequestShape() async throws {
        let server = try StubChatServer([.content("hi")], test: self)
        let reply = try await stubClient(server).complete(conversation, structured: true)
        XCTAssertEqual(reply, "hi")
        let request = try XCTUnwrap(try server.requests().first)
        XCTAssertEqual(request["method"] as? String, "POST")
        XCTAssertEqual(request["path"] as? String, "/v1/chat/completions")
        let headers = try XCTUnwrap(request["headers"] as? [String: String])
        XCTAssertEqual(headers["authorization"], "Bearer test-key")
        XCTAssertEqual(headers["content-type"], "application/json")
        let body = try XCTUnwrap(request["body"] as? [String: Any])
        XCTAssertEqual(body["model"] as? String, "stub-model")
        XCTAssertEqual(body["temperature"] as? Double, 0)
        XCTAssertEqual(messages(of: body).map(\.role), ["system", "user"])
        let format = try XCTUnwrap(body["response_format"] as? [String: Any])
        XCTAssertEqual(format["type"] as? String, "json_schema")
        let schema = try XCTUnwrap((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
        XCTAssertEqual(schema["required"] as? [String], ["query", "explanation"])
    }

    func testFreeTextRequestHasNoResponseFormatAndNoKeyMeansNoAuthorization() async throws {
        let server = try StubChatServer([.content("narrative")], test: self)
        _ = try await stubClient(server, key: nil).complete(conversation, structured: false)
        let request = try XCTUnwrap(try server.requests().first)
        XCTAssertNil((request["headers"] as? [String: String])?["authorization"])
        XCTAssertNil((request["body"] as? [String: Any])?["response_format"])
    }

    func test429ThenSuccessHonoursRetryAfter() async throws {
        let server = try StubChatServer(
            [.status(429, body: "{\"error\":\"rate limited\"}", headers: ["Retry-After": "2"]), .content("ok")], test: self)
        let delays = DelayRecorder()
        let reply = try await stubClient(server, delays: delays).complete(conversation, structured: true)
        XCTAssertEqual(reply, "ok")
        XCTAssertEqual(try server.requests().count, 2)
        XCTAssertEqual(delays.delays, [2])
    }

    func test5xxBacksOffExponentially() async throws {
        let server = try StubChatServer([.status(503), .status(500), .status(502), .content("ok")], test: self)
        let delays = DelayRecorder()
        let reply = try await stubClient(server, delays: delays).complete(conversation, structured: false)
        XCTAssertEqual(reply, "ok")
        XCTAssertEqual(delays.delays, [0.5, 1, 2])
    }

    func testRetriesExhaustedIsANetworkError() async throws {
        let server = try StubChatServer([.status(503, body: "overloaded")], test: self)
        do {
            _ = try await stubClient(server).complete(conversation, structured: false)
            XCTFail("expected an error")
        } catch {
            guard case .network(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("HTTP 503"), message)
            XCTAssertTrue(message.contains("overloaded"), message)
        }
        XCTAssertEqual(try server.requests().count, 4, "one try and 3 retries")
    }

    func testTimeout() async throws {
        let server = try StubChatServer([.delayed(5, .content("too late"))], test: self)
        let started = Date()
        do {
            _ = try await stubClient(server, timeoutSeconds: 0.5).complete(conversation, structured: true)
            XCTFail("expected a timeout")
        } catch {
            XCTAssertEqual(error, .timeout(seconds: 0.5))
            XCTAssertTrue(error.description.contains("AURUM_LLM_TIMEOUT"))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func test401NamesTheKeyVariables() async throws {
        let server = try StubChatServer([.status(401, body: "{\"error\":\"invalid api key\"}")], test: self)
        do {
            _ = try await stubClient(server).complete(conversation, structured: true)
            XCTFail("expected an error")
        } catch {
            guard case .unauthorized(let status, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 401)
            XCTAssertTrue(error.description.contains("AURUM_LLM_API_KEY"), error.description)
            XCTAssertTrue(error.description.contains("TOGETHER_API_KEY"), error.description)
        }
        XCTAssertEqual(try server.requests().count, 1, "401 is not retried")
    }

    func test403WithoutKeySaysNoKeyIsSet() async throws {
        let server = try StubChatServer([.status(403)], test: self)
        do {
            _ = try await stubClient(server, key: nil).complete(conversation, structured: true)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.description.contains("no API key is set"), error.description)
        }
    }

    func testConnectionRefusedSaysWhatToSet() async throws {
        // Port 9 (discard) on 127.0.0.1: nothing listens there.
        let client = ChatClient(
            configuration: LLMConfiguration(baseURL: "http://127.0.0.1:9/v1", apiKey: nil, model: "m", timeoutSeconds: 5),
            retryPolicy: RetryPolicy(sleep: { _ in }))
        do {
            _ = try await client.complete(conversation, structured: true)
            XCTFail("expected an error")
        } catch {
            guard case .network(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("AURUM_LLM_BASE_URL"), message)
        }
    }

    func testEndpointWithoutResponseFormatIsAskedAgainWithoutIt() async throws {
        let server = try StubChatServer(
            [.status(400, body: "{\"error\":{\"message\":\"Unsupported parameter: response_format\"}}"), .content("{\"query\":\"SELECT 1\"}"),
             .content("second")], test: self)
        let client = stubClient(server)
        let reply = try await client.complete(conversation, structured: true)
        XCTAssertEqual(reply, "{\"query\":\"SELECT 1\"}")
        XCTAssertTrue(client.structuredOutputRefused)
        _ = try await client.complete(conversation, structured: true)
        let bodies = try server.bodies()
        XCTAssertEqual(bodies.count, 3)
        XCTAssertNotNil(bodies[0]["response_format"])
        XCTAssertNil(bodies[1]["response_format"])
        XCTAssertNil(bodies[2]["response_format"], "not asked again once refused")
    }

    func testOther400IsNotRetried() async throws {
        let server = try StubChatServer([.status(404, body: "{\"error\":\"model not found\"}")], test: self)
        do {
            _ = try await stubClient(server).complete(conversation, structured: true)
            XCTFail("expected an error")
        } catch {
            guard case .network(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("HTTP 404") && message.contains("AURUM_LLM_MODEL"), message)
        }
        XCTAssertEqual(try server.requests().count, 1)
    }

    func testReplyWithoutChoicesIsMalformed() async throws {
        let server = try StubChatServer([.status(200, body: "{\"object\":\"error\"}")], test: self)
        do {
            _ = try await stubClient(server).complete(conversation, structured: true)
            XCTFail("expected an error")
        } catch {
            guard case .malformedReply = error else { return XCTFail("\(error)") }
        }
    }
}
