"""Whole-table count/min/max answered from metadata (docs/query-language.md, "Answered from metadata") equal DuckDB's
answers on a store whose zone maps are stale: the messy tree ingested in two runs, the second of restatements only,
so Silver keeps delete vectors (rows superseded after their segment was written). NULLs come with the data
(`conversion_action`, quarantine's columns), long text with quarantine's `raw` (beyond the footer's 256-byte bounds).

Each query is also checked to have run the way it should: answered from metadata (EXPLAIN ANALYZE's METADATA line)
or scanned.
"""
import re
from pathlib import Path

import pytest

from conftest import AURUM, ingest
from test_query_differential import _run, aurum_rows, compare_results, duckdb_expected, duckdb_with_tables_of

# (query, answered from metadata?)
QUERIES = [
    ("SELECT count(*) FROM ad_insights", True),
    ("SELECT count(*), min(date), max(date) FROM ad_insights", True),
    ("SELECT count(conversion_action), min(conversion_action), max(conversion_action) FROM ad_insights", True),
    ("SELECT min(source), max(source), min(account_id), max(account_id), min(campaign_name), max(campaign_name), "
     "min(ad_name), max(ad_name) FROM ad_insights", True),
    ("SELECT min(impressions), max(impressions), min(clicks), max(clicks), count(clicks), min(file_id), max(row) "
     "FROM ad_insights", True),
    ("SELECT count(spend), count(conversions), count(*) - count(conversion_action) AS without_action FROM ad_insights", True),
    ("SELECT count(*) AS n, max(date) - min(date) AS days FROM ad_insights HAVING count(*) > 0 ORDER BY 1 LIMIT 1", True),
    ("SELECT count(*), count(raw), min(raw), max(raw), min(detail), max(detail), min(reason), max(source) FROM quarantine", True),
    ("SELECT count(*), min(date), max(date), min(campaign_name), max(impressions), count(spend) FROM kpi_campaign_daily", True),
    ("SELECT count(*), min(week), max(week), max(currency) FROM kpi_campaign_weekly", True),
    ("SELECT count(*), min(path), max(rows), count(ingested_at) FROM bronze_files", True),
    # Scanned: doubles (NaN and signed zeros follow the aggregate's order, not the footer's), a computed Gold
    # column, DISTINCT counts, a WHERE.
    ("SELECT min(spend), max(conversion_value) FROM ad_insights", False),
    ("SELECT count(*), max(ctr) FROM kpi_campaign_daily", False),
    ("SELECT count(DISTINCT campaign_id) FROM ad_insights", False),
    ("SELECT count(*), min(date) FROM ad_insights WHERE source = 'meta'", False),
]


@pytest.fixture(scope="module")
def restated(tmp_path_factory, messy_tree):
    """The messy tree in two runs, the second the restatements alone; and DuckDB holding the store's tables."""
    store = tmp_path_factory.mktemp("metadata-store") / "store"
    files = sorted((str(p) for p in messy_tree.rglob("*") if p.is_file()), key=lambda s: s.encode())
    ingest(store, *[f for f in files if "_restate" not in f])
    ingest(store, *[f for f in files if "_restate" in f])
    assert any(Path(store, "tables", "ad_insights").glob("*.del")), "expected Silver delete vectors after restatements"
    return store, duckdb_with_tables_of(store, tmp_path_factory.mktemp("metadata-exports"))


@pytest.mark.parametrize("sql,from_metadata", QUERIES, ids=[f"q{index:02d}" for index in range(len(QUERIES))])
def test_answer_matches_duckdb(restated, sql, from_metadata):
    store, con = restated
    expected = duckdb_expected(con, sql)
    assert not expected.problems, expected.problems
    actual, _header = aurum_rows(store, sql, expected.kinds)
    difference = compare_results(expected, actual)
    assert difference is None, f"Aurum differs from DuckDB\nquery:\n{sql}\n{difference}"
    plan = _run([AURUM, "query", f"EXPLAIN ANALYZE {sql}", "--store", str(store)], 60)
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.startswith("METADATA") == from_metadata, plan.stdout


def test_stale_zone_maps_are_decoded_not_trusted(restated):
    """Silver's answer decodes the row groups holding deleted rows (and only those), and a bare count(*) opens no
    segment footer at all."""
    store, _con = restated
    plan = _run([AURUM, "query", "EXPLAIN ANALYZE SELECT max(date), min(ad_name) FROM ad_insights", "--store", str(store)], 60)
    decoded, total = map(int, re.search(r"(\d+) of (\d+) row groups decoded", plan.stdout).groups())
    assert 1 <= decoded <= total, plan.stdout
    plan = _run([AURUM, "query", "EXPLAIN ANALYZE SELECT count(*) FROM ad_insights", "--store", str(store)], 60)
    assert re.search(r"\b0 of \d+ footers read", plan.stdout), plan.stdout
