import AurumPipeline
import AurumPull
import AurumStorage
import Foundation
import XCTest

@testable import AurumBigQuery

/// The pieces of a load job that the REST stub cannot see apart: job ids, multipart framing, schemas, key files.
final class BigQueryPushTests: XCTestCase {
    private let destination = BigQueryPush.Destination(project: "p", dataset: "d", location: nil)

    func testJobIDIsTheSameForTheSameLoadAndDiffersForAnyOther() {
        let table = BigQueryTable(.adInsights)
        let bytes = "0f" + String(repeating: "a", count: 62)
        let id = BigQueryPush.jobID(table, destination: destination, contentSHA256: bytes)
        XCTAssertEqual(id, BigQueryPush.jobID(table, destination: destination, contentSHA256: bytes))
        XCTAssertTrue(id.hasPrefix("aurum_ad_insights_"))
        XCTAssertEqual(id.count, "aurum_ad_insights_".count + 40)
        XCTAssertTrue(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "BigQuery job ids: letters, digits, _ and -")
        let others = [
            BigQueryPush.jobID(table, destination: .init(project: "q", dataset: "d", location: nil), contentSHA256: bytes),
            BigQueryPush.jobID(table, destination: .init(project: "p", dataset: "e", location: nil), contentSHA256: bytes),
            BigQueryPush.jobID(BigQueryTable(.kpiCampaignDaily), destination: destination, contentSHA256: bytes),
            BigQueryPush.jobID(table, destination: destination, contentSHA256: String(bytes.reversed())),
        ]
        XCTAssertEqual(Set(others + [id]).count, 5)
    }

