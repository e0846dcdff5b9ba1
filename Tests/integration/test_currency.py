"""Money is never added across currencies in a query or summary Aurum writes itself (docs/currencies.md).

Run over the bundled sample, whose accounts spend in BRL and USD: every question of the offline translator's
evaluation sets (datasets/eval/questions.jsonl, analyst-questions.jsonl) and `aurum report`. A result holding money (spend, conversion
value, or a KPI built on them) passes only when each of its rows is in one currency, checked mechanically: the
query groups by `currency`, or the rows it reads (its table and WHERE) hold one currency, counted by a second
query. Sums are also compared with DuckDB's per-currency sums of the exported Gold.
"""
import csv
import json
import re
from collections import defaultdict

import duckdb
import pytest

from conftest import REPO, aurum, ingest

MONEY_INPUTS = re.compile(r"\b(spend|conversion_value|cpc|cpm|cpa|roas)\b")
CLAUSES = [" WHERE ", " GROUP BY ", " HAVING ", " QUALIFY ", " ORDER BY ", " LIMIT "]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = tmp_path_factory.mktemp("currency-store") / "store"
    ingest(store, REPO / "datasets" / "sample")
    currencies = aurum("query", "--format", "csv", "SELECT DISTINCT currency FROM kpi_campaign_total ORDER BY 1", store=store).stdout
    assert currencies.split() == ["currency", "BRL", "USD"], "the sample must hold two currencies for these tests to mean anything"
    return store


def clause(query, keyword):
    """The text of a top-level clause (the translator's queries have no subqueries or keywords in literals)."""
    start = query.find(keyword)
    if start < 0:
        return None
    start += len(keyword)
    ends = [query.find(other, start) for other in CLAUSES if other != keyword]
    ends = [end for end in ends if end >= 0]
    return query[start:min(ends) if ends else len(query)]


def currencies_read(store, query, today):
    """How many currencies the rows that `query` reads (its FROM and WHERE) hold."""
    table = re.search(r" FROM (\w+)", query).group(1)
    where = clause(query, " WHERE ")
    count = f"SELECT count(DISTINCT coalesce(currency, '')) AS n FROM {table}" + (f" WHERE {where}" if where else "")
    return int(aurum("query", "--format", "csv", "--today", today, count, store=store).stdout.split()[1])


def eval_cases():
    """Both evaluation sets: the first, and the analyst questions of issue 14 (comparisons, shares, groups, …)."""
    lines = []
    for name in ["questions.jsonl", "analyst-questions.jsonl"]:
        lines += (REPO / "datasets" / "eval" / name).read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def first_cte(query):
    """`WITH name AS (body) rest` → body (parentheses matched), or None for a query without WITH. The translator's
    trends (``Trend.swift``) aggregate money in their one CTE; the rest only pairs its rows."""
    if not query.startswith("WITH "):
        return None
    start = query.index("(") + 1
    depth = 1
    for position in range(start, len(query)):
        depth += {"(": 1, ")": -1}.get(query[position], 0)
        if depth == 0:
            return query[start:position]
    raise AssertionError(f"unbalanced parentheses: {query}")


def test_no_offline_query_adds_money_across_currencies(store):
    checked = 0
    for case in eval_cases():
        result = aurum("ask", "--offline", "--dry-run", "--today", case["today"], case["question"], store=store)
        whole = query = result.stdout.strip().rstrip(";")
        if (body := first_cte(query)) is not None:
            query = body
        select = query[len("SELECT "):query.find(" FROM ")]
        if not MONEY_INPUTS.search(select) and not MONEY_INPUTS.search(clause(query, " HAVING ") or ""):
            continue
        checked += 1
        groups = [key.strip() for key in (clause(query, " GROUP BY ") or "").split(",")]
        if "currency" in groups:
            rows = json.loads(aurum("query", "--format", "json", "--today", case["today"], whole, store=store).stdout)
            assert all("currency" in row for row in rows), (case["question"], query)
        else:
            assert currencies_read(store, query, case["today"]) <= 1, f"adds money across currencies: {case['question']!r} → {query}"
    assert checked > 250  # most of the sets ask about money


