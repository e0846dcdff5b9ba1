"""Differential tests: on generated messy Bronze, Aurum's Silver, quarantine and Gold equal the DuckDB oracle's."""
import csv
from collections import Counter

from conftest import assert_matches_oracle
import json


def test_every_table_equals_the_duckdb_oracle(messy_store, messy_oracle):
    _, _, exports = messy_store
    assert_matches_oracle(exports, messy_oracle)


def test_counts_and_quarantine_reasons_equal_the_oracle(messy_store, messy_oracle):
    _, summary, exports = messy_store
    expected = json.loads((messy_oracle / "summary.json").read_text())
    totals = summary["totals"]
    assert totals["bronze_rows"] == expected["bronze_rows"]
    assert totals["silver_rows"] == expected["silver_rows"]
    assert totals["quarantine_rows"] == expected["quarantine_rows"]
    assert totals["superseded_rows"] == expected["superseded"]
    reasons = Counter(row["reason"] for row in csv.DictReader(open(exports["quarantine"], encoding="utf-8")))
    assert dict(reasons) == expected["quarantine_by_reason"]


def test_the_messy_data_exercises_every_quarantine_reason(messy_store):
    _, summary, _ = messy_store
    codes = ["missing_account_id", "missing_ad_id", "missing_campaign_id", "missing_date", "bad_date", "bad_date_range"]
    for metric in ["impressions", "clicks", "spend", "conversions", "conversion_value"]:
        codes += [f"non_numeric_{metric}", f"negative_{metric}"]
    assert sorted(summary["quarantined"]) == sorted(codes)


def test_quarantine_keeps_the_raw_row_and_a_detail_naming_the_field(messy_store):
    _, _, exports = messy_store
    for row in csv.DictReader(open(exports["quarantine"], encoding="utf-8")):
        assert row["raw"].lstrip("'").startswith("{"), row
        assert row["detail"], row
        field = row["reason"].replace("non_numeric_", "").replace("negative_", "").replace("missing_", "")
        if field not in ("date", "bad_date", "bad_date_range", "conversions", "conversion_value", "account_id", "ad_id", "campaign_id", "spend"):
            assert field in row["detail"].lower(), row
