"""Local stand-ins for the Meta Graph API (Insights) and the Google Ads API (SearchStream), for `aurum pull` tests.

One threaded HTTP server on 127.0.0.1 serves both APIs from the rows of a tree written by datasets/generate.py:
Meta Insights pages (`limit`, `paging.next` with an `after` cursor, the asynchronous report flow), Google
searchStream bodies (arrays of batches), and an OAuth token endpoint. Faults are scripted per kind of request
(`Stub.fault(kind, at, what)`: the at-th request of that kind gets the fault, once) so tests can show throttling,
errors in the middle, dropped connections and expired tokens. Every data body served in full is also written to
`record_dir` in serving order, so a test can ingest exactly what the pull received.
"""
import base64
import json
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

META_TOKEN = "meta-token-0123456789"
GOOGLE_TOKEN = "google-token-initial-0123"
DEVELOPER_TOKEN = "dev-token-0123456789"
CLIENT_ID = "client-id-0123"
CLIENT_SECRET = "client-secret-0123456789"
REFRESH_TOKEN = "refresh-token-0123456789"


def load_rows(tree):
    """{account digits: [meta row]} and {customer id: [google result]} from a generated tree (last pull wins)."""
    meta, google = {}, {}
    for path in sorted(Path(tree, "meta").rglob("*.json")):
        for row in json.loads(path.read_text())["data"]:
            meta.setdefault(row["account_id"], {})[(row["ad_id"], row["date_start"])] = row
    for path in sorted(Path(tree, "google").rglob("*.json")):
        for batch in json.loads(path.read_text()):
            for result in batch.get("results", []):
                key = (result["adGroupAd"]["ad"]["id"], result["segments"]["date"])
                google.setdefault(result["customer"]["id"], {})[key] = result
    sort = lambda rows: [rows[key] for key in sorted(rows)]  # noqa: E731
    return {k: sort(v) for k, v in meta.items()}, {k: sort(v) for k, v in google.items()}