def test_per_currency_totals_match_duckdb(store, tmp_path):
    out = tmp_path / "daily.csv"
    aurum("export", "kpi_campaign_daily", "--out", out, store=store)
    expected = dict(duckdb.sql(
        f"SELECT currency, sum(CAST(spend AS DOUBLE)) FROM read_csv('{out}', all_varchar=true, header=true, quote='\"') "
        "WHERE CAST(date AS DATE) BETWEEN DATE '2024-04-08' AND DATE '2024-04-14' GROUP BY currency").fetchall())
    for question in ["how much did we spend last week?", "quanto gastamos na semana passada?"]:
        rows = json.loads(aurum("ask", "--offline", "--format", "json", "--today", "2024-04-15", question, store=store).stdout)
        got = {row["currency"]: row["spend"] for row in rows}
        assert got.keys() == expected.keys()
        for currency, value in expected.items():
            assert got[currency] == pytest.approx(float(value), rel=1e-9)


def test_currency_words_filter(store):
    def spend(question):
        return json.loads(aurum("ask", "--offline", "--format", "json", "--today", "2024-04-15", question, store=store).stdout)

    direct = json.loads(aurum("query", "--format", "json", "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total GROUP BY 1", store=store).stdout)
    by_currency = {row["currency"]: row["spend"] for row in direct}
    assert spend("quanto gastamos em reais?") == [{"spend": pytest.approx(by_currency["BRL"], rel=1e-12)}]
    assert spend("total spend in USD") == [{"spend": pytest.approx(by_currency["USD"], rel=1e-12)}]
    assert spend("gasto em dólares") == [{"spend": pytest.approx(by_currency["USD"], rel=1e-12)}]
    assert {row["currency"]: row["spend"] for row in spend("gasto por moeda")} == pytest.approx(by_currency, rel=1e-12)


def test_report_totals_each_currency_apart(store, tmp_path):
    weekly = tmp_path / "weekly.csv"
    aurum("export", "kpi_campaign_weekly", "--out", weekly, store=store)
    expected = dict(duckdb.sql(f"""
        WITH w AS (SELECT CAST(week AS DATE) AS week, currency, CAST(spend AS DOUBLE) AS spend
                   FROM read_csv('{weekly}', all_varchar=true, header=true))
        SELECT currency, sum(spend) FROM w WHERE week IN (SELECT DISTINCT week FROM w ORDER BY week DESC LIMIT 4)
        GROUP BY currency""").fetchall())
    rows = json.loads(aurum("report", "--format", "json", "--weeks", "4", "--top", "1000", store=store).stdout)
    got = defaultdict(float)
    for row in rows:
        got[row["currency"]] += row["spend"]
    assert got.keys() == expected.keys()
    for currency, value in expected.items():
        assert got[currency] == pytest.approx(value, rel=1e-9)
    # The table's total line of each currency is that currency's sum, never both added.
    text = aurum("report", "--weeks", "4", store=store).stdout
    for currency, value in expected.items():
        line = next(line for line in text.splitlines() if line.startswith("all ") and f"({currency})" in line)
        assert f"{value:,.2f}" in line
    assert "partial week: 2024-04-29 has data for 1 of 7 days" in text


def test_a_ranking_cut_to_n_gives_n_of_each_currency(store, tmp_path):
    """The contract: a ranking over several currencies is given per currency. "Top 2 by spend" is the two largest
    of each currency (sums by DuckDB over the exported Gold, ranked here), not the two largest amounts of any."""
    out = tmp_path / "total.csv"
    aurum("export", "kpi_campaign_total", "--out", out, "--formula-guard", "none", store=store)
    sums = duckdb.sql(
        f"SELECT campaign_name, currency, sum(CAST(spend AS DOUBLE)) FROM read_csv('{out}', all_varchar=true, header=true, quote='\"') "
        "GROUP BY ALL").fetchall()
    expected = defaultdict(list)
    for name, currency, spend in sums:
        expected[currency].append((spend, name))
    assert len(expected) == 2
    for question in ["top 2 campaigns by spend", "as 2 campanhas com maior gasto"]:
        rows = json.loads(aurum("ask", "--offline", "--format", "json", "--today", "2024-04-15", question, store=store).stdout)
        got = defaultdict(list)
        for row in rows:
            got[row["currency"]].append((row["spend"], row["campaign_name"]))
        assert got.keys() == expected.keys(), question
        for currency, campaigns in expected.items():
            largest = sorted(campaigns, reverse=True)[:2]
            assert [name for _, name in got[currency]] == [name for _, name in largest], (question, currency)
            assert [spend for spend, _ in got[currency]] == pytest.approx([spend for spend, _ in largest], rel=1e-9)
