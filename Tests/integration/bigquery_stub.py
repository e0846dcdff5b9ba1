"""A local stand-in for the BigQuery REST API's load jobs, query jobs and Google's OAuth token endpoint, for
`aurum push` and `aurum query --on bigquery`.

Serves on 127.0.0.1: `POST /upload/bigquery/v2/projects/{p}/jobs?uploadType=multipart` (checks the multipart
body: the job's JSON metadata, then Parquet bytes that pyarrow must read, whose schema must be the metadata's),
`GET /bigquery/v2/projects/{p}/jobs/{id}` (a job is RUNNING at its first poll, DONE after), and `POST /token`
(the JWT-bearer grant: the assertion's RS256 signature is checked with the service account's public key). An
existing job id is a 409, as BigQuery answers.

Resumable uploads as Google's protocol has them: `POST …/jobs?uploadType=resumable` with the job's JSON (and
`X-Upload-Content-Type`, `X-Upload-Content-Length`) opens a session, answered 200 with its URI in `Location`; `PUT`
to that URI sends a chunk (`Content-Range: bytes a-b/total`; every chunk but the last a multiple of 256 KiB, each
beginning where the bytes held end), answered 308 with `Range: bytes=0-N` until the last, which creates the job
(200, or 409 for an existing id); an empty `PUT` with `Content-Range: bytes */total` asks what is held (308, or
the job once complete). Chunk faults (`fault("chunk", at, what)`): "503" (nothing kept), "drop" (the first half of
the chunk kept, the connection closed unanswered). `POST /bigquery/v2/projects/{p}/queries` (jobs.query) runs the
GoogleSQL query the way BigQuery's meaning reaches DuckDB: sqlglot transpiles it from its BigQuery dialect, the
`project.dataset.table` names become the loaded tables, and DuckDB runs it (without Aurum's SETs); the first
answer of a job says `jobComplete: false`, and `GET …/queries/{jobId}` (getQueryResults) pages the typed rows
(`maxResults`, `pageToken`) as BigQuery does: every value as text, the schema's types INT64, FLOAT64, NUMERIC,
STRING, DATE, BOOL. Every problem the stub finds in a request goes to `problems`, which
a test asserts is empty. Faults are scripted per kind (`fault(kind, at, what)`: the at-th request of that kind).
"""
import base64
import datetime
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import duckdb
import pyarrow
import pyarrow.parquet as pq
import sqlglot
from sqlglot import exp
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

TOKEN = "bq-access-token-0123456789"
ARROW = {"STRING": pyarrow.string(), "DATE": pyarrow.date32(), "INT64": pyarrow.int64(), "FLOAT64": pyarrow.float64()}


_BIGQUERY_TYPE = {"BIGINT": "INT64", "INTEGER": "INT64", "HUGEINT": "INT64", "DOUBLE": "FLOAT64", "FLOAT": "FLOAT64",
                  "DECIMAL": "NUMERIC", "VARCHAR": "STRING", "DATE": "DATE", "BOOLEAN": "BOOL"}


