"""`sum(spend)` in a query equals Gold's totals and the exact decimal sum, to the last digit.

Money columns are declared decimal (`Field.decimal`), so the engine's `sum` and `avg` of them add exactly as
decimals, as Gold does (`DecimalSums`), instead of adding binary doubles in whatever order the workers meet the
rows. Checked over the messy generated store: against Python's `decimal` over the exported Silver and Gold CSV,
and against each other.
"""
import csv
import json
from decimal import Decimal

import pytest

from conftest import aurum, export_all, ingest, runs_of


def query_value(store, sql):
    lines = aurum("query", "--format", "csv", sql, store=store).stdout.splitlines()
    assert len(lines) == 2, lines
    return lines[1]


def query_rows(store, sql):
    return list(csv.reader(aurum("query", "--format", "csv", sql, store=store).stdout.splitlines()))[1:]


def decimal_sums(path, column, by=None):
    totals = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            key = row[by] if by else None
            totals[key] = totals.get(key, Decimal(0)) + Decimal(row[column])
    return totals


@pytest.mark.parametrize("column", ["spend", "conversion_value", "conversions"])
def test_sum_over_silver_is_the_exact_decimal_total_and_gold_total(messy_store, column):
    store, _, exports = messy_store
    exact = decimal_sums(exports["ad_insights"], column)[None]
    silver = query_value(store, f"SELECT sum({column}) FROM ad_insights")
    gold = query_value(store, f"SELECT sum({column}) FROM kpi_campaign_total")
    weekly = query_value(store, f"SELECT sum({column}) FROM kpi_campaign_weekly")
    # The double nearest the exact total, bit for bit (no tolerance).
    assert float(silver) == float(exact), (silver, exact)
    assert silver == gold == weekly
    assert float(gold) == float(decimal_sums(exports["kpi_campaign_total"], column)[None])


def test_sums_per_currency_and_campaign_equal_gold(messy_store):
    store, _, exports = messy_store
    exact = decimal_sums(exports["ad_insights"], "spend", by="currency")
    rows = query_rows(store, "SELECT coalesce(currency, '') AS c, sum(spend), avg(spend), count(*) FROM ad_insights GROUP BY 1")
    assert {row[0] for row in rows} == set(exact)
    for currency, total, average, count in rows:
        assert float(total) == float(exact[currency]), currency
        assert float(average) == float(total) / int(count)
    # Per campaign: the query over Silver gives Gold's stored figure exactly.
    silver = query_rows(store, "SELECT source, account_id, campaign_id, sum(spend), sum(conversion_value) FROM ad_insights GROUP BY 1, 2, 3")
    gold = query_rows(store, "SELECT source, account_id, campaign_id, spend, conversion_value FROM kpi_campaign_total")
    assert sorted(silver) == sorted(gold)


def test_the_data_makes_double_addition_drift(messy_store):
    """The test above means something: adding the exported doubles in file order misses the exact total."""
    _, _, exports = messy_store
    with open(exports["ad_insights"], newline="") as handle:
        values = [row["spend"] for row in csv.DictReader(handle)]
    naive = 0.0
    for value in values:
        naive += float(value)
    assert naive != float(sum(map(Decimal, values)))


@pytest.fixture(scope="module")
def restated_store(tmp_path_factory, messy_tree):
    """The messy tree ingested in two runs, the restated re-pulls last: they replace rows of the first run's
    segment, so Silver has several segments and a delete vector; and its exported Silver."""
    store = tmp_path_factory.mktemp("restated") / "store"
    files = [path for run in runs_of(messy_tree, 1) for path in run]
    ingest(store, *[path for path in files if "_restate" not in path])
    ingest(store, *[path for path in files if "_restate" in path])
    manifest = json.loads((store / "MANIFEST").read_text().splitlines()[1])
    segments = manifest["tables"]["ad_insights"]["segments"]
    assert len(segments) > 1 and any("deletes" in entry for entry in segments), "the test meets delete vectors"
    exports = export_all(store, tmp_path_factory.mktemp("restated-exports"), tables=["ad_insights"])
    return store, exports["ad_insights"]


@pytest.mark.parametrize("column", ["spend", "conversion_value", "conversions"])
def test_whole_table_sums_over_deleted_rows_are_exact(restated_store, column):
    """`sum`/`avg` over the whole table add the blocks' stored integers, leaving deleted rows and NULLs out: the
    result is the double nearest Python's decimal sum of the exported rows, and the same bits as the row-by-row
    path a WHERE clause takes."""
    store, silver = restated_store
    values = []
    with open(silver, newline="") as handle:
        values = [Decimal(row[column]) for row in csv.DictReader(handle) if row[column] != ""]
    exact = sum(values, Decimal(0))
    total, average = query_rows(store, f"SELECT sum({column}), avg({column}) FROM ad_insights")[0]
    assert float(total) == float(exact), (total, exact)
    assert float(average) == float(total) / len(values)
    scanned = query_rows(store, f"SELECT sum({column}), avg({column}) FROM ad_insights WHERE date IS NOT NULL")[0]
    assert scanned == [total, average]
