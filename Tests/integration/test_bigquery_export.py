"""`aurum export --for bigquery DIR`: Parquet of every table, a BigQuery schema file per table that matches it,
a load.sh of `bq load` commands (run here against a recording stand-in for `bq`) and a README."""
import json
import os
import subprocess

import pyarrow
import pyarrow.parquet as pq
import pytest

from conftest import AURUM, REPO, aurum, ingest
from test_parquet import TABLES, arrow_rows, assert_same_rows, schema_of

BIGQUERY_TYPES = {"STRING": pyarrow.string(), "DATE": pyarrow.date32(), "INT64": pyarrow.int64(), "FLOAT64": pyarrow.float64()}
PARTITIONED = {"ad_insights", "kpi_campaign_daily"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bigquery-export")
    store = directory / "store"
    ingest(store, REPO / "datasets" / "sample")
    aurum("clients", "set", "Acme", "--meta", "739179755604945", store=store)
    out = directory / "bq"
    printed = aurum("export", "--for", "bigquery", out, store=store).stdout
    return store, out, printed


def test_every_table_has_parquet_and_a_schema_that_matches_it(exported, tmp_path):
    store, out, printed = exported
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in TABLES] + [f"{t}.schema.json" for t in TABLES] + ["load.sh", "README.md"])
    for table in TABLES:
        assert f"{table}.parquet: " in printed
        fields = json.loads((out / f"{table}.schema.json").read_text())
        arrow = pq.read_schema(out / f"{table}.parquet")
        assert [f["name"] for f in fields] == arrow.names, table
        for field, column in zip(fields, arrow):
            assert set(field) == {"name", "type", "mode", "description"}
            assert BIGQUERY_TYPES[field["type"]] == column.type, (table, field)
            assert field["mode"] == ("NULLABLE" if column.nullable else "REQUIRED"), (table, field)
            assert field["description"].strip(), (table, field["name"])
        # The same rows as the table's own Parquet export.
        single = tmp_path / f"{table}.parquet"
        aurum("export", table, "--format", "parquet", "--out", single, store=store)
        schema = schema_of(store, table)
        assert_same_rows(arrow_rows(single, schema), arrow_rows(out / f"{table}.parquet", schema), table)
    spend = next(f for f in json.loads((out / "ad_insights.schema.json").read_text()) if f["name"] == "spend")
    assert spend == {"name": "spend", "type": "FLOAT64", "mode": "REQUIRED",
                     "description": "amount spent, in the account currency (units, not micros)"}


def test_load_script_parses_and_loads_every_table(exported, tmp_path):
    _, out, _ = exported
    script = out / "load.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["bash", "-n", str(script)], check=True)
    # A stand-in `bq` that records its arguments and the working directory's files it names.
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "bq.log"
    (fake / "bq").write_text(f"#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> {log}\nfor a in \"$@\"; do case $a in *.parquet|*.json) test -f \"$a\" || exit 9;; esac; done\n")
    (fake / "bq").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")
    for args, location in ((["proj:aurum"], None), (["proj:aurum", "EU"], "--location=EU")):
        log.write_text("")
        subprocess.run(["bash", str(script), *args], check=True, env=env, cwd=tmp_path)
        lines = log.read_text().splitlines()
        assert len(lines) == len(TABLES)
        by_table = {line.split()[-3].split(".", 1)[1]: line.split() for line in lines}
        assert sorted(by_table) == sorted(TABLES)
        for table, words in by_table.items():
            assert words[:2 if location else 1] == ([location, "load"] if location else ["load"])
            assert words[-3:] == [f"proj:aurum.{table}", f"{table}.parquet", f"{table}.schema.json"]
            assert "--source_format=PARQUET" in words and "--replace" in words
            if table in PARTITIONED:
                assert "--time_partitioning_field=date" in words
                assert "--clustering_fields=source,account_id,campaign_id" in words
            else:
                assert not any(w.startswith(("--time_partitioning", "--clustering")) for w in words)
    usage = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)
    assert usage.returncode == 2 and "usage:" in usage.stderr


def test_readme_explains_the_load(exported):
    _, out, _ = exported
    text = (out / "README.md").read_text()
    assert "./load.sh" in text and "aurum push bigquery" in text and "FLOAT64" in text
    for table in TABLES:
        assert f"`{table}`" in text


@pytest.mark.parametrize("args, message", [
    (["--for", "bigquery"], "give the directory"),
    (["--for", "bigquery", "d", "--client", "Acme"], "give only the directory"),
    (["--for", "bigquery", "d", "--format", "parquet"], "give only the directory"),
    (["--for", "snowflake", "d"], "snowflake"),
])
def test_bad_arguments_are_refused(exported, args, message):
    store, _, _ = exported
    result = subprocess.run([AURUM, "export", *args, "--store", str(store)], capture_output=True, text=True)
    assert result.returncode != 0 and message in result.stderr, result.stderr
