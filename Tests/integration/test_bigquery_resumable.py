"""`aurum push bigquery --upload multipart|resumable|auto` against the local BigQuery stand-in (bigquery_stub.py):
every table by either upload loads the rows Aurum holds; a resumable upload goes in 256 KiB chunks
(AURUM_BIGQUERY_CHUNK_BYTES) and, after a chunk answered 503 or a connection dropped mid-chunk, asks what BigQuery
holds and sends only the rest, loading the table exactly once; a retried push reuses its job; a failed job is
reported for its table.

The store is a generated one of 30,000 Bronze rows, so that several tables span several chunks (bronze_rows about
1.3 MB, kpi_campaign_daily about 0.7 MB)."""
import os
import subprocess

import pyarrow.parquet as pq
import pytest

from bigquery_stub import TOKEN, BigQueryStub
from conftest import AURUM, aurum, generate, ingest
from test_bigquery_push import push as push_with
from test_parquet import TABLES, arrow_rows, assert_same_rows, schema_of

CHUNK = 256 << 10


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bigquery-resumable")
    store = directory / "store"
    ingest(store, generate(directory / "bronze", 7, 30000))
    return store


@pytest.fixture(scope="module")
def local(store, tmp_path_factory):
    """Every table as `aurum export` writes it: {table: (path, size)}."""
    directory = tmp_path_factory.mktemp("bigquery-resumable-local")
    aurum("export", "--all", "--format", "parquet", "--out", directory, store=store)
    return {table: (directory / f"{table}.parquet", (directory / f"{table}.parquet").stat().st_size) for table in TABLES}


@pytest.fixture
def stub():
    stub = BigQueryStub()
    yield stub
    stub.close()


def push(store, stub, *args, check=True):
    return push_with(store, stub, *args, env={"AURUM_BIGQUERY_ACCESS_TOKEN": TOKEN, "AURUM_BIGQUERY_CHUNK_BYTES": str(CHUNK)}, check=check)


def assert_loaded_as_local(store, stub, local, tables, tmp_path):
    for table in tables:
        loaded = tmp_path / f"{table}.loaded.parquet"
        pq.write_table(stub.loaded[table], loaded)
        schema = schema_of(store, table)
        assert_same_rows(arrow_rows(local[table][0], schema), arrow_rows(loaded, schema), table)


def chunks_of(stub):
    """{upload id: [Content-Range of each chunk with data]}."""
    chunks = {}
    for upload_id, content_range, length in stub.chunks:
        if length:
            chunks.setdefault(upload_id, []).append(content_range)
    return chunks


@pytest.mark.parametrize("method", ["multipart", "resumable"])
def test_every_table_loads_by_either_upload(store, local, stub, tmp_path, method):
    push(store, stub, "--upload", method)
    assert stub.problems == []
    assert stub.loads == {table: 1 for table in TABLES}
    assert_loaded_as_local(store, stub, local, TABLES, tmp_path)
    if method == "multipart":
        assert stub.sessions == {} and len(stub.inserts) == len(TABLES)
        return
    assert len(stub.sessions) == len(TABLES)
    for upload_id, session in stub.sessions.items():
        table = session["metadata"]["configuration"]["load"]["destinationTable"]["tableId"]
        total = session["total"]
        assert total == len(session["data"])
        # The chunks: 256 KiB each but the last, in order, nothing sent twice.
        expected = [f"bytes {first}-{min(first + CHUNK, total) - 1}/{total}" for first in range(0, total, CHUNK)]
        assert chunks_of(stub)[upload_id] == expected, table
    assert len(chunks_of(stub)[next(u for u, s in stub.sessions.items() if s["total"] > 4 * CHUNK)]) >= 5


def test_auto_sends_files_larger_than_one_chunk_resumably(store, local, stub):
    push(store, stub)  # --upload auto
    assert stub.problems == []
    resumable = sorted(s["metadata"]["configuration"]["load"]["destinationTable"]["tableId"] for s in stub.sessions.values())
    assert resumable == sorted(table for table, (_, size) in local.items() if size > CHUNK)
    assert len(resumable) >= 3 and len(stub.inserts) == len(TABLES)


