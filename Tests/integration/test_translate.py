"""`aurum translate`: the differential corpus (Tests/integration/queries/*.sql) written in BigQuery, DuckDB and
Spark SQL gives Aurum's answers.

* BigQuery: each query's BigQuery translation is parsed by sqlglot's BigQuery dialect, transpiled to DuckDB and run
  in a DuckDB connection over the same data, **without** the two SETs (BigQuery's semantics — SAFE_DIVIDE, ISO weeks,
  explicit NULL order — are what must carry Aurum's meaning). Its rows must equal Aurum's: those of the DuckDB oracle
  of test_query_differential.py, which that test holds equal to `aurum query` for every corpus query (a sample is
  compared with `aurum query` itself here too), with the same comparison (`compare_results`).
* DuckDB: the DuckDB translation runs as it is, again without the SETs, and must give the same rows.
* Spark: sqlglot's Spark dialect must parse every translation (no Spark engine runs here; docs/scale-out.md).
* The differential test's 120 seeded random queries go through BigQuery and DuckDB the same way.

Queries that cannot round-trip are listed below with the reason; the test pins the lists (a listed query that starts
to pass fails, so the list shrinks as sqlglot or the translator improves).
"""
import json
import subprocess

import duckdb
import pytest
import sqlglot

from conftest import AURUM
from test_query_differential import (  # noqa: F401 (query_env is a fixture)
    CORPUS, GENERATED_IDS, SCHEMAS, Expected, aurum_rows, canonical, compare_results, duckdb_expected, query_env)

DATASET = "aurum"

# Corpus queries whose BigQuery translation does not round-trip through sqlglot into DuckDB, and why. Empty: the two
# sqlglot limitations met (it writes BigQuery's EXTRACT(DAYOFWEEK) — Sunday = 1 — as DuckDB's, Sunday = 0, drops
# EXTRACT(ISOWEEK), and writes COUNTIF as DuckDB's count_if, NULL over no rows) are avoided by the translator's
# spellings, which mean the same in BigQuery: CAST(FORMAT_DATE('%u'|'%w'|'%V'|'%G', d) AS INT64), COUNT(IF(c, 1, NULL)).
BIGQUERY_EXCEPTIONS = {}
# Corpus queries Aurum refuses to translate to BigQuery (query id or family prefix: words of the refusal): arg_max
# and arg_min, whose tie rule (the largest value) BigQuery's MAX_BY cannot keep. Every other corpus query has a
# BigQuery form.
REFUSED = {"arg_max/": "has no BigQuery form"}


def refusal(query_id):
    return next((words for family, words in REFUSED.items() if query_id == family or (family.endswith("/") and query_id.startswith(family))), None)
# Corpus queries whose DuckDB translation differs, and why. Empty.
DUCKDB_EXCEPTIONS = {}


