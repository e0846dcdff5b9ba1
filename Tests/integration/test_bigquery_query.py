"""`aurum query --on bigquery`: the query translated to GoogleSQL, run through jobs.query against the local stand-in
for BigQuery (bigquery_stub.py: sqlglot reads the GoogleSQL, DuckDB runs it over the tables `aurum push` loaded),
waited on (`jobComplete: false` first), paged (`maxResults` of 3 rows, `pageToken`), and printed exactly as the same
query run locally prints."""
import os
import subprocess

import pytest

from bigquery_stub import TOKEN, BigQueryStub
from conftest import AURUM, REPO, aurum, ingest

QUERIES = [
    "SELECT source, currency, count(*) AS n, sum(spend) AS spend, sum(clicks) / sum(impressions) AS ctr "
    "FROM ad_insights GROUP BY 1, 2 ORDER BY 1, 2",
    "SELECT date_trunc('week', date) AS week, isodow(min(date)) AS first_day, sum(impressions) AS impressions "
    "FROM ad_insights GROUP BY 1 ORDER BY 1",
    "SELECT campaign_id, week, spend, rank() OVER (PARTITION BY campaign_id ORDER BY spend DESC, week) AS r "
    "FROM kpi_campaign_weekly QUALIFY r <= 2 ORDER BY campaign_id, r",
    "SELECT * FROM kpi_campaign_total ORDER BY source, account_id, campaign_id",
    "WITH d AS (SELECT campaign_id, sum(spend) FILTER (WHERE clicks > 0) AS s, count(*) FILTER (WHERE clicks = 0) AS idle "
    "FROM ad_insights GROUP BY 1) SELECT t.campaign_name, d.s, d.idle FROM d JOIN kpi_campaign_total AS t "
    "ON d.campaign_id = t.campaign_id ORDER BY 1, 2",
    "SELECT DISTINCT date, dayname(date) AS day, strftime(date, '%G-W%V %-d/%m') AS label, date - DATE '2024-01-01' AS days, "
    "date + INTERVAL 1 MONTH AS next_month FROM ad_insights ORDER BY 1",
    "SELECT campaign_name, cpc, ctr FROM kpi_campaign_total WHERE clicks = 0 OR cpc IS NULL ORDER BY cpc NULLS FIRST, 1",
    "SELECT 7 / 2 AS ratio, 1 / 0 AS none, NULL AS nothing, TRUE AS yes, greatest(1, NULL) AS g",
]


@pytest.fixture(scope="module")
def pushed(tmp_path_factory):
    store = tmp_path_factory.mktemp("bigquery-query") / "store"
    ingest(store, REPO / "datasets" / "sample")
    stub = BigQueryStub()
    result = run(["push", "bigquery", "--project", "proj-1", "--dataset", "ads"], store, stub)
    assert result.returncode == 0, result.stderr
    yield store, stub
    stub.close()


def run(arguments, store, stub):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("AURUM_BIGQUERY_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS")}
    environment.update(stub.env(AURUM_BIGQUERY_ACCESS_TOKEN=TOKEN, AURUM_BIGQUERY_PAGE_ROWS="3", AURUM_TODAY="2024-03-01"))
    environment["AURUM_CONFIG"] = "/nonexistent/aurum-config.json"
    return subprocess.run([AURUM, *arguments, "--store", str(store)], capture_output=True, text=True, env=environment, timeout=300)


@pytest.mark.parametrize("sql", QUERIES)
@pytest.mark.parametrize("form", ["csv", "json", "table"])
def test_query_on_bigquery_prints_the_local_result(pushed, sql, form):
    store, stub = pushed
    local = run(["query", sql, "--format", form, "--max-rows", "0"], store, stub)
    assert local.returncode == 0, local.stderr
    before = len(stub.query_requests)
    remote = run(["query", "--on", "bigquery", "--project", "proj-1", "--dataset", "ads", sql, "--format", form, "--max-rows", "0"],
                 store, stub)
    assert remote.returncode == 0, remote.stderr
    assert stub.problems == []
    assert remote.stdout == local.stdout
    asked = stub.query_requests[before:]
    assert asked[0][0] == "POST" and asked[0][2]["useLegacySql"] is False and asked[0][2]["maxResults"] == 3
    rows = len(local.stdout.splitlines()) - 1 if form == "csv" else None
    if rows is not None:
        # The first GET waits for the job (jobComplete was false), then one more per page of 3.
        assert [method for method, _, _ in asked] == ["POST"] + ["GET"] * max(1, -(-rows // 3))
        assert all(parameters.get("pageToken") for _, _, parameters in asked[2:])


def test_a_failed_query_is_an_error(pushed):
    store, stub = pushed
    stub.dataset = "elsewhere"
    try:
        result = run(["query", "--on", "bigquery", "--project", "proj-1", "--dataset", "ads", "SELECT count(*) FROM ad_insights"], store, stub)
    finally:
        stub.dataset = "ads"
    assert result.returncode != 0 and "HTTP 404" in result.stderr and "Not found: Dataset proj-1:ads" in result.stderr
    refused = run(["query", "--on", "bigquery", "--project", "proj-1", "--dataset", "ads", "SELECT spend % 2 FROM kpi_campaign_total"], store, stub)
    assert refused.returncode != 0 and "% of a DOUBLE" in refused.stderr
    missing = run(["query", "--on", "bigquery", "SELECT 1"], store, stub)
    assert missing.returncode != 0 and "--project and --dataset" in missing.stderr


@pytest.mark.parametrize("question", ["top 5 campaigns by spend", "cpc by source"])
def test_ask_on_bigquery_answers_as_locally(pushed, question):
    store, stub = pushed
    local = run(["ask", "--offline", "--format", "csv", question], store, stub)
    assert local.returncode == 0, local.stderr
    before = len(stub.query_requests)
    remote = run(["ask", "--offline", "--format", "csv", "--on", "bigquery", "--project", "proj-1", "--dataset", "ads", question], store, stub)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and remote.stderr == local.stderr
    assert len(stub.query_requests) > before
    mixed = run(["ask", "--offline", "--on", "bigquery", "--project", "proj-1", "--dataset", "ads", "--currency", "USD", question], store, stub)
    assert mixed.returncode != 0 and "not with --on" in mixed.stderr
