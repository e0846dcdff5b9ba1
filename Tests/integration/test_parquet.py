"""`aurum export --format parquet` (docs/parquet.md): every table, read back by pyarrow and by DuckDB, holds
exactly the rows, types and values of the CSV export, with correct statistics, over the bundled sample, the
shared bronze-3k sample and a generated set (AURUM_PARQUET_TEST_ROWS rows, default 200,000).

Rows are compared as multisets (Parquet keeps the store's order; CSV is sorted by key): each row is
normalised (doubles by their bit pattern, so 0.0 and -0.0 differ; dates as dates; NULL apart from '') and
hashed, so big tables are compared without holding them. Small writer limits (environment variables read by
the CLI) make the same data span many pages and row groups and push dictionaries past their limit.
"""
import collections
import datetime
import hashlib
import os
import struct
import subprocess
from pathlib import Path

import duckdb
import pyarrow
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import AURUM, REPO, SHARED, aurum, generate, ingest

TABLES = ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total", "ad_insights", "quarantine",
          "bronze_files", "bronze_rows", "fx_rates", "clients"]
ARROW_TYPES = {"BIGINT": pyarrow.int64(), "DOUBLE": pyarrow.float64(), "DATE": pyarrow.date32(), "VARCHAR": pyarrow.string()}
GENERATED_ROWS = int(os.environ.get("AURUM_PARQUET_TEST_ROWS", "200000"))
# Tiny limits: 8 KiB pages, 10,000-row groups, 4 KiB dictionaries.
SMALL = {"AURUM_PARQUET_PAGE_BYTES": "8192", "AURUM_PARQUET_ROW_GROUP_ROWS": "10000", "AURUM_PARQUET_DICTIONARY_BYTES": "4096"}


def export_parquet(store, table, out, env=None):
    command = [AURUM, "export", table, "--format", "parquet", "--out", str(out), "--store", str(store)]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def schema_of(store, table):
    """[(name, TYPE, nullable)] from `aurum schema TABLE`."""
    lines = aurum("schema", table, store=store).stdout.splitlines()[1:]
    columns = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            columns.append((parts[0], parts[1], parts[2] == "NULL"))
    return columns


def normalise(value, type_name):
    if value is None:
        return None
    if type_name == "DOUBLE":
        return struct.pack("<d", value)
    return value


def digest(row):
    return hashlib.blake2b(repr(row).encode(), digest_size=16).digest()


def csv_rows(path, schema):
    """The CSV export's rows, typed by the schema; DuckDB reads the text only (an empty field is NULL, "" is '')."""
    con = duckdb.connect()
    cursor = con.execute(f"SELECT * FROM read_csv('{path}', header=true, all_varchar=true, allow_quoted_nulls=false, "
                         f"quote='\"', escape='\"', delim=',', new_line='\\n')")
    converters = {"BIGINT": int, "DOUBLE": float, "DATE": datetime.date.fromisoformat, "VARCHAR": str}
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            yield tuple(normalise(None if text is None else converters[type_name](text), type_name)
                        for text, (_, type_name, _) in zip(row, schema))


def arrow_rows(path, schema):
    for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
        columns = [batch.column(index).to_pylist() for index in range(batch.num_columns)]
        for row in zip(*columns):
            yield tuple(normalise(value, type_name) for value, (_, type_name, _) in zip(row, schema))


def duckdb_rows(path, schema):
    cursor = duckdb.connect().execute(f"SELECT * FROM read_parquet('{path}')")
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            yield tuple(normalise(value, type_name) for value, (_, type_name, _) in zip(row, schema))


def assert_same_rows(expected, actual, label):
    """Equal multisets of rows; on a difference, shows a few rows on each side."""
    expected_rows, actual_rows = list(expected), list(actual)
    want = collections.Counter(map(digest, expected_rows))
    got = collections.Counter(map(digest, actual_rows))
    if want != got:
        missing, extra = want - got, got - want
        show_missing = [row for row in expected_rows if digest(row) in missing][:3]
        show_extra = [row for row in actual_rows if digest(row) in extra][:3]
        pytest.fail(f"{label}: {sum(missing.values())} rows missing, {sum(extra.values())} unexpected\n"
                    f"missing e.g. {show_missing}\nunexpected e.g. {show_extra}")


_CSV_EXPORTS = {}