class Stub:
    def __init__(self, tree, record_dir=None, async_polls=2, keep_bodies=False):
        self.meta, self.google = load_rows(tree)
        # Data bodies kept by request once rendered (a throughput run then measures the pull, not json.dumps).
        self.bodies = {} if keep_bodies else None
        self.record_dir = Path(record_dir) if record_dir else None
        self.recorded = 0
        self.async_polls = async_polls
        self.lock = threading.Lock()
        self.counts = {}
        self.faults = {}
        self.reports = {}
        self.valid_google_tokens = {GOOGLE_TOKEN}
        self.issued = 0
        self.requests = []
        self.cache = {}
        self.version = 0  # bumped by restate(), so cached ranges are recomputed
        self.delay = 0.0  # seconds before each answer (to give kill tests something to interrupt)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def env(self, **extra):
        """The environment variables that point `aurum pull` at this stub, with tiny waits."""
        env = {
            "AURUM_META_GRAPH_URL": self.url, "AURUM_META_ACCESS_TOKEN": META_TOKEN,
            "AURUM_GOOGLE_ADS_URL": self.url, "AURUM_GOOGLE_ADS_DEVELOPER_TOKEN": DEVELOPER_TOKEN,
            "AURUM_GOOGLE_ADS_ACCESS_TOKEN": GOOGLE_TOKEN, "AURUM_GOOGLE_OAUTH_TOKEN_URL": self.url + "/token",
            "AURUM_PULL_WAIT_SCALE": "0.001", "AURUM_META_POLL_SECONDS": "1", "AURUM_PULL_TIMEOUT_SECONDS": "10",
        }
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def fault(self, kind, at, what):
        """The `at`-th request (1-based, counted from now) of `kind` ('meta_page', 'meta_report', 'meta_poll',
        'google', 'token') gets `what` instead of its answer."""
        with self.lock:
            self.faults[(kind, self.counts.get(kind, 0) + at)] = what

    def restate(self, source, day, clicks_delta):
        """Changes the clicks of every row of `day` (a late restatement)."""
        with self.lock:
            self.version += 1
            rows = self.meta if source == "meta" else self.google
            for account_rows in rows.values():
                for row in account_rows:
                    if source == "meta" and row["date_start"] == day:
                        row["clicks"] = str(int(row.get("clicks", "0")) + clicks_delta)
                    elif source == "google" and row["segments"]["date"] == day:
                        metrics = row.setdefault("metrics", {})
                        metrics["clicks"] = str(int(metrics.get("clicks", "0")) + clicks_delta)

    # ------------------------------------------------------------------------------------------------

    def _count(self, kind):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return self.faults.pop((kind, self.counts[kind]), None)

    def _record(self, body):
        if self.record_dir is None:
            return
        with self.lock:
            self.recorded += 1
            self.record_dir.mkdir(parents=True, exist_ok=True)
            (self.record_dir / f"{self.recorded:06d}.json").write_bytes(body)

    def _meta_page(self, base_path, query, rows):
        limit = int(query.get("limit", ["25"])[0])
        offset = int(base64.b64decode(query["after"][0]).decode()) if "after" in query else 0
        data = rows[offset:offset + limit]
        page = {"data": data}
        if offset + limit < len(rows):
            after = base64.b64encode(str(offset + limit).encode()).decode()
            kept = {k: v[0] for k, v in query.items() if k != "after"}
            kept["after"] = after
            link = self.url + base_path + "?" + "&".join(f"{k}={_quote(v)}" for k, v in sorted(kept.items()))
            page["paging"] = {"cursors": {"before": "MA", "after": after}, "next": link}
        elif data:
            page["paging"] = {"cursors": {"before": "MA", "after": "MQ"}}
        return json.dumps(page, separators=(",", ":")).encode()

    def _kept(self, key, render):
        """The body `render` gives, rendered once per request and data version when bodies are kept."""
        if self.bodies is None:
            return render()
        key = (key, self.version)
        if key not in self.bodies:
            self.bodies[key] = render()
        return self.bodies[key]

    def _meta_rows(self, account, since, until):
        key = (account, since, until, self.version)
        if key not in self.cache:  # (paging asks for the same range page after page)
            self.cache[key] = [r for r in self.meta.get(account, []) if since <= r["date_start"] <= until]
        return self.cache[key]

    def _google_body(self, customer, since, until):
        results = [r for r in self.google.get(customer, []) if since <= r["segments"]["date"] <= until]
        batches = [{"results": results[i:i + 40], "fieldMask": "customer.id,campaign.id", "requestId": f"req-{customer}-{since}-{i}"}
                   for i in range(0, len(results), 40)] or [{"fieldMask": "customer.id", "requestId": f"req-{customer}-{since}"}]
        return json.dumps(batches, indent=2).encode()

    def _handler(stub):  # noqa: N805 (the handler class closes over the stub)
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def send(self, status, body, headers=None, drop=False):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if drop:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(body)

            def common_fault(self, what, body_for_drop):
                if what is None:
                    return False
                if what == "500":
                    self.send(500, b'{"error":{"message":"An unknown error occurred","code":1,"type":"OAuthException"}}')
                elif what == "502":
                    self.send(502, b"<html>Bad gateway</html>")
                elif what == "429":
                    self.send(429, b'{"error":{"message":"Too many requests"}}', {"Retry-After": "2"})
                elif what == "drop":
                    self.send(200, body_for_drop(), drop=True)
                else:
                    return False
                return True

            def do_GET(self):
                time.sleep(stub.delay)
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                stub.requests.append(("GET", parts.path, {k.lower(): v for k, v in self.headers.items()}))
                segments = parts.path.strip("/").split("/")
                if self.headers.get("Authorization") != "Bearer " + META_TOKEN:
                    return self.send(400, b'{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463}}')
                if len(segments) == 3 and segments[1].startswith("act_") and segments[2] == "insights":
                    account = segments[1][4:]
                    time_range = json.loads(query["time_range"][0])
                    rows = stub._meta_rows(account, time_range["since"], time_range["until"])
                    return self.meta_page(parts.path, query, rows)
                if len(segments) == 3 and segments[2] == "insights":
                    report = stub.reports[segments[1]]
                    return self.meta_page(parts.path, query, stub._meta_rows(*report["key"]))
                if len(segments) == 2:
                    what = stub._count("meta_poll")
                    if self.common_fault(what, lambda: b"{}"):
                        return
                    report = stub.reports[segments[1]]
                    report["polls"] += 1
                    if what == "job_failed":
                        status, percent = "Job Failed", 0
                    elif report["polls"] > stub.async_polls:
                        status, percent = "Job Completed", 100
                    else:
                        status, percent = "Job Running", 100 * report["polls"] // (stub.async_polls + 1)
                    body = {"id": segments[1], "async_status": status, "async_percent_completion": percent}
                    return self.send(200, json.dumps(body).encode())
                self.send(404, b'{"error":{"message":"Unknown path","code":100}}')

            def meta_page(self, path, query, rows):
                what = stub._count("meta_page")
                body = stub._kept(("meta", path, repr(sorted(query.items()))), lambda: stub._meta_page(path, query, rows))
                if self.common_fault(what, lambda: body):
                    return
                if what == "meta17":
                    usage = {stub_account(path): [{"type": "ads_insights", "call_count": 100, "total_cputime": 40, "total_time": 60, "estimated_time_to_regain_access": 1}]}
                    return self.send(400, b'{"error":{"message":"User request limit reached","type":"OAuthException","is_transient":true,"code":17,"error_subcode":2446079}}',
                                     {"x-business-use-case-usage": json.dumps(usage)})
                if what == "meta80000":
                    return self.send(400, b'{"error":{"message":"There have been too many calls from this ad-account.","code":80000,"error_subcode":2446079}}')
                headers = {}
                if what == "usage90":
                    headers["x-ad-account-usage"] = json.dumps({"acc_id_util_pct": 90.0, "reset_time_duration": 0, "ads_api_access_tier": "standard_access"})
                stub._record(body)
                self.send(200, body, headers)

            def do_POST(self):
                time.sleep(stub.delay)
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length).decode()
                stub.requests.append(("POST", parts.path, {k.lower(): v for k, v in self.headers.items()}))
                segments = parts.path.strip("/").split("/")
                if parts.path == "/token":
                    return self.token(parse_qs(payload))
                if len(segments) == 3 and segments[1].startswith("act_"):
                    what = stub._count("meta_report")
                    if self.common_fault(what, lambda: b"{}"):
                        return
                    if self.headers.get("Authorization") != "Bearer " + META_TOKEN:
                        return self.send(400, b'{"error":{"message":"Invalid OAuth access token.","code":190}}')
                    form = parse_qs(payload)
                    time_range = json.loads(form["time_range"][0])
                    key = (segments[1][4:], time_range["since"], time_range["until"])
                    run_id = str(zlib.crc32(repr(key).encode()) + 10**15)
                    stub.reports.setdefault(run_id, {"key": key, "polls": 0})
                    return self.send(200, json.dumps({"report_run_id": run_id}).encode())
                if len(segments) == 4 and segments[3] == "googleAds:searchStream":
                    return self.google(segments[2], json.loads(payload)["query"])
                self.send(404, b'{"error":{"message":"Unknown path"}}')

            def token(self, form):
                what = stub._count("token")
                if self.common_fault(what, lambda: b"{}"):
                    return
                if form.get("refresh_token", [""])[0] != REFRESH_TOKEN or form.get("client_secret", [""])[0] != CLIENT_SECRET:
                    return self.send(400, b'{"error":"invalid_grant","error_description":"Token has been expired or revoked."}')
                with stub.lock:
                    stub.issued += 1
                    token = f"google-token-refreshed-{stub.issued:04d}"
                    stub.valid_google_tokens.add(token)
                self.send(200, json.dumps({"access_token": token, "expires_in": 3599, "token_type": "Bearer"}).encode())

            def google(self, customer, gaql):
                what = stub._count("google")
                since, until = gaql.split("BETWEEN '")[1].split("'")[0], gaql.split("AND '")[1].split("'")[0]
                body = stub._kept(("google", customer, since, until), lambda: stub._google_body(customer, since, until))
                if what == "expire":
                    stub.valid_google_tokens.clear()
                bearer = (self.headers.get("Authorization") or "")[len("Bearer "):]
                if bearer not in stub.valid_google_tokens:
                    return self.send(401, json.dumps([{"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}]).encode())
                if self.headers.get("developer-token") != DEVELOPER_TOKEN:
                    return self.send(403, json.dumps([{"error": {"code": 403, "message": "The developer token is not approved.", "status": "PERMISSION_DENIED"}}]).encode())
                if self.common_fault(what, lambda: body):
                    return
                exhausted = {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED",
                             "details": [{"@type": "type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure",
                                          "errors": [{"errorCode": {"quotaError": "RESOURCE_EXHAUSTED"}, "message": "Too many requests.",
                                                      "details": {"quotaErrorDetails": {"rateScope": "ACCOUNT", "rateName": "Number of operations", "retryDelay": "3s"}}}]}]}
                if what == "exhausted":
                    return self.send(429, json.dumps([{"error": exhausted}]).encode())
                if what == "exhausted_tail":
                    first = json.loads(body)[:1]
                    return self.send(200, json.dumps(first + [{"error": exhausted}]).encode())
                if what == "not_a_stream":  # complete JSON, no error element, yet not a Google stream (contract rule 1)
                    body = json.dumps(json.loads(body) + [5]).encode()
                stub._record(body)
                self.send(200, body)

        return Handler


def stub_account(path):
    for segment in path.split("/"):
        if segment.startswith("act_"):
            return segment[4:]
    return "0"


def _quote(value):
    from urllib.parse import quote
    return quote(value, safe="")