    func testAFileIsHashedInChunksAsItsBytesAre() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aurum-sha-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for count in [0, 1, 63, 64, 1000, 4097] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            XCTAssertEqual(try SHA256.hex(ofFile: path, chunkBytes: 64), bytes.withUnsafeBytes { SHA256.hex($0) }, "\(count) bytes")
        }
        XCTAssertThrowsError(try SHA256.hex(ofFile: path + ".missing"))
    }

    func testAutoUploadIsResumableOnlyAboveOneChunk() {
        XCTAssertEqual(BigQueryUploadMethod.auto.resolved(byteCount: 8 << 20, chunkBytes: 8 << 20), .multipart)
        XCTAssertEqual(BigQueryUploadMethod.auto.resolved(byteCount: (8 << 20) + 1, chunkBytes: 8 << 20), .resumable)
        XCTAssertEqual(BigQueryUploadMethod.multipart.resolved(byteCount: 1 << 40, chunkBytes: 8 << 20), .multipart)
        XCTAssertEqual(BigQueryUploadMethod.resumable.resolved(byteCount: 1, chunkBytes: 8 << 20), .resumable)
    }

    func testTheChunkSizeIsAMultipleOf256KiB() throws {
        XCTAssertEqual(try BigQuerySettings(environment: [:]).chunkBytes, 8 << 20)
        XCTAssertEqual(try BigQuerySettings(environment: ["AURUM_BIGQUERY_CHUNK_BYTES": "262144"]).chunkBytes, 262_144)
        for bad in ["0", "100000", "-262144", "8M"] {
            XCTAssertThrowsError(try BigQuerySettings(environment: ["AURUM_BIGQUERY_CHUNK_BYTES": bad]), bad)
        }
    }

    func testTheReceivedRangeIsReadStrictly() throws {
        func received(_ range: String?) throws -> Int {
            try ResumableUpload.receivedBytes(HTTPResponse(status: 308, headers: range.map { ["Range": $0] } ?? [:], body: []), byteCount: 1000, table: "t")
        }
        XCTAssertEqual(try received(nil), 0, "no Range: nothing held yet")
        XCTAssertEqual(try received("bytes=0-0"), 1)
        XCTAssertEqual(try received("bytes=0-499"), 500)
        XCTAssertEqual(try received("bytes=0-999"), 1000)
        for bad in ["bytes=0-1000", "bytes=5-9", "bytes=0-", "items=0-9", "bytes=0--1", "garbage"] {
            XCTAssertThrowsError(try received(bad), bad)
        }
    }

    func testMultipartIsTheMetadataThenTheBytes() {
        let body = BigQueryPush.multipart(metadata: Array("{\"a\":1}".utf8), parquet: [0, 1, 2], boundary: "B")
        let expected = Array("--B\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"a\":1}\r\n--B\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            + [0, 1, 2] + Array("\r\n--B--\r\n".utf8)
        XCTAssertEqual(body, expected)
    }

    func testTheBoundaryNeverOccursInTheData() {
        XCTAssertTrue(BigQueryPush.boundary(for: [1, 2, 3]).hasPrefix("aurum_"))
        XCTAssertEqual(BigQueryPush.boundary(for: Array("data".utf8), start: "B"), "B")
        XCTAssertEqual(BigQueryPush.boundary(for: Array("a--B b--Bx c".utf8), start: "B"), "Bxx", "data holding --B and --Bx")
    }

    func testSchemasFollowTheContract() throws {
        let fields = BigQueryTable(.adInsights).fields
        XCTAssertEqual(fields.map(\.name), ContractTable.adInsights.schema.fields.map(\.name))
        XCTAssertEqual(fields.first { $0.name == "spend" }, .init(name: "spend", type: "FLOAT64", mode: "REQUIRED", description: "amount spent, in the account currency (units, not micros)"))
        XCTAssertEqual(fields.first { $0.name == "currency" }?.mode, "NULLABLE")
        XCTAssertEqual(fields.first { $0.name == "date" }?.type, "DATE")
        XCTAssertEqual(fields.first { $0.name == "impressions" }?.type, "INT64")
        for table in BigQueryTable.all {
            for field in table.fields { XCTAssertFalse(field.description.isEmpty, "\(table.name).\(field.name)") }
            let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(table.schemaJSON())) as? [[String: String]])
            XCTAssertEqual(parsed.map { $0["name"] }, table.fields.map(\.name))
        }
        XCTAssertEqual(BigQueryTable(.adInsights).partitionField, "date")
        XCTAssertEqual(BigQueryTable(.kpiCampaignDaily).clusteringFields, ["source", "account_id", "campaign_id"])
        XCTAssertNil(BigQueryTable(.kpiCampaignWeekly).partitionField)
    }

    func testMetadataAsksForAReplacingPartitionedLoad() throws {
        let bytes = BigQueryPush.metadata(BigQueryTable(.adInsights), destination: .init(project: "p", dataset: "d", location: "EU"), jobID: "j")
        let job = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        XCTAssertEqual(job["jobReference"] as? [String: String], ["projectId": "p", "jobId": "j", "location": "EU"])
        let load = try XCTUnwrap((job["configuration"] as? [String: Any])?["load"] as? [String: Any])
        XCTAssertEqual(load["writeDisposition"] as? String, "WRITE_TRUNCATE")
        XCTAssertEqual(load["sourceFormat"] as? String, "PARQUET")
        XCTAssertEqual(load["timePartitioning"] as? [String: String], ["type": "DAY", "field": "date"])
        XCTAssertEqual(load["destinationTable"] as? [String: String], ["projectId": "p", "datasetId": "d", "tableId": "ad_insights"])
    }

    func testKeyFilesThatCannotBeUsedSayWhy() throws {
        let directory = NSTemporaryDirectory() + "aurum-key-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func reason(_ text: String?) -> String {
            let path = directory + "/key.json"
            if let text { FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) } else { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try ServiceAccountKey(path: path).assertion(now: 0)
                return "accepted"
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertTrue(reason(nil).contains("cannot be read"))
        XCTAssertTrue(reason("[1]").hasSuffix("not a JSON object"))
        XCTAssertTrue(reason("{\"type\":\"authorized_user\"}").hasSuffix("a authorized_user key, not a service_account key"))
        XCTAssertTrue(reason("{\"type\":\"service_account\",\"private_key\":\"k\"}").contains("no client_email"))
        // A PEM frame around bytes that are no key at all (framed here, so no key-like text sits in the source).
        let notAKey = ["BEGIN", "END"].map { "-----\($0) " + "PRIVATE" + " KEY-----" }
        XCTAssertTrue(reason("{\"client_email\":\"a@b\",\"private_key\":\"\(notAKey[0])\\nAAAA\\n\(notAKey[1])\\n\"}")
            .hasSuffix("private_key is not an RSA private key in PEM"))
        XCTAssertTrue(reason("{\"client_email\":\"a@b\",\"private_key\":\"k\",\"token_uri\":\"file:///etc/passwd\"}").hasSuffix("token_uri is not an http(s) URL"))
    }

    func testBase64URLHasNoPaddingAndTheURLAlphabet() {
        XCTAssertEqual(ServiceAccountKey.base64URL([0xfb, 0xff]), "-_8")
        XCTAssertEqual(ServiceAccountKey.base64URL(Array("{\"alg\":\"RS256\"}".utf8)), "eyJhbGciOiJSUzI1NiJ9")
    }
}