def csv_export(store, table, directory):
    """The CSV export of `table` (text unguarded), made once per store and table."""
    key = (str(store), table)
    if key not in _CSV_EXPORTS:
        path = directory / f"{table}.csv"
        aurum("export", table, "--formula-guard", "none", "--out", path, store=store)
        _CSV_EXPORTS[key] = path
    return _CSV_EXPORTS[key]


def check_table(store, table, directory, env=None, baseline=None):
    """The Parquet export of `table` equals its CSV export (or the Parquet file `baseline`) in pyarrow and
    DuckDB, with correct statistics and page headers; returns the Parquet path."""
    schema = schema_of(store, table)
    path = export_parquet(store, table, directory / f"{table}.parquet", env)

    # Types and nullability, as both readers see them.
    arrow_schema = pq.read_schema(path)
    assert [(f.name, f.type, f.nullable) for f in arrow_schema] == [(n, ARROW_TYPES[t], nullable) for n, t, nullable in schema]
    described = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    assert [(row[0], row[1]) for row in described] == [(n, t) for n, t, _ in schema]

    expected = list(arrow_rows(baseline, schema) if baseline else csv_rows(csv_export(store, table, directory), schema))
    assert pq.ParquetFile(path).metadata.num_rows == len(expected)
    assert_same_rows(expected, arrow_rows(path, schema), f"{table} via pyarrow")
    assert_same_rows(expected, duckdb_rows(path, schema), f"{table} via DuckDB")
    check_statistics(path)
    pages_of(path)
    return path


def check_statistics(path):
    """Every column chunk's null count, min and max equal what its row group holds."""
    parquet = pq.ParquetFile(path)
    metadata = parquet.metadata
    for group in range(metadata.num_row_groups):
        for index in range(metadata.num_columns):
            chunk = metadata.row_group(group).column(index)
            values = parquet.read_row_group(group, columns=[chunk.path_in_schema]).column(0)
            statistics = chunk.statistics
            assert statistics is not None and statistics.has_null_count, (path, group, chunk.path_in_schema)
            assert statistics.null_count == values.null_count, (path, group, chunk.path_in_schema)
            bounds = pc.min_max(values).as_py()
            if bounds["min"] is None:
                assert not statistics.has_min_max
                continue
            if values.type == pyarrow.string():
                longest = max(len(text.encode()) for text in (bounds["min"], bounds["max"]))
                if longest > 4096:
                    assert not statistics.has_min_max
                    continue
            assert statistics.has_min_max, (path, group, chunk.path_in_schema)
            assert (statistics.min, statistics.max) == (bounds["min"], bounds["max"]), (path, group, chunk.path_in_schema)


def thrift_struct(data, offset):
    """Parses one compact-protocol struct at `offset` (enough of the protocol for page headers): returns
    ({field id: value}, offset after it)."""
    def varint(at):
        result = shift = 0
        while True:
            byte = data[at]
            at += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                return result, at
            shift += 7

    def value(kind, at):
        if kind in (1, 2):
            return kind == 1, at
        if kind == 3:
            return data[at], at + 1
        if kind in (4, 5, 6):
            raw, at = varint(at)
            return (raw >> 1) ^ -(raw & 1), at
        if kind == 7:
            return struct.unpack_from("<d", data, at)[0], at + 8
        if kind == 8:
            length, at = varint(at)
            return bytes(data[at:at + length]), at + length
        if kind == 9:
            header = data[at]
            at += 1
            size, element = header >> 4, header & 0x0F
            if size == 15:
                size, at = varint(at)
            items = []
            for _ in range(size):
                item, at = value(element, at)
                items.append(item)
            return items, at
        if kind == 12:
            return thrift_struct(data, at)
        raise AssertionError(f"unexpected compact type {kind} at {at}")

    fields, last = {}, 0
    while True:
        header = data[offset]
        offset += 1
        if header == 0:
            return fields, offset
        delta, kind = header >> 4, header & 0x0F
        if delta:
            field = last + delta
        else:
            raw, offset = varint(offset)
            field = (raw >> 1) ^ -(raw & 1)
        fields[field], offset = value(kind, offset)
        last = field


