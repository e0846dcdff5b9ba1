/// How `aurum push bigquery` sends a table's Parquet file (`--upload`; docs/scale-out.md).
public enum BigQueryUploadMethod: String, Sendable, CaseIterable {
    /// The job's JSON and the whole file in one `multipart/related` request: one round trip, but a dropped
    /// connection sends the whole file again, and the request is built in memory.
    case multipart
    /// Google's resumable protocol (``ResumableUpload``): a session, then the file in chunks read one at a time;
    /// after a dropped connection or a server error only what BigQuery did not receive is sent again.
    case resumable
    /// Multipart for a file that fits in one chunk (one request either way), resumable for a larger one.
    case auto

    /// The method used for a file of `byteCount` bytes when chunks are `chunkBytes`: never ``auto``.
    public func resolved(byteCount: Int, chunkBytes: Int) -> BigQueryUploadMethod {
        switch self {
        case .multipart, .resumable: self
        case .auto: byteCount > chunkBytes ? .resumable : .multipart
        }
    }
}
