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
from test_translate import translate_all

pytestmark = pytest.mark.skipif(os.environ.get("AURUM_SCALE_TESTS") != "1",
                                reason="Spark runs in `make test-scale` (AURUM_SCALE_TESTS=1)")

# Families of corpus queries Spark does not run, and why: (query-id prefix, the refusal's words, reason).
SKIPPED = [
    ("qualify/", "QUALIFY", "QUALIFY: Spark SQL has no QUALIFY clause; Aurum refuses to translate it rather than "
                            "rewrite the query around its window (the BigQuery and DuckDB translations keep it)"),
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession  # imported here: the module is collected without pyspark in `make test`

    session = (SparkSession.builder.master("local[2]").appName("aurum-corpus")
               .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.shuffle.partitions", "2").config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_tables(spark, query_env, tmp_path_factory):
    """Every table exported by Aurum as Parquet, a Spark temporary view over each."""
    directory = tmp_path_factory.mktemp("spark-parquet")
    aurum("export", "--all", "--format", "parquet", "--out", directory, store=query_env.store)
    for table in SCHEMAS:
        path = Path(directory) / f"{table}.parquet"
        spark.read.parquet(str(path)).createOrReplaceTempView(table)
    return directory


def skip_reason(query_id):
    return next(((words, reason) for prefix, words, reason in SKIPPED if query_id.startswith(prefix)), None)


def test_spark_runs_the_corpus_with_aurums_results(spark, spark_tables, query_env, capsys):
    started = time.monotonic()
    translations = translate_all(query_env.store, "spark", [sql for _, sql in CORPUS])
    ran, skipped, failures = 0, {}, []
    for query_id, sql in CORPUS:
        reply = translations[sql]
        listed = skip_reason(query_id)
        if listed is not None:
            words, reason = listed
            if "error" not in reply or words not in reply["error"]:
                failures.append(f"{query_id}: listed as skipped ({reason}) but translated now: take it off SKIPPED")
            skipped.setdefault(reason, []).append(query_id)
            continue
        if "error" in reply:
            failures.append(f"{query_id}: refused: {reply['error']}")
            continue
        expected = duckdb_expected(query_env.con, sql, check_determinism=False)
        try:
            rows = [tuple(canonical(value) for value in row) for row in spark.sql(reply["sql"]).collect()]
        except Exception as error:  # noqa: BLE001 (any Spark failure is this query's failure)
            failures.append(f"{query_id}: Spark: {str(error).splitlines()[0]}\n  {reply['sql']}")
            continue
        ran += 1
        difference = compare_results(Expected(expected.kinds, expected.types, rows, expected.runs, []), expected.rows)
        if difference is not None:
            failures.append(f"{query_id}: {difference}\n  {reply['sql']}")
    with capsys.disabled():
        print(f"\nSpark: {ran} corpus queries run, {sum(map(len, skipped.values()))} skipped, "
              f"{len(failures)} failed, in {time.monotonic() - started:.0f} s")
        for reason, ids in skipped.items():
            print(f"  skipped {len(ids)}: {reason}")
    assert not failures, f"{len(failures)} of {len(CORPUS)} queries:\n" + "\n".join(failures)