def pages_of(path):
    """[(row group, column, [(page type, values)])], walking each chunk's page headers from its first page to
    exactly its total_compressed_size."""
    data = Path(path).read_bytes()
    metadata = pq.ParquetFile(path).metadata
    chunks = []
    for group in range(metadata.num_row_groups):
        for index in range(metadata.num_columns):
            chunk = metadata.row_group(group).column(index)
            start = chunk.dictionary_page_offset if chunk.has_dictionary_page else chunk.data_page_offset
            offset, end, pages = start, start + chunk.total_compressed_size, []
            while offset < end:
                header, offset = thrift_struct(data, offset)
                if header[1] == 0:
                    pages.append((0, header[5][1]))
                    offset += header[3]
                else:
                    assert header[1] == 2 and not pages, "a dictionary page comes first, and once"
                    pages.append((2, header[7][1]))
                    offset += header[3]
                    assert offset == chunk.data_page_offset
            assert offset == end, (path, group, index)
            assert sum(count for kind, count in pages if kind == 0) == chunk.num_values
            assert chunk.has_dictionary_page == (pages[0][0] == 2)
            assert ("RLE_DICTIONARY" in chunk.encodings) == chunk.has_dictionary_page
            chunks.append((group, chunk.path_in_schema, pages))
    return chunks


# --- stores ---

@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """The bundled sample, with exchange rates loaded so that fx_rates has rows."""
    directory = tmp_path_factory.mktemp("parquet-sample")
    store = directory / "store"
    ingest(store, REPO / "datasets" / "sample")
    rates = directory / "rates.csv"
    day = datetime.date(2024, 1, 1)
    lines = ["date,currency,rate"]
    for step in range(120):
        lines.append(f"{day + datetime.timedelta(days=step)},BRL,{0.2 + 0.0001 * step:.4f}")
    rates.write_text("\n".join(lines) + "\n")
    aurum("fx", "import", rates, "--to", "USD", store=store)
    return store


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    tree = SHARED / "samples" / "bronze-3k"
    if not tree.is_dir():
        pytest.skip(f"{tree} is not on this machine")
    store = tmp_path_factory.mktemp("parquet-3k") / "store"
    ingest(store, tree)
    return store


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("parquet-generated")
    tree = generate(directory / "bronze", 16, GENERATED_ROWS, "--messy")
    store = directory / "store"
    ingest(store, tree)
    return store


# --- tests ---

@pytest.mark.parametrize("table", TABLES)
def test_sample_tables_read_back_as_csv(sample_store, tmp_path, table):
    check_table(sample_store, table, tmp_path)


@pytest.mark.parametrize("table", TABLES)
def test_shared_sample_tables_read_back_as_csv(shared_store, tmp_path, table):
    check_table(shared_store, table, tmp_path)


@pytest.mark.parametrize("table", [t for t in TABLES if t != "bronze_rows"])
def test_generated_tables_read_back_as_csv(generated_store, tmp_path_factory, table):
    check_table(generated_store, table, tmp_path_factory.mktemp(table))


@pytest.fixture(scope="module")
def generated_bronze_rows(generated_store, tmp_path_factory):
    """bronze_rows of the generated store with the default limits. Its CSV export alone takes a minute in a
    debug build (it sorts every raw row), so here the file is checked against the small-limit export and each
    reader against the other; the samples' bronze_rows are compared with CSV."""
    directory = tmp_path_factory.mktemp("bronze-rows")
    path = export_parquet(generated_store, "bronze_rows", directory / "bronze_rows.parquet")
    schema = schema_of(generated_store, "bronze_rows")
    assert_same_rows(arrow_rows(path, schema), duckdb_rows(path, schema), "bronze_rows: pyarrow vs DuckDB")
    check_statistics(path)
    pages_of(path)
    return path


def test_generated_bronze_rows_dictionary_gives_way(generated_bronze_rows):
    # Every raw row differs: past 1 MiB the dictionary gives way to PLAIN, while `source` keeps its dictionary.
    metadata = pq.ParquetFile(generated_bronze_rows).metadata
    chunk = {c.path_in_schema: c for c in (metadata.row_group(0).column(i) for i in range(metadata.num_columns))}
    assert not chunk["raw"].has_dictionary_page and "RLE_DICTIONARY" not in chunk["raw"].encodings
    assert chunk["source"].has_dictionary_page and "RLE_DICTIONARY" in chunk["source"].encodings


