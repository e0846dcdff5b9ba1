"""Golden test of the DuckDB oracle against the shared worked example.

Runs Tests/reference/contract_duckdb.py on ../shared/samples/bronze-3k (relative to the repo
root) and checks it reproduces ../shared/samples/bronze-3k.expected: summary counts, exact
Silver sums, every Silver row, every quarantined (file, pos, reason) and all three Gold
tables. The expected CSVs print amounts with 6 decimals and ratios with 10, so doubles are
compared with matching absolute tolerances; columns are matched by name.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
BRONZE = SAMPLES / "bronze-3k"
EXPECTED = SAMPLES / "bronze-3k.expected"

sys.path.insert(0, str(HERE))
import compare  # noqa: E402
import contract_duckdb  # noqa: E402

pytestmark = pytest.mark.skipif(not BRONZE.is_dir() or not EXPECTED.is_dir(),
                                reason=f"shared worked example not found at {SAMPLES}")

AMOUNT_TOLERANCE = 6e-7    # printed with 6 decimals
RATIO_TOLERANCE = 6e-11    # printed with 10 decimals
AMOUNTS = ("spend", "conversions", "conversion_value")
RATIOS = ("ctr", "cpc", "cpm", "cpa", "roas")


@pytest.fixture(scope="module")
def oracle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("oracle-bronze-3k")
    contract_duckdb.run_oracle([str(BRONZE)], str(out), log_stream=open(os.devnull, "w"))
    return out


@pytest.fixture(scope="module")
def summary(oracle) -> dict:
    return json.loads((oracle / "summary.json").read_text())


@pytest.fixture(scope="module")
def expected_summary() -> dict:
    return json.loads((EXPECTED / "summary.json").read_text())


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_summary_counts(summary, expected_summary):
    assert summary["files_ingested"] == expected_summary["files"]
    assert summary["files_by_source"] == {k: v for k, v in expected_summary["files_by_kind"].items()
                                          if k != "unrecognised"}
    assert summary["rejected_files"] == []
    assert summary["bronze_rows"] == expected_summary["bronze_rows"]
    assert summary["bronze_rows_by_source"] == expected_summary["bronze_rows_by_source"]
    assert summary["silver_rows"] == expected_summary["silver_rows"]
    assert summary["quarantine_rows"] == expected_summary["quarantine_rows"]
    assert summary["quarantine_by_reason"] == expected_summary["quarantine_by_reason"]
    assert summary["superseded"] == expected_summary["superseded_duplicates"]
    assert summary["identity_ok"] and expected_summary["identity_ok"]
    assert summary["gold_rows"] == expected_summary["gold_rows"]


def test_silver_exact_sums(oracle, expected_summary):
    rows = read_csv(oracle / "silver.csv")
    exact = expected_summary["silver_exact"]
    assert len(rows) == exact["rows"]
    assert sum(int(r["impressions"]) for r in rows) == exact["impressions"]
    assert sum(int(r["clicks"]) for r in rows) == exact["clicks"]
    assert sum(round(float(r["spend"]) * 1e6) for r in rows) == exact["spend_micros"]
    assert sum(round(float(r["conversions"]) * 100) for r in rows) == exact["conv_hundredths"]
    assert sum(round(float(r["conversion_value"]) * 100) for r in rows) == exact["value_cents"]


def assert_same_table(expected: Path, actual: Path, table: str) -> None:
    """Compare on the expected file's columns, with the rounding of the expected file."""
    with open(expected, encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    tolerance = compare.Tolerance(rel=1e-12, abs=0.0,
                                  abs_by_column={**{c: AMOUNT_TOLERANCE for c in AMOUNTS},
                                                 **{c: RATIO_TOLERANCE for c in RATIOS}})
    result = compare.compare_files(str(expected), str(actual), compare.table_spec(table),
                                   columns=columns, tolerance=tolerance, aurum_side="none")
    assert result.equal, result.report()
    assert result.rows_matched == result.rows_expected == result.rows_actual


def test_silver_rows(oracle):
    assert_same_table(EXPECTED / "silver.csv", oracle / "silver.csv", "silver")


@pytest.mark.parametrize("table", ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"])
def test_gold_tables(oracle, table):
    assert_same_table(EXPECTED / f"{table}.csv", oracle / f"{table}.csv", table)


def google_positions(path: Path) -> list[str]:
    """'batch.result' (1-based) for each flattened row of a Google stream."""
    batches = json.loads(path.read_text(encoding="utf-8"))
    return [f"{b}.{r}" for b, batch in enumerate(batches, start=1)
            for r in range(1, len(batch.get("results", [])) + 1)]


def test_quarantine(oracle):
    files = {row["file_id"]: row for row in read_csv(oracle / "bronze_files.csv")}
    actual = set()
    for row in read_csv(oracle / "quarantine.csv"):
        path = Path(files[row["file_id"]]["path"])
        index = int(row["row"])
        pos = google_positions(path)[index] if row["source"] == "google" else str(index + 1)
        actual.add((path.relative_to(BRONZE).as_posix(), pos, row["reason"]))
    expected = {(r["file"], r["pos"], r["reason"]) for r in read_csv(EXPECTED / "quarantine.csv")}
    assert actual == expected


def test_silver_provenance_points_at_bronze_rows(oracle):
    """file_id/row of every Silver row address an existing Bronze row of the right source."""
    files = {int(row["file_id"]): row for row in read_csv(oracle / "bronze_files.csv")}
    for row in read_csv(oracle / "silver.csv"):
        bronze_file = files[int(row["file_id"])]
        assert bronze_file["source"] == row["source"]
        assert 0 <= int(row["row"]) < int(bronze_file["rows"])
