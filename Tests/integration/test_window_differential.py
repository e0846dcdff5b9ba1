"""Seeded random window-function queries (every function, PARTITION BY keys with NULLs, tied and unique ORDER BY
keys, default, ROWS and RANGE frames) run in DuckDB and in `aurum query` over the differential store, and must give
equal results (compared as `test_query_differential.py` compares its corpus).

Determinism: functions that depend on which tied row comes first (row_number, lag, lead, first/last_value) and every
ROWS frame get a unique window order (date, campaign_id); the tie-safe ones (rank, dense_rank, the aggregates
under RANGE frames) also get tied orders and NULL-holding keys.
"""
import random

import pytest

from test_query_differential import aurum_rows, compare_results, duckdb_expected, query_env  # noqa: F401 (fixture)

SEED = 20241204
COUNT = 100
_FUNCTIONS = ["row_number()", "rank()", "dense_rank()", "lag(clicks)", "lag(spend, {n}, 0)", "lead(cpa, {n})",
              "lead(campaign_name, 1, '-')", "first_value(cpa)", "last_value(clicks)", "sum(clicks)", "sum(spend)",
              "avg(cpa)", "avg(impressions)", "count(cpa)", "count(*)", "min(campaign_name)", "max(cpa)", "min(date)"]
_TIE_SAFE = ("rank", "dense_rank", "sum", "avg", "count", "min", "max")
_FRAME_FUNCTIONS = ("first_value", "last_value", "sum", "avg", "count", "min", "max")
_PARTITIONS = ["", "PARTITION BY campaign_id ", "PARTITION BY source ", "PARTITION BY campaign_name ",
               "PARTITION BY source, month({day}) ", "PARTITION BY cpa IS NULL "]
_TIED_ORDERS = ["ORDER BY month({day})", "ORDER BY clicks DESC", "ORDER BY cpa NULLS FIRST", "ORDER BY cpa DESC",
                "ORDER BY campaign_name", ""]
_STARTS = ["UNBOUNDED PRECEDING", "{a} PRECEDING", "CURRENT ROW", "{a} FOLLOWING"]
_ENDS = ["{b} PRECEDING", "CURRENT ROW", "{b} FOLLOWING", "UNBOUNDED FOLLOWING"]
_RANK = {"UNBOUNDED PRECEDING": 0, "{a} PRECEDING": 1, "{b} PRECEDING": 1, "CURRENT ROW": 2, "{a} FOLLOWING": 3,
         "{b} FOLLOWING": 3, "UNBOUNDED FOLLOWING": 4}


def _frame(rng):
    """'' (the default), a RANGE frame of UNBOUNDED/CURRENT ROW bounds, or a valid ROWS frame."""
    roll = rng.random()
    if roll < 0.3:
        return ""
    if roll < 0.45:
        start, end = rng.choice([("UNBOUNDED PRECEDING", "CURRENT ROW"), ("CURRENT ROW", "UNBOUNDED FOLLOWING"),
                                 ("UNBOUNDED PRECEDING", "UNBOUNDED FOLLOWING"), ("CURRENT ROW", "CURRENT ROW")])
        return f" RANGE BETWEEN {start} AND {end}"
    while True:
        start, end = rng.choice(_STARTS), rng.choice(_ENDS)
        if _RANK[start] > _RANK[end] or (_RANK[start] == 3 and _RANK[end] <= 2) or (_RANK[start] == 2 and _RANK[end] == 1):
            continue
        a, b = rng.randrange(0, 5), rng.randrange(0, 5)
        if _RANK[start] == _RANK[end] == 1:
            a, b = max(a, b), min(a, b)
        if _RANK[start] == _RANK[end] == 3:
            a, b = min(a, b), max(a, b)
        return f" ROWS BETWEEN {start.format(a=a)} AND {end.format(b=b)}"


def generate(count=COUNT, seed=SEED):
    rng = random.Random(seed)
    queries = []
    while len(queries) < count:
        table, day = rng.choice([("kpi_campaign_daily", "date"), ("kpi_campaign_weekly", "week")])
        function = rng.choice(_FUNCTIONS).format(n=rng.randrange(-3, 4))
        frame = _frame(rng)
        unique = f"ORDER BY {day}{rng.choice([' DESC', ''])}, campaign_id"
        tied = rng.choice(_TIED_ORDERS).format(day=day)
        order = rng.choice([tied, unique]) if function.startswith(_TIE_SAFE) and not frame.startswith(" ROWS") else unique
        if not function.startswith(_FRAME_FUNCTIONS):
            frame = ""
        partition = rng.choice(_PARTITIONS).format(day=day)
        where = rng.choice(["", f" WHERE {day} >= DATE '2024-03-04'", f" WHERE source = 'meta' AND {day} < DATE '2024-01-22'"])
        function = function.replace("min(date)", f"min({day})")
        queries.append(f"SELECT campaign_id, {day}, {function} OVER ({partition}{order}{frame}) AS w "
                       f"FROM {table}{where} ORDER BY campaign_id, {day}")
    return queries


QUERIES = generate()


@pytest.mark.parametrize("index", range(COUNT), ids=[f"window-random/{i:03d}" for i in range(COUNT)])
def test_random_window_query_matches_duckdb(query_env, index):  # noqa: F811 (the fixture)
    sql = QUERIES[index]
    expected = duckdb_expected(query_env.con, sql, check_determinism=False)
    actual, _header = aurum_rows(query_env.store, sql, expected.kinds)
    difference = compare_results(expected, actual)
    assert difference is None, f"Aurum differs from DuckDB\nquery:\n{sql}\n{difference}"
