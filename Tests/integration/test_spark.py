"""An existing distributed engine runs Aurum's queries: Apache Spark in local mode reads the store's tables as
`aurum export --all --format parquet` writes them and runs `aurum translate --to spark` of every query of the
differential corpus (Tests/integration/queries/*.sql); each result must be Aurum's.

Aurum's result is the DuckDB oracle's of test_query_differential.py (with the spec's two SETs), which that test holds
equal to `aurum query` for every corpus query; the comparison is the same (`compare_results`: in order only where the
query has an ORDER BY, rows tied on its keys in any order; doubles within 1e-9 relative). Spark runs as shipped
(ANSI mode on, Spark 4's default), its session time zone UTC; nothing is set to make it behave like Aurum: the
translation must carry Aurum's meaning.

Slow (the JVM starts once, in about a minute; then every query is a Spark job), so it runs only in `make test-scale`
(AURUM_SCALE_TESTS=1), which scripts/setup.sh --scale prepares (pyspark from PyPI, a Java runtime from apt). Queries
that are not run are listed below by family with the reason, counted and printed, and pinned: a listed query that
Spark answers now fails the test, so the list can only shrink.
"""
import os
import time
from pathlib import Path

import pytest

from conftest import aurum
from test_query_differential import (  # noqa: F401 (query_env is a fixture)
    CORPUS, SCHEMAS, Expected, canonical, compare_results, duckdb_expected, query_env)
from test_translate import DATASET, translate_all

pytestmark = pytest.mark.skipif(os.environ.get("AURUM_SCALE_TESTS") != "1",
                                reason="Spark runs in `make test-scale` (AURUM_SCALE_TESTS=1)")

# Corpus queries whose Spark translation is not compared, by family, with the reason. A family is a query-id
# prefix (`qualify/`: every query of qualify.sql) or one query's id. Every listed query is still tried: one that
# Spark answers as Aurum does now fails the test ("take it off").
ROUNDING = ("round() of a DOUBLE: Spark rounds the number's decimal text half up (round(2.675, 2) = 2.68), Aurum "
            "the binary double (2.67), as DuckDB and BigQuery do")
SKIPPED = {
    "functions/round_two_digits": ROUNDING,
    "functions/round_double_ties_in_binary": ROUNDING,
    "functions/lower_upper_special_case_mappings": (
        "Unicode special casing: Spark's upper('ß') is 'ẞ' and upper('ﬁ') 'ﬁ', Aurum applies the full mappings "
        "('SS', 'FI')"),
    "windows/window_order_by_window_expression": (
        "ORDER BY a window function's result written out: Spark does not sort by a window expression "
        "(UNSUPPORTED_EXPR_FOR_OPERATOR)"),
    "dates/dates_in_having_and_order": (
        "ORDER BY an expression of aggregates that is not selected (date_diff of min(date), max(date)): Spark "
        "does not resolve the column there after GROUP BY (UNRESOLVED_COLUMN)"),
    "subqueries/in_select_list_three_valued": (
        "x IN (subquery) in a select list over a subquery holding NULLs: Spark answers NULL where Aurum answers "
        "false for the first campaign"),
}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession  # imported here: the module is collected without pyspark in `make test`

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (SparkSession.builder.master("local[2]").appName("aurum-corpus")
               .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.warehouse.dir", str(warehouse))
               .config("spark.sql.shuffle.partitions", "2").config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_tables(spark, query_env, tmp_path_factory):
    """Every table exported by Aurum as Parquet, a Spark table over each in database `aurum` (the translations name
    `aurum.TABLE`, as `aurum translate --to spark --dataset aurum` writes them)."""
    directory = tmp_path_factory.mktemp("spark-parquet")
    aurum("export", "--all", "--format", "parquet", "--out", directory, store=query_env.store)
    spark.sql(f"CREATE DATABASE IF NOT EXISTS {DATASET}")
    for table in SCHEMAS:
        path = Path(directory) / f"{table}.parquet"
        spark.sql(f"CREATE TABLE {DATASET}.{table} USING parquet LOCATION '{path}'")
    return directory


def skip_reason(query_id):
    return next((reason for family, reason in SKIPPED.items() if query_id == family or (family.endswith("/") and query_id.startswith(family))), None)


def spark_problem(spark, query_env, sql, reply):
    """None when Spark's rows of the translation are Aurum's, else what differs."""
    if "error" in reply:
        return f"refused: {reply['error']}"
    expected = duckdb_expected(query_env.con, sql, check_determinism=False)
    try:
        rows = [tuple(canonical(value) for value in row) for row in spark.sql(reply["sql"]).collect()]
    except Exception as error:  # noqa: BLE001 (any Spark failure is this query's failure)
        return f"Spark: {str(error).splitlines()[0]}\n  {reply['sql']}"
    difference = compare_results(Expected(expected.kinds, expected.types, rows, expected.runs, []), expected.rows)
    return None if difference is None else f"{difference}\n  {reply['sql']}"


def test_spark_runs_the_corpus_with_aurums_results(spark, spark_tables, query_env, report_line):
    started = time.monotonic()
    translations = translate_all(query_env.store, "spark", [sql for _, sql in CORPUS])
    ran, skipped, failures = 0, {}, []
    for query_id, sql in CORPUS:
        reply = translations[sql]
        reason = skip_reason(query_id)
        if reason is not None:
            skipped.setdefault(reason, []).append(query_id)
            if spark_problem(spark, query_env, sql, reply) is None:
                failures.append(f"{query_id}: listed as skipped ({reason}) but Spark answers as Aurum now: take it off SKIPPED")
            continue
        ran += 1
        problem = spark_problem(spark, query_env, sql, reply)
        if problem is not None:
            failures.append(f"{query_id}: {problem}")
    # The counts go to the run's summary: CI's log shows what ran and what was not compared, and why.
    report_line(f"Spark: {ran} corpus queries run, {sum(map(len, skipped.values()))} skipped, "
                f"{len(failures)} failed, in {time.monotonic() - started:.0f} s")
    for reason, ids in skipped.items():
        report_line(f"  skipped {len(ids)}: {reason}")
    assert not failures, f"{len(failures)} of {len(CORPUS)} queries:\n" + "\n".join(failures)
