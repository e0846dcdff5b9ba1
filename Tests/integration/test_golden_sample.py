"""The shared golden sample (../shared/samples/bronze-3k): Aurum must give exactly the independently computed
Silver, quarantine and Gold."""
import csv
import json

import compare
from conftest import SHARED, aurum, export_all, ingest

SAMPLE = SHARED / "samples" / "bronze-3k"
EXPECTED = SHARED / "samples" / "bronze-3k.expected"


def test_counts_match_the_expected_summary(tmp_path):
    summary, _ = ingest(tmp_path / "store", SAMPLE)
    expected = json.loads((EXPECTED / "summary.json").read_text())
    assert summary["files_new"] == expected["files"]
    assert summary["bronze_rows"] == expected["bronze_rows"]
    assert summary["totals"]["silver_rows"] == expected["silver_rows"]
    assert summary["totals"]["quarantine_rows"] == expected["quarantine_rows"]
    assert summary["totals"]["superseded_rows"] == expected["superseded_duplicates"]
    assert summary["quarantined"] == expected["quarantine_by_reason"]
    tables = aurum("tables", store=tmp_path / "store").stdout
    for table, rows in expected["gold_rows"].items():
        assert f"{table}" in tables and f"{rows:,} rows" in tables.split(table)[1].splitlines()[0]


def test_silver_and_gold_equal_the_expected_tables(tmp_path):
    ingest(tmp_path / "store", SAMPLE)
    exports = export_all(tmp_path / "store", tmp_path / "csv")
    # The expected CSVs print amounts with 6 decimals and ratios with 10: compare within that rounding.
    tolerance = compare.Tolerance(rel=1e-9, abs=5e-7)
    for table, expected in [("ad_insights", "silver.csv"), ("kpi_campaign_daily", None), ("kpi_campaign_weekly", None), ("kpi_campaign_total", None)]:
        expected_path = EXPECTED / (expected or f"{table}.csv")
        with open(expected_path, encoding="utf-8") as handle:
            columns = next(csv.reader(handle))
        result = compare.compare_files(str(expected_path), str(exports[table]), compare.table_spec(table),
                                       columns=columns, tolerance=tolerance)
        assert result.equal, result.report()


def test_quarantine_rows_and_reasons_equal_the_expected(tmp_path):
    ingest(tmp_path / "store", SAMPLE)
    files = {row["file_id"]: row["path"] for row in csv.DictReader(open(export_all(tmp_path / "store", tmp_path / "csv", ["bronze_files"])["bronze_files"]))}
    exported = export_all(tmp_path / "store", tmp_path / "csv", ["quarantine"])["quarantine"]
    mine = sorted((files[r["file_id"]].split("bronze-3k/")[1], r["reason"]) for r in csv.DictReader(open(exported)))
    expected = sorted((r["file"], r["reason"]) for r in csv.DictReader(open(EXPECTED / "quarantine.csv")))
    assert mine == expected
