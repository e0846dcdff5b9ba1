"""`aurum export` and `aurum query --format csv|json` stream (docs/performance.md, "Memory"): a store of several
ingest runs (so Silver is several sorted runs, over several row groups) exports as CSV exactly the rows its
Parquet export holds, in key order, as pyarrow and DuckDB sort them; a streamed query prints the bytes of the
gathered result; and a reader that goes away (`| head -1`) ends the command quietly with status 0.
"""
import os
import subprocess

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import AURUM, aurum, generate, ingest, runs_of

ROWS = int(os.environ.get("AURUM_STREAM_TEST_ROWS", "40000"))
KEYS = {
    "ad_insights": ["source", "account_id", "ad_id", "date"],
    "kpi_campaign_daily": ["source", "account_id", "campaign_id", "date"],
    "kpi_campaign_weekly": ["source", "account_id", "campaign_id", "week"],
    "quarantine": ["file_id", "row"],
}
# Parquet row groups of 4,000 rows: the export spans many.
SMALL_GROUPS = {"AURUM_PARQUET_ROW_GROUP_ROWS": "4000"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A messy generated set ingested in three runs: Silver holds (month × run) sorted runs."""
    directory = tmp_path_factory.mktemp("streamed")
    tree = generate(directory / "bronze", 77, ROWS, "--messy")
    store = directory / "store"
    for run in runs_of(tree, 3):
        ingest(store, *run)
    return store


def export(store, table, out, *options, env=None):
    command = [AURUM, "export", table, "--out", str(out), "--store", str(store), *options]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=900)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("table", list(KEYS))
def test_csv_export_is_the_parquet_rows_in_key_order(store, tmp_path, table):
    csv = export(store, table, tmp_path / f"{table}.csv", "--formula-guard", "none")
    parquet = export(store, table, tmp_path / f"{table}.parquet", "--format", "parquet", env=SMALL_GROUPS)
    metadata = pq.ParquetFile(parquet).metadata
    if table == "ad_insights":
        assert metadata.num_rows > ROWS * 2 // 3 and metadata.num_row_groups > 5, (metadata.num_rows, metadata.num_row_groups)
    keys = KEYS[table]
    connection = duckdb.connect()
    # The CSV read with the Parquet file's types; an empty unquoted field is NULL, "" an empty text.
    types = [row[:2] for row in connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()]
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in types)
    exported = connection.execute(
        f"SELECT * FROM read_csv('{csv}', header = true, columns = {{{columns}}}, allow_quoted_nulls = false)").fetchall()
    by_duckdb = connection.execute(f"SELECT * FROM read_parquet('{parquet}') ORDER BY {', '.join(keys)}").fetchall()
    assert len(exported) == metadata.num_rows
    assert exported == by_duckdb
    arrow = pq.read_table(parquet)
    by_arrow = arrow.sort_by([(key, "ascending") for key in keys]).to_pylist()
    assert [tuple(row.values()) for row in by_arrow] == exported


@pytest.mark.parametrize("format", ["csv", "json"])
def test_streamed_query_prints_the_gathered_bytes(store, format):
    """A plain scan streams; the same query with a LIMIT no table reaches is gathered: the bytes are equal."""
    streamed = aurum("query", "--format", format, "SELECT * FROM ad_insights WHERE clicks >= 0", store=store).stdout
    gathered = aurum("query", "--format", format, "SELECT * FROM ad_insights WHERE clicks >= 0 LIMIT 1000000000", store=store).stdout
    assert streamed == gathered
    assert streamed.count("\n") > ROWS * 2 // 3
    empty = aurum("query", "--format", format, "SELECT * FROM ad_insights WHERE clicks < 0", store=store).stdout
    assert empty == aurum("query", "--format", format, "SELECT * FROM ad_insights WHERE clicks < 0 LIMIT 5", store=store).stdout


@pytest.mark.parametrize("command", [
    ["query", "--format", "csv", "SELECT * FROM ad_insights"],
    ["query", "--format", "json", "SELECT * FROM ad_insights"],
    ["export", "ad_insights"],
])
def test_reader_that_goes_away_ends_quietly(store, command):
    """`aurum … | head -1`: one line read, the pipe closed, and aurum exits 0 without a word on stderr."""
    process = subprocess.Popen([AURUM, *command, "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    status = process.wait(timeout=600)
    error = process.stderr.read()
    assert status == 0 and error == b"", (status, error)
    assert first.startswith(b"source,") or first == b"[\n"


def test_head_in_a_shell_pipeline(store):
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{AURUM}' query --store '{store}' --format csv 'SELECT * FROM ad_insights' | head -1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and result.stderr == "", result
    assert result.stdout.startswith("source,account_id,")
