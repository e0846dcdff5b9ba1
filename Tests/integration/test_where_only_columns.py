"""Columns that only WHERE reads are not decoded in a row group whose zone maps prove the whole WHERE
(docs/query-language.md): the answers stay DuckDB's over the exported tables, including when a Gold KPI column
is computed from a column that WHERE alone names (the KPI needs it decoded).
"""
import math

import duckdb
import pytest

from conftest import aurum

QUERIES = [
    # date and clicks only in WHERE, true of every row.
    ("ad_insights", "SELECT source, count(*), sum(spend), sum(impressions) FROM {t} "
                    "WHERE date >= DATE '2000-01-01' AND clicks >= 0 GROUP BY source ORDER BY source"),
    ("ad_insights", "SELECT count(*) FROM {t} WHERE date BETWEEN DATE '2000-01-01' AND DATE '2100-01-01'"),
    # account_id only in WHERE, true of some row groups at most.
    ("ad_insights", "SELECT date, sum(spend) FROM {t} WHERE account_id >= '5' GROUP BY date ORDER BY date"),
    # ctr and cpc are computed from clicks, impressions and spend, which WHERE alone names.
    ("kpi_campaign_daily", "SELECT campaign_id, sum(ctr), sum(cpc), count(*) FROM {t} "
                           "WHERE clicks >= 0 AND impressions >= 0 GROUP BY campaign_id ORDER BY campaign_id"),
    ("kpi_campaign_total", "SELECT sum(ctr), sum(cpm), count(*) FROM {t} WHERE impressions >= 0 AND clicks >= 0"),
]


def rows_of(text):
    return [line.split(",") for line in text.strip().splitlines()[1:]]


def same(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("table,query", QUERIES)
def test_answers_equal_duckdb_over_the_exports(messy_store, table, query):
    store, _, exports = messy_store
    ours = rows_of(aurum("query", "--format", "csv", query.format(t=table), store=store).stdout)
    con = duckdb.connect()
    text = {column: "VARCHAR" for column in ["source", "account_id", "campaign_id", "ad_id", "campaign_name", "currency"]}
    header = exports[table].read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    types = {column: kind for column, kind in text.items() if column in header}
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{exports[table]}', header=true, types={types!r})")
    theirs = [["" if value is None else str(value) for value in row] for row in con.execute(query.format(t=table)).fetchall()]
    assert len(ours) == len(theirs) > 0
    for mine, expected in zip(ours, theirs):
        assert all(same(a, b) for a, b in zip(mine, expected)), (mine, expected)


def test_the_row_groups_are_not_filtered(messy_store):
    store, _, _ = messy_store
    plan = aurum("query", "EXPLAIN ANALYZE " + QUERIES[0][1].format(t="ad_insights"), store=store).stdout
    assert "wholly inside WHERE by zone maps: not filtered" in plan, plan
