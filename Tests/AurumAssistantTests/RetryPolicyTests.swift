import AurumAssistant
import Foundation
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testExponentialBackoffCapped() {
        let policy = RetryPolicy(baseDelaySeconds: 1, delayMaxSeconds: 5)
        XCTAssertEqual((0..<5).map { policy.delay(beforeRetry: $0, retryAfter: nil) }, [1, 2, 4, 5, 5])
    }

    func testRetryAfterSecondsAndDate() {
        let policy = RetryPolicy(baseDelaySeconds: 1, delayMaxSeconds: 60)
        XCTAssertEqual(policy.delay(beforeRetry: 2, retryAfter: "7"), 7)
        XCTAssertEqual(policy.delay(beforeRetry: 0, retryAfter: "600"), 60, "capped")
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        XCTAssertEqual(policy.delay(beforeRetry: 0, retryAfter: "Sun, 06 Nov 1994 08:49:47 GMT", now: now), 10, accuracy: 0.001)
        XCTAssertEqual(policy.delay(beforeRetry: 1, retryAfter: "soon", now: now), 2, "unreadable: backoff")
    }
}