def _cell(value):
    """A value as BigQuery's JSON sends it: text, or null."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class BigQueryStub:
    def __init__(self, public_key=None, client_email=None):
        self.public_key = public_key
        self.dataset = "ads"
        self.client_email = client_email
        self.lock = threading.Lock()
        self.jobs = {}          # job id -> {"table", "polls", "resource"}
        self.loaded = {}        # table -> pyarrow.Table (WRITE_TRUNCATE: the last load)
        self.loads = {}         # table -> how many jobs loaded it
        self.inserts = []       # (job id, metadata) of every insert request that reached the stub
        self.polls = []         # (job id, location) of every GET
        self.problems = []
        self.faults = {}
        self.counts = {}
        self.fail_tables = set()
        self.tokens = {TOKEN}
        self.token_requests = 0
        self.expires_in = 3599
        self.sessions = {}      # resumable upload id -> {"project", "metadata", "total", "data", "answer"}
        self.chunks = []        # (upload id, Content-Range, body bytes) of every PUT to a session
        self.queries = {}       # query job id -> {"rows", "schema", "polls"}
        self.query_requests = []  # (method, job id or query text, parameters) of every jobs.query / getQueryResults
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self, **extra):
        return {"AURUM_BIGQUERY_URL": self.url, "AURUM_BIGQUERY_POLL_SECONDS": "0.01", "AURUM_PULL_WAIT_SCALE": "0.001",
                "AURUM_PULL_RETRIES": "3", "AURUM_PULL_TIMEOUT_SECONDS": "10", **extra}

    def fault(self, kind, at, what):
        self.faults.setdefault(kind, {})[at] = what

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _next_fault(self, kind):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return self.faults.get(kind, {}).pop(self.counts[kind], None)

    def problem(self, text):
        with self.lock:
            self.problems.append(text)

    # --- the endpoints ---

    def token(self, body):
        self.token_requests += 1
        form = parse_qs(body.decode())
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            return 400, {"error": "unsupported_grant_type"}
        header64, claims64, signature64 = (form.get("assertion") or [".."])[0].split(".")
        try:
            self.public_key.verify(b64url_decode(signature64), f"{header64}.{claims64}".encode(), padding.PKCS1v15(), hashes.SHA256())
        except Exception:  # noqa: BLE001 (any failure is a refusal)
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        header, claims = json.loads(b64url_decode(header64)), json.loads(b64url_decode(claims64))
        if header.get("alg") != "RS256" or header.get("typ") != "JWT":
            self.problem(f"JWT header {header}")
        if claims.get("iss") != self.client_email or claims.get("aud") != self.url + "/token" \
                or claims.get("scope") != "https://www.googleapis.com/auth/bigquery" \
                or claims["exp"] - claims["iat"] != 3600 or abs(claims["iat"] - time.time()) > 300:
            self.problem(f"JWT claims {claims}")
        issued = f"issued-{self.token_requests}-0123456789"
        self.tokens.add(issued)
        return 200, {"access_token": issued, "expires_in": self.expires_in, "token_type": "Bearer"}

    def insert(self, project, headers, body):
        content_type = headers.get("Content-Type", "")
        if not content_type.startswith("multipart/related; boundary="):
            self.problem(f"content type {content_type}")
            return 400, {"error": {"code": 400, "message": "not multipart"}}
        boundary = content_type.split("boundary=", 1)[1].encode()
        parts = body.split(b"--" + boundary)
        if len(parts) != 4 or parts[0] != b"" or parts[3] != b"--\r\n":
            self.problem(f"multipart framing: {len(parts)} parts in {len(body)} bytes")
            return 400, {"error": {"code": 400, "message": "bad multipart"}}
        meta_head, meta_body = parts[1].split(b"\r\n\r\n", 1)
        data_head, data_body = parts[2].split(b"\r\n\r\n", 1)
        if b"Content-Type: application/json" not in meta_head or b"Content-Type: application/octet-stream" not in data_head:
            self.problem(f"part headers {meta_head!r} {data_head!r}")
        if not meta_body.endswith(b"\r\n") or not data_body.endswith(b"\r\n"):
            self.problem("a part does not end with CRLF")
        metadata = json.loads(meta_body[:-2])
        return self.create(project, metadata, data_body[:-2], self._next_fault("insert"))

    def create(self, project, metadata, data, fault=None):
        """Checks a load job's metadata against its Parquet bytes and creates the job (RUNNING), as both kinds of
        upload end."""
        table = pq.read_table(io.BytesIO(data))
        reference = metadata["jobReference"]
        load = metadata["configuration"]["load"]
        name = load["destinationTable"]["tableId"]
        with self.lock:
            self.inserts.append((reference["jobId"], metadata))
        if reference["projectId"] != project or load["destinationTable"]["projectId"] != project:
            self.problem(f"{name}: project {reference}")
        if load["sourceFormat"] != "PARQUET" or load["writeDisposition"] != "WRITE_TRUNCATE":
            self.problem(f"{name}: load {load}")
        fields = load["schema"]["fields"]
        if [(f["name"], ARROW[f["type"]], f["mode"] == "NULLABLE") for f in fields] != \
                [(c.name, c.type, c.nullable) for c in table.schema]:
            self.problem(f"{name}: schema {fields} is not the Parquet file's {table.schema}")
        if any(not f.get("description") for f in fields):
            self.problem(f"{name}: a field without description")
        if fault == "quota":
            return 403, {"error": {"code": 403, "message": "Quota exceeded: Your table exceeded quota for imports or query appends per table",
                                   "errors": [{"reason": "quotaExceeded"}]}}
        if fault == "500":
            return 500, {"error": {"code": 500, "message": "backend error", "errors": [{"reason": "backendError"}]}}
        with self.lock:
            if reference["jobId"] in self.jobs:
                return 409, {"error": {"code": 409, "message": f"Already Exists: Job {project}:{reference['jobId']}",
                                       "status": "ALREADY_EXISTS"}}
            resource = {"jobReference": reference, "configuration": metadata["configuration"], "status": {"state": "RUNNING"}}
            self.jobs[reference["jobId"]] = {"table": name, "polls": 0, "resource": resource, "data": table}
        if fault == "drop":
            return None, None  # the job exists, the client never hears of it
        return 200, resource

    def open_session(self, project, headers, body):
        """`POST …/jobs?uploadType=resumable`: a new upload session for the job in `body`."""
        if not headers.get("Content-Type", "").startswith("application/json"):
            self.problem(f"session content type {headers.get('Content-Type')}")
        if headers.get("X-Upload-Content-Type") != "application/octet-stream":
            self.problem(f"X-Upload-Content-Type {headers.get('X-Upload-Content-Type')}")
        total = headers.get("X-Upload-Content-Length")
        if total is None or not total.isdigit():
            self.problem(f"X-Upload-Content-Length {total}")
            return 400, {"error": {"code": 400, "message": "no X-Upload-Content-Length"}}
        metadata = json.loads(body)
        fault = self._next_fault("open")
        if fault == "500":
            return 500, {"error": {"code": 500, "message": "backend error", "errors": [{"reason": "backendError"}]}}
        with self.lock:
            upload_id = f"up{len(self.sessions) + 1}"
            self.sessions[upload_id] = {"project": project, "metadata": metadata, "total": int(total), "data": bytearray(),
                                        "answer": None}
        location = f"{self.url}/upload/bigquery/v2/projects/{project}/jobs?uploadType=resumable&upload_id={upload_id}"
        return 200, None, {"Location": location}

    def put(self, upload_id, headers, body):
        """`PUT` to a session: a chunk, or (empty, `bytes */total`) the question of what is held."""
        session = self.sessions.get(upload_id)
        if session is None:
            return 404, {"error": {"code": 404, "message": "upload session not found"}}
        content_range = headers.get("Content-Range", "")
        with self.lock:
            self.chunks.append((upload_id, content_range, len(body)))
        total = session["total"]
        if not content_range.startswith("bytes ") or not content_range.endswith(f"/{total}"):
            self.problem(f"{upload_id}: Content-Range {content_range!r} for {total} bytes")
            return 400, {"error": {"code": 400, "message": "bad Content-Range"}}
        span = content_range[len("bytes "):-len(f"/{total}")]
        if span == "*":
            if body:
                self.problem(f"{upload_id}: a status query with a body")
            return self._held(session)
        first, last = (int(x) for x in span.split("-"))
        if session["answer"] is not None:
            self.problem(f"{upload_id}: a chunk after the upload completed")
            return session["answer"]
        if first != len(session["data"]) or last - first + 1 != len(body) or last >= total:
            self.problem(f"{upload_id}: chunk {span} of {len(body)} bytes when {len(session['data'])} are held")
            return 400, {"error": {"code": 400, "message": "chunk out of place"}}
        if last != total - 1 and len(body) % (256 << 10) != 0:
            self.problem(f"{upload_id}: a chunk of {len(body)} bytes, not a multiple of 256 KiB, before the last")
        fault = self._next_fault("chunk")
        if fault == "503":
            return 503, {"error": {"code": 503, "message": "Service Unavailable", "errors": [{"reason": "backendError"}]}}
        if fault == "drop":
            session["data"] += body[:len(body) // 2]
            return None, None
        session["data"] += body
        if len(session["data"]) < total:
            return self._held(session)
        session["answer"] = self.create(session["project"], session["metadata"], bytes(session["data"]))
        return session["answer"]

    @staticmethod
    def _held(session):
        if session["answer"] is not None:
            return session["answer"]
        held = len(session["data"])
        return 308, None, ({"Range": f"bytes=0-{held - 1}"} if held else {})

    def get(self, project, job_id, location):
        with self.lock:
            self.polls.append((job_id, location))
            job = self.jobs.get(job_id)
            if job is None:
                return 404, {"error": {"code": 404, "message": f"Not found: Job {project}:{job_id}"}}
            job["polls"] += 1
            resource = job["resource"]
            if job["polls"] >= 2 and resource["status"]["state"] != "DONE":
                resource["status"] = {"state": "DONE"}
                if job["table"] in self.fail_tables:
                    error = {"reason": "invalid", "location": "gs://upload", "message": f"Error while reading data, table {job['table']}"}
                    resource["status"] = {"state": "DONE", "errorResult": error,
                                          "errors": [error, {"reason": "invalid", "message": "Too many errors"}]}
                else:
                    self.loaded[job["table"]] = job["data"]
                    self.loads[job["table"]] = self.loads.get(job["table"], 0) + 1
                    resource["statistics"] = {"load": {"outputRows": str(job["data"].num_rows)}}
            return 200, resource

    def query(self, project, body):
        request = json.loads(body)
        with self.lock:
            self.query_requests.append(("POST", request.get("query"), {k: v for k, v in request.items() if k != "query"}))
        if request.get("useLegacySql") is not False:
            self.problem(f"useLegacySql is {request.get('useLegacySql')!r}, not false")
        try:
            tree = sqlglot.parse_one(request["query"], read="bigquery")
            for table in tree.find_all(exp.Table):
                if table.args.get("db"):
                    if (table.catalog, table.db) != (project, self.dataset):
                        return 404, {"error": {"code": 404, "message": f"Not found: Dataset {table.catalog}:{table.db}"}}
                    table.set("catalog", None)
                    table.set("db", None)
            con = duckdb.connect()
            for name, data in self.loaded.items():
                con.register(name, data)
            cursor = con.execute(tree.sql(dialect="duckdb"))
            rows = cursor.fetchall()
            schema = [{"name": column[0], "type": _BIGQUERY_TYPE.get(str(column[1]).split("(")[0], "STRING"), "mode": "NULLABLE"}
                      for column in cursor.description]
            # BigQuery's DATE_TRUNC and DATE_ADD of a DATE are DATEs; DuckDB's (as sqlglot writes them) TIMESTAMPs
            # at midnight: answered as the DATEs BigQuery sends.
            for index, column in enumerate(cursor.description):
                if str(column[1]) == "TIMESTAMP":
                    if any(row[index] is not None and row[index].time() != datetime.time(0) for row in rows):
                        self.problem(f"column {column[0]}: a TIMESTAMP that is not a date")
                    schema[index]["type"] = "DATE"
                    rows = [row[:index] + (None if row[index] is None else row[index].date(),) + row[index + 1:] for row in rows]
        except (sqlglot.errors.SqlglotError, duckdb.Error) as error:
            return 400, {"error": {"code": 400, "message": f"Syntax error: {error}", "errors": [{"reason": "invalidQuery"}]}}
        with self.lock:
            job_id = f"job_q{len(self.queries) + 1}"
            self.queries[job_id] = {"rows": [[_cell(v) for v in row] for row in rows], "schema": schema, "polls": 0}
        reference = {"projectId": project, "jobId": job_id, "location": request.get("location", "US")}
        # The first answer: the job has not completed within the request's wait.
        return 200, {"kind": "bigquery#queryResponse", "jobReference": reference, "jobComplete": False}

    def results(self, project, job_id, parameters):
        with self.lock:
            self.query_requests.append(("GET", job_id, parameters))
            job = self.queries.get(job_id)
        if job is None:
            return 404, {"error": {"code": 404, "message": f"Not found: Job {project}:{job_id}"}}
        page = int(parameters.get("maxResults", "100000"))
        start = int(parameters["pageToken"].split(":")[1]) if "pageToken" in parameters else 0
        rows = job["rows"][start:start + page]
        answer = {"kind": "bigquery#getQueryResultsResponse", "jobComplete": True, "schema": {"fields": job["schema"]},
                  "jobReference": {"projectId": project, "jobId": job_id}, "totalRows": str(len(job["rows"])),
                  "rows": [{"f": [{"v": value} for value in row]} for row in rows]}
        if start + page < len(job["rows"]):
            answer["pageToken"] = f"page:{start + page}"
        return 200, answer

    def _handler(stub):  # noqa: N805 (the handler class closes over the stub)
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def authorised(self):
                header = self.headers.get("Authorization", "")
                return header.startswith("Bearer ") and header[len("Bearer "):] in stub.tokens

            def answer(self, status, body, headers=None):
                if status is None:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except BrokenPipeError:
                    self.close_connection = True  # the client stopped listening (a retry is on its way)

            def body(self):
                """The request's body, or None when it did not all arrive."""
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:
                    # The client gave up on this connection before its body (curl does when the connection it
                    # reused turns out closed, and sends the request again on a new one): no request arrived.
                    self.close_connection = True
                    return None
                return body

            def do_POST(self):  # noqa: N802
                body = self.body()
                if body is None:
                    return
                url = urlsplit(self.path)
                if url.path == "/token":
                    return self.answer(*stub.token(body))
                parts = url.path.split("/")
                if url.path.startswith("/upload/bigquery/v2/projects/") and parts[-1] == "jobs" \
                        and parse_qs(url.query).get("uploadType") == ["multipart"]:
                    if not self.authorised():
                        return self.answer(401, {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                                           "status": "UNAUTHENTICATED"}})
                    return self.answer(*stub.insert(parts[5], self.headers, body))
                if url.path.startswith("/upload/bigquery/v2/projects/") and parts[-1] == "jobs" \
                        and parse_qs(url.query).get("uploadType") == ["resumable"] and "upload_id" not in parse_qs(url.query):
                    if not self.authorised():
                        return self.answer(401, {"error": {"code": 401, "message": "invalid credentials"}})
                    return self.answer(*stub.open_session(parts[5], self.headers, body))
                if url.path.startswith("/bigquery/v2/projects/") and len(parts) == 6 and parts[5] == "queries":
                    if not self.authorised():
                        return self.answer(401, {"error": {"code": 401, "message": "invalid credentials"}})
                    return self.answer(*stub.query(parts[4], body))
                self.answer(404, {"error": {"code": 404, "message": f"no route {url.path}"}})

            def do_PUT(self):  # noqa: N802
                body = self.body()
                if body is None:
                    return
                url = urlsplit(self.path)
                upload_id = parse_qs(url.query).get("upload_id", [None])[0]
                if url.path.startswith("/upload/bigquery/v2/projects/") and upload_id is not None:
                    # The session URI is itself the authority (Google's does not need the token either).
                    return self.answer(*stub.put(upload_id, self.headers, body))
                self.answer(404, {"error": {"code": 404, "message": f"no route {url.path}"}})

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                parts = url.path.split("/")
                if url.path.startswith("/bigquery/v2/projects/") and len(parts) == 7 and parts[5] == "jobs":
                    if not self.authorised():
                        return self.answer(401, {"error": {"code": 401, "message": "invalid credentials"}})
                    location = parse_qs(url.query).get("location", [None])[0]
                    return self.answer(*stub.get(parts[4], parts[6], location))
                if url.path.startswith("/bigquery/v2/projects/") and len(parts) == 7 and parts[5] == "queries":
                    if not self.authorised():
                        return self.answer(401, {"error": {"code": 401, "message": "invalid credentials"}})
                    parameters = {key: values[0] for key, values in parse_qs(url.query).items()}
                    return self.answer(*stub.results(parts[4], parts[6], parameters))
                self.answer(404, {"error": {"code": 404, "message": f"no route {url.path}"}})

        return Handler
