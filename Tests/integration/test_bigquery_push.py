"""`aurum push bigquery` against a local stand-in for the BigQuery REST API (bigquery_stub.py): one multipart load
job per table, polled until DONE; an idempotent retry; a failed job reported per table; both kinds of credentials."""
import json
import os
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bigquery_stub import TOKEN, BigQueryStub
from conftest import AURUM, REPO, aurum, ingest
from test_parquet import TABLES, arrow_rows, assert_same_rows, schema_of

PARTITIONED = {"ad_insights", "kpi_campaign_daily"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = tmp_path_factory.mktemp("bigquery-push") / "store"
    ingest(store, REPO / "datasets" / "sample")
    aurum("clients", "set", "Acme", "--meta", "739179755604945", store=store)
    return store


@pytest.fixture
def stub():
    stub = BigQueryStub()
    yield stub
    stub.close()


def push(store, stub, *args, env=None, check=True):
    """`aurum push bigquery` to the stub, with `env` (default: the stub's token) and no other credentials."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("AURUM_BIGQUERY_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS")}
    environment.update(stub.env(**(env if env is not None else {"AURUM_BIGQUERY_ACCESS_TOKEN": TOKEN})))
    environment["AURUM_CONFIG"] = "/nonexistent/aurum-config.json"
    result = subprocess.run([AURUM, "push", "bigquery", "--project", "proj-1", "--dataset", "ads", *args, "--store", str(store)],
                            capture_output=True, text=True, env=environment, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_every_table_is_loaded_by_one_job(store, stub, tmp_path):
    result = push(store, stub, "--location", "EU")
    assert stub.problems == []
    assert sorted(stub.loaded) == sorted(TABLES)
    assert stub.loads == {table: 1 for table in TABLES}
    for table in TABLES:
        local = tmp_path / f"{table}.parquet"
        aurum("export", table, "--format", "parquet", "--out", local, store=store)
        schema = schema_of(store, table)
        loaded = tmp_path / f"{table}.loaded.parquet"
        import pyarrow.parquet as pq
        pq.write_table(stub.loaded[table], loaded)
        assert_same_rows(arrow_rows(local, schema), arrow_rows(loaded, schema), table)
        assert f"proj-1.ads.{table}: " in result.stdout
    for job_id, metadata in stub.inserts:
        load = metadata["configuration"]["load"]
        table = load["destinationTable"]["tableId"]
        assert load["destinationTable"]["datasetId"] == "ads" and metadata["jobReference"]["location"] == "EU"
        assert job_id.startswith(f"aurum_{table}_")
        if table in PARTITIONED:
            assert load["timePartitioning"] == {"type": "DAY", "field": "date"}
            assert load["clustering"] == {"fields": ["source", "account_id", "campaign_id"]}
        else:
            assert "timePartitioning" not in load and "clustering" not in load
    # Each job was polled while RUNNING, then seen DONE; with the location asked.
    assert len(stub.polls) == 2 * len(TABLES) and {location for _, location in stub.polls} == {"EU"}


def test_a_retried_push_uses_the_same_job_and_loads_nothing_twice(store, stub):
    stub.fault("insert", 1, "500")   # the first table's first upload fails: retried with the same job id
    stub.fault("insert", 3, "drop")  # the second table's job is created but the answer is lost: a 409 on retry
    push(store, stub, "--tables", "kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total")
    assert stub.problems == []
    ids = [job_id for job_id, _ in stub.inserts]
    assert len(ids) == 5 and ids[0] == ids[1] and ids[2] == ids[3] and len(set(ids)) == 3
    assert stub.loads == {"kpi_campaign_daily": 1, "kpi_campaign_weekly": 1, "kpi_campaign_total": 1}
    # The whole push again: every job exists already, nothing is loaded again.
    again = push(store, stub, "--tables", "kpi_campaign_daily,kpi_campaign_weekly,kpi_campaign_total")
    assert [job_id for job_id, _ in stub.inserts[5:]] == ids[0:1] + ids[2:3] + ids[4:5]
    assert stub.loads == {"kpi_campaign_daily": 1, "kpi_campaign_weekly": 1, "kpi_campaign_total": 1}
    assert again.stdout.count("loaded already") == 3


def test_a_failed_job_is_reported_for_its_table_and_the_others_load(store, stub):
    stub.fail_tables = {"quarantine"}
    result = push(store, stub, "--tables", "ad_insights", "quarantine", "clients", check=False)
    assert result.returncode == 1
    assert "proj-1.ads.quarantine: FAILED (job aurum_quarantine_" in result.stderr
    assert "invalid: Error while reading data, table quarantine (gs://upload); errors:" in result.stderr
    assert "Too many errors" in result.stderr and "1 of 3 tables failed" in result.stderr
    assert sorted(stub.loaded) == ["ad_insights", "clients"]


def test_a_refused_upload_fails_its_table_only(store, stub):
    stub.fault("insert", 1, "quota")  # a 403 that is not about the credentials
    result = push(store, stub, "--tables", "clients", "fx_rates", check=False)
    assert result.returncode == 1
    assert "proj-1.ads.clients: FAILED (job not created): clients: BigQuery answered HTTP 403: Quota exceeded" in result.stderr
    assert sorted(stub.loaded) == ["fx_rates"]


def test_refused_or_missing_credentials_stop_the_push(store, stub):
    refused = push(store, stub, env={"AURUM_BIGQUERY_ACCESS_TOKEN": "wrong-token-0123456789"}, check=False)
    assert refused.returncode == 1 and "BigQuery refused the credentials (HTTP 401" in refused.stderr
    assert "wrong-token" not in refused.stderr + refused.stdout
    assert len(stub.inserts) == 0 and stub.loaded == {}
    missing = push(store, stub, env={}, check=False)
    assert missing.returncode == 1 and "AURUM_BIGQUERY_ACCESS_TOKEN" in missing.stderr and "GOOGLE_APPLICATION_CREDENTIALS" in missing.stderr


def service_account(tmp_path, stub, key):
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    path = tmp_path / "key.json"
    path.write_text(json.dumps({"type": "service_account", "project_id": "proj-1", "private_key_id": "abc123",
                                "private_key": pem, "client_email": "loader@proj-1.iam.gserviceaccount.com",
                                "token_uri": stub.url + "/token"}))
    return path


def test_a_service_account_key_is_exchanged_for_a_token(store, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stub = BigQueryStub(public_key=key.public_key(), client_email="loader@proj-1.iam.gserviceaccount.com")
    try:
        path = service_account(tmp_path, stub, key)
        push(store, stub, "--tables", "clients", "fx_rates", env={"GOOGLE_APPLICATION_CREDENTIALS": str(path)})
        assert stub.problems == [] and stub.token_requests == 1
        assert sorted(stub.loaded) == ["clients", "fx_rates"]
        # A token about to expire (within the minute Aurum keeps in hand) is obtained again before each request.
        stub.expires_in = 60
        before = stub.token_requests
        push(store, stub, "--tables", "kpi_campaign_total", env={"GOOGLE_APPLICATION_CREDENTIALS": str(path)})
        # One token for the credentials check, the upload and each of the two polls.
        assert stub.problems == [] and stub.token_requests - before == 4, stub.token_requests - before
        # A key the token endpoint does not know (another key pair): refused, and said so.
        other = service_account(tmp_path, stub, rsa.generate_private_key(public_exponent=65537, key_size=2048))
        refused = push(store, stub, env={"GOOGLE_APPLICATION_CREDENTIALS": str(other)}, check=False)
        assert refused.returncode == 1 and "refused the service account's assertion: HTTP 400 invalid_grant" in refused.stderr
        assert "PRIVATE KEY" not in refused.stderr
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps({"type": "service_account", "client_email": "x@y", "private_key": "not a key"}))
        refused = push(store, stub, env={"GOOGLE_APPLICATION_CREDENTIALS": str(broken)}, check=False)
        assert refused.returncode == 1 and "private_key is not an RSA private key in PEM" in refused.stderr
    finally:
        stub.close()


def test_unknown_table_is_refused(store, stub):
    result = push(store, stub, "--tables", "nope", check=False)
    assert result.returncode != 0 and "nope" in result.stderr and stub.inserts == []