def translate_all(store, dialect, queries):
    """{query: {"sql": …} or {"error": …}} from one `aurum translate --batch` run."""
    lines = "".join(json.dumps(sql) + "\n" for sql in queries)
    result = subprocess.run([AURUM, "translate", "--batch", "--to", dialect, "--dataset", DATASET, "--store", str(store)],
                            input=lines, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == len(queries)
    return dict(zip(queries, replies))


class TranslationEnvironment:
    def __init__(self, query_env, con):
        self.query_env, self.con = query_env, con
        self.translations = {}

    def translation(self, dialect, sql):
        if dialect not in self.translations:
            queries = [sql for _, sql in CORPUS] + [self.query_env.sql(query_id) for query_id in GENERATED_IDS]
            self.translations[dialect] = translate_all(self.query_env.store, dialect, queries)
        return self.translations[dialect][sql]


@pytest.fixture(scope="module")
def translated_env(query_env, tmp_path_factory):
    """A DuckDB connection without the SETs, the corpus tables in schema `aurum` (as a BigQuery dataset)."""
    directory = tmp_path_factory.mktemp("translated")
    con = duckdb.connect()
    con.execute(f"CREATE SCHEMA {DATASET}")
    for table in SCHEMAS:
        path = directory / f"{table}.parquet"
        query_env.con.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
        con.execute(f"CREATE TABLE {DATASET}.{table} AS SELECT * FROM read_parquet('{path}')")
    return TranslationEnvironment(query_env, con)


def run_translated(env, sql, expected):
    rows = [tuple(canonical(v) for v in row) for row in env.con.execute(sql).fetchall()]
    return compare_results(Expected(expected.kinds, expected.types, rows, expected.runs, []), expected.rows)


def _outcome(env, dialect, query_id, sql):
    """None when the translation gives Aurum's rows, else what went wrong."""
    reply = env.translation(dialect, sql)
    if "error" in reply:
        return f"refused: {reply['error']}"
    expected = duckdb_expected(env.query_env.con, sql, check_determinism=False)
    text = reply["sql"]
    if dialect == "bigquery":
        try:
            text = sqlglot.transpile(text, read="bigquery", write="duckdb")[0]
        except sqlglot.errors.SqlglotError as error:
            return f"sqlglot: {error}"
    try:
        difference = run_translated(env, text, expected)
    except duckdb.Error as error:
        return f"DuckDB: {error}\n{text}"
    return None if difference is None else f"{difference}\n{text}"


@pytest.mark.parametrize("query_id,sql", CORPUS, ids=[query_id for query_id, _ in CORPUS])
def test_bigquery_translation_round_trips(translated_env, query_id, sql):
    problem = _outcome(translated_env, "bigquery", query_id, sql)
    if refusal(query_id) is not None:
        assert problem and problem.startswith("refused") and refusal(query_id) in problem, problem
    elif query_id in BIGQUERY_EXCEPTIONS:
        assert problem is not None, f"{query_id} round-trips now: take it off BIGQUERY_EXCEPTIONS"
    else:
        assert problem is None, f"{query_id}\n{sql}\n{problem}"


@pytest.mark.parametrize("query_id", GENERATED_IDS)
@pytest.mark.parametrize("dialect", ["bigquery", "duckdb"])
def test_generated_queries_translate_too(translated_env, dialect, query_id):
    """The differential test's seeded random queries (LIKE, ILIKE, IN, BETWEEN, NULL handling, every ordering)."""
    sql = translated_env.query_env.sql(query_id)
    problem = _outcome(translated_env, dialect, query_id, sql)
    assert problem is None, f"{query_id}\n{sql}\n{problem}"


@pytest.mark.parametrize("query_id,sql", CORPUS, ids=[query_id for query_id, _ in CORPUS])
def test_duckdb_translation_runs_without_the_sets(translated_env, query_id, sql):
    problem = _outcome(translated_env, "duckdb", query_id, sql)
    if query_id in DUCKDB_EXCEPTIONS:
        assert problem is not None, f"{query_id} matches now: take it off DUCKDB_EXCEPTIONS"
    else:
        assert problem is None, f"{query_id}\n{sql}\n{problem}"


def test_spark_translations_parse(translated_env):
    failures = []
    for query_id, sql in CORPUS:
        reply = translated_env.translation("spark", sql)
        if "error" in reply:
            if refusal(query_id) is None:
                failures.append(f"{query_id}: refused: {reply['error']}")
            continue
        try:
            sqlglot.parse_one(reply["sql"], read="spark")
        except sqlglot.errors.SqlglotError as error:
            failures.append(f"{query_id}: {error}")
    assert not failures, "\n".join(failures)


def test_a_sample_equals_aurum_query_itself(translated_env):
    """The oracle stands in for Aurum above; here a sample is compared with `aurum query`'s own rows."""
    for query_id, sql in CORPUS[::40]:
        if query_id in BIGQUERY_EXCEPTIONS or refusal(query_id) is not None:
            continue
        expected = duckdb_expected(translated_env.query_env.con, sql, check_determinism=False)
        actual, _ = aurum_rows(translated_env.query_env.store, sql, expected.kinds)
        text = sqlglot.transpile(translated_env.translation("bigquery", sql)["sql"], read="bigquery", write="duckdb")[0]
        rows = [tuple(canonical(v) for v in row) for row in translated_env.con.execute(text).fetchall()]
        difference = compare_results(Expected(expected.kinds, expected.types, rows, expected.runs, []), actual)
        assert difference is None, f"{query_id}\n{difference}"


# ---------------------------------------------------------------------------------------------------------------
# Dialect traps: where BigQuery's own reading of the same words would answer differently
# ---------------------------------------------------------------------------------------------------------------

TRAPS = [
    # (name, Aurum query, the answer (Aurum's, as docs/query-language.md defines it), words the BigQuery SQL must hold)
    ("iso_weeks",
     "SELECT date_trunc('week', DATE '2024-03-03') AS monday, extract(week FROM DATE '2021-01-03') AS week, "
     "isoyear(DATE '2021-01-03') AS isoyear, yearweek(DATE '2024-12-30') AS yearweek",
     [("2024-02-26", 53, 2020, 202501)], ["ISOWEEK", "'%V'", "'%G'"]),
    ("weekday_numbering",
     "SELECT isodow(DATE '2024-03-03') AS sun_iso, dayofweek(DATE '2024-03-03') AS sun_dow, "
     "extract(isodow FROM DATE '2024-03-04') AS mon_iso, extract(dow FROM DATE '2024-03-09') AS sat_dow",
     [(7, 0, 1, 6)], ["'%u'", "'%w'"]),
    ("week_difference_is_whole_weeks",
     "SELECT date_diff('week', DATE '2024-03-02', DATE '2024-03-03') AS sat_to_sun, "
     "date_diff('week', DATE '2024-03-04', DATE '2024-03-11') AS one_week, date_diff('month', DATE '2024-01-31', DATE '2024-02-01') AS m",
     [(0, 1, 1)], ["DIV(DATE_DIFF("]),
    ("null_order",
     "SELECT x FROM (SELECT NULL AS x UNION ALL SELECT 2 UNION ALL SELECT 1) AS t ORDER BY x",
     [(1,), (2,), (None,)], ["ASC NULLS LAST"]),
    ("null_order_desc_first",
     "SELECT x FROM (SELECT NULL AS x UNION ALL SELECT 2 UNION ALL SELECT 1) AS t ORDER BY x DESC NULLS FIRST",
     [(None,), (2,), (1,)], ["DESC NULLS FIRST"]),
    ("integer_division_is_a_ratio",
     "SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d, CAST(2.5 AS BIGINT) AS e, CAST(2.5e0 * 1 AS BIGINT) AS f",
     [(3.5, -3.5, 1, -1, 3, 2)], ["SAFE_DIVIDE(7, 2)", "MOD("]),
    ("division_by_zero_is_null",
     "SELECT 1 / 0 AS a, 0 / 0 AS b, 5 % 0 AS c, 1.5 / 0.0 AS d, count(*) / 0 AS e",
     [(None, None, None, None, None)], ["SAFE_DIVIDE"]),
    ("month_end_clamps",
     "SELECT DATE '2024-01-31' + INTERVAL 1 MONTH AS a, DATE '2024-03-31' - INTERVAL 1 MONTH AS b, date_add(DATE '2023-02-28', INTERVAL 1 YEAR) AS c",
     [("2024-02-29", "2024-02-29", "2024-02-28")], ["DATE_ADD(", "DATE_SUB("]),
    ("greatest_skips_nulls",
     "SELECT greatest(1, NULL, 3) AS a, least(NULL, 2) AS b, greatest(CAST(NULL AS BIGINT), NULL) AS c",
     [(3, 2, None)], ["COALESCE("]),
]


@pytest.mark.parametrize("name,sql,answer,words", TRAPS, ids=[trap[0] for trap in TRAPS])
def test_dialect_trap(translated_env, name, sql, answer, words):
    store = translated_env.query_env.store
    expected = duckdb_expected(translated_env.query_env.con, sql, check_determinism=False)
    aurum, _ = aurum_rows(store, sql, expected.kinds)
    assert compare_results(Expected(expected.kinds, expected.types, answer, expected.runs, []), aurum) is None, aurum
    bigquery = translate_all(store, "bigquery", [sql])[sql]["sql"]
    for word in words:
        assert word in bigquery, f"{word} not in {bigquery}"
    for dialect, text in (("bigquery", sqlglot.transpile(bigquery, read="bigquery", write="duckdb")[0]),
                          ("duckdb", translate_all(store, "duckdb", [sql])[sql]["sql"])):
        rows = [tuple(canonical(v) for v in row) for row in translated_env.con.execute(text).fetchall()]
        difference = compare_results(Expected(expected.kinds, expected.types, rows, expected.runs, []), aurum)
        assert difference is None, f"{dialect}: {text}\n{difference}"


def test_refusals_name_the_construct(translated_env):
    store = translated_env.query_env.store
    cases = [("bigquery", "SELECT spend % 2 FROM kpi_campaign_total", "% of a DOUBLE"),
             ("bigquery", "EXPLAIN SELECT 1", "EXPLAIN"),
             ("bigquery", "SELECT nosuch FROM kpi_campaign_total", "unknown column")]
    for dialect, sql, word in cases:
        reply = translate_all(store, dialect, [sql])[sql]
        assert "error" in reply and word in reply["error"], reply
    result = subprocess.run([AURUM, "translate", "--to", "bigquery", "SELECT spend % 2 FROM kpi_campaign_total", "--store", str(store)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "% of a DOUBLE" in result.stderr and not result.stdout