@pytest.mark.parametrize("table", ["ad_insights", "bronze_rows", "kpi_campaign_daily", "quarantine"])
def test_many_pages_row_groups_and_dictionary_fallback(generated_store, generated_bronze_rows, tmp_path_factory, table):
    baseline = generated_bronze_rows if table == "bronze_rows" else None
    path = check_table(generated_store, table, tmp_path_factory.mktemp(table + "-small"), env=SMALL, baseline=baseline)
    metadata = pq.ParquetFile(path).metadata
    rows = metadata.num_rows
    assert metadata.num_row_groups == max(1, (rows + 9999) // 10000)
    chunks = pages_of(path)
    data_pages = {name: max(sum(1 for kind, _ in pages if kind == 0) for _, n, pages in chunks if n == name)
                  for name in {n for _, n, _ in chunks}}
    with_dictionary = {n for _, n, pages in chunks if pages[0][0] == 2}
    fell_back = {n for _, n, pages in chunks if pages[0][0] != 2}
    if table == "ad_insights":
        assert data_pages["row"] > 1 and data_pages["campaign_name"] > 1, data_pages
        assert "source" in with_dictionary and "row" in fell_back and "ad_name" in fell_back, (with_dictionary, fell_back)
    if table == "bronze_rows":
        assert data_pages["raw"] > 1 and "raw" in fell_back


def test_row_groups_by_size(generated_store, tmp_path):
    """1 MiB of PLAIN rows a row group: the Silver table spans several, each about that size."""
    path = export_parquet(generated_store, "ad_insights", tmp_path / "a.parquet", {"AURUM_PARQUET_ROW_GROUP_BYTES": str(1 << 20)})
    metadata = pq.ParquetFile(path).metadata
    assert metadata.num_row_groups > 10
    sizes = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    assert sum(sizes) == metadata.num_rows
    assert max(sizes[:-1]) - min(sizes[:-1]) < max(sizes) // 4, sizes  # even cuts but for the last
    assert duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0] == metadata.num_rows


def test_export_all_writes_every_table(sample_store, tmp_path):
    out = aurum("export", "--all", "--format", "parquet", "--out", tmp_path / "dir", store=sample_store).stdout
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        assert f"{table}.parquet: " in out
        rows = int(aurum("query", "--format", "csv", f"SELECT count(*) AS n FROM {table}", store=sample_store).stdout.split()[1])
        assert pq.ParquetFile(tmp_path / "dir" / f"{table}.parquet").metadata.num_rows == rows


def test_currency_conversion_matches_csv(sample_store, tmp_path):
    csv_path = tmp_path / "daily.csv"
    aurum("export", "kpi_campaign_daily", "--currency", "USD", "--formula-guard", "none", "--out", csv_path, store=sample_store)
    path = tmp_path / "daily.parquet"
    aurum("export", "kpi_campaign_daily", "--currency", "USD", "--format", "parquet", "--out", path, store=sample_store)
    schema = schema_of(sample_store, "kpi_campaign_daily")
    assert_same_rows(csv_rows(csv_path, schema), arrow_rows(path, schema), "converted daily")


@pytest.mark.parametrize("args, message", [
    (["ad_insights", "--format", "parquet"], "--format parquet writes a file"),
    (["--all", "--out", "x"], "--all writes Parquet files"),
    (["ad_insights", "--all", "--format", "parquet", "--out", "x"], "not both"),
    (["--format", "parquet", "--out", "x"], "give the TABLE"),
    (["ad_insights", "--format", "parquet", "--out", "x", "--formula-guard", "none"], "--formula-guard applies to CSV"),
    (["nope", "--format", "parquet", "--out", "x"], "nope"),
])
def test_bad_arguments_are_refused(sample_store, tmp_path, args, message):
    result = aurum("export", *args, store=sample_store, check=False)
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert not (Path.cwd() / "x").exists()


def test_bad_limit_is_refused_and_leaves_no_file(sample_store, tmp_path):
    result = subprocess.run([AURUM, "export", "ad_insights", "--format", "parquet", "--out", str(tmp_path / "a.parquet"),
                             "--store", str(sample_store)], capture_output=True, text=True,
                            env={**os.environ, "AURUM_PARQUET_PAGE_BYTES": "0"})
    assert result.returncode == 1 and "AURUM_PARQUET_PAGE_BYTES='0'" in result.stderr
    assert list(tmp_path.iterdir()) == []