def test_an_interrupted_upload_resumes_from_what_bigquery_holds_and_loads_once(store, local, stub, tmp_path):
    # bronze_rows: 5+ chunks. The 2nd chunk is answered 503 (nothing kept); the 4th reaches BigQuery half, then the
    # connection drops unanswered.
    stub.fault("chunk", 2, "503")
    stub.fault("chunk", 4, "drop")
    result = push(store, stub, "--upload", "resumable", "--tables", "bronze_rows")
    assert stub.problems == []
    assert stub.loads == {"bronze_rows": 1} and len(stub.jobs) == 1
    assert_loaded_as_local(store, stub, local, ["bronze_rows"], tmp_path)
    (upload_id, session), = stub.sessions.items()
    total = session["total"]
    ranges = [content_range for _, content_range, _ in stub.chunks]
    status = f"bytes */{total}"
    # After each failure, the status query, then the chunk from the byte BigQuery reported.
    assert ranges[:4] == [f"bytes 0-{CHUNK - 1}/{total}", f"bytes {CHUNK}-{2 * CHUNK - 1}/{total}", status,
                          f"bytes {CHUNK}-{2 * CHUNK - 1}/{total}"]
    assert ranges[4] == f"bytes {2 * CHUNK}-{3 * CHUNK - 1}/{total}" and ranges[5] == status
    half = 2 * CHUNK + CHUNK // 2
    assert ranges[6] == f"bytes {half}-{min(half + CHUNK, total) - 1}/{total}"
    assert ranges.count(status) == 2
    assert "bronze_rows: 30,000 rows loaded" in result.stdout


def test_a_dropped_answer_to_the_last_chunk_is_found_by_the_status_query(store, local, stub):
    # kpi_campaign_total fits in one chunk: its only chunk is the last; BigQuery keeps half, then the job's answer
    # never comes. The status query says what is held; the rest completes the job, once.
    stub.fault("chunk", 1, "drop")
    push(store, stub, "--upload", "resumable", "--tables", "kpi_campaign_total")
    assert stub.problems == [] and stub.loads == {"kpi_campaign_total": 1}


def test_a_retried_resumable_push_reuses_its_jobs(store, stub):
    tables = ["kpi_campaign_daily", "ad_insights"]
    push(store, stub, "--upload", "resumable", "--tables", *tables)
    again = push(store, stub, "--upload", "resumable", "--tables", *tables)
    assert stub.problems == []
    assert stub.loads == {table: 1 for table in tables} and len(stub.jobs) == 2
    assert again.stdout.count("loaded already") == 2
    # The same job ids, whichever upload asks: a multipart retry of a resumable push is "already exists" too.
    multipart = push(store, stub, "--upload", "multipart", "--tables", *tables)
    assert multipart.stdout.count("loaded already") == 2 and len(stub.jobs) == 2


def test_a_failed_resumable_job_is_reported_for_its_table(store, stub):
    stub.fail_tables = {"kpi_campaign_daily"}
    result = push(store, stub, "--upload", "resumable", "--tables", "kpi_campaign_daily", "kpi_campaign_weekly", check=False)
    assert result.returncode == 1
    assert "proj-1.ads.kpi_campaign_daily: FAILED (job aurum_kpi_campaign_daily_" in result.stderr
    assert "Error while reading data, table kpi_campaign_daily" in result.stderr and "1 of 2 tables failed" in result.stderr
    assert sorted(stub.loaded) == ["kpi_campaign_weekly"]


def test_a_chunk_failing_every_time_gives_up_with_the_reason(store, stub):
    for at in range(1, 20):
        stub.fault("chunk", at, "503")
    env_retries = push(store, stub, "--upload", "resumable", "--tables", "kpi_campaign_weekly", check=False)
    assert env_retries.returncode == 1
    assert "kpi_campaign_weekly: FAILED (job not created)" in env_retries.stderr and "HTTP 503" in env_retries.stderr
    assert stub.loaded == {}


def test_a_chunk_size_that_is_not_a_multiple_of_256_kib_is_refused(store, stub):
    environment = {**os.environ, **stub.env(AURUM_BIGQUERY_ACCESS_TOKEN=TOKEN, AURUM_BIGQUERY_CHUNK_BYTES="100000")}
    result = subprocess.run([AURUM, "push", "bigquery", "--project", "p", "--dataset", "d", "--store", str(store)],
                            capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode != 0 and "AURUM_BIGQUERY_CHUNK_BYTES=100000" in result.stderr and "262144" in result.stderr
    assert stub.sessions == {} and stub.inserts == []
