"""Hand-made Bronze pages pinning each rule (and each team decision) of the DuckDB oracle.

Every test writes a few tiny raw pages, runs Tests/reference/contract_duckdb.py on them and
checks Silver, quarantine, Gold or the summary. These are the corner cases the golden sample
does not reach; the Swift pipeline must give the same answers.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import contract_duckdb  # noqa: E402

ACCOUNT = "123456789012345"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def meta_row(ad="1", date="2024-03-01", **fields) -> dict:
    row = {"account_id": ACCOUNT, "account_currency": "BRL", "campaign_id": "900",
           "campaign_name": "Campanha", "adset_id": "800", "adset_name": "Conjunto",
           "ad_id": ad, "ad_name": "Anúncio", "date_start": date, "date_stop": date,
           "impressions": "100", "clicks": "10", "spend": "5.00"}
    row.update(fields)
    return {k: v for k, v in row.items() if v is not ABSENT}


ABSENT = object()


def google_result(ad="7", date="2024-03-01", metrics=None, campaign_name="Search | Marca") -> dict:
    result = {"customer": {"resourceName": "customers/42", "id": "4200000000", "currencyCode": "BRL"},
              "campaign": {"resourceName": "x", "id": "55", "name": campaign_name},
              "adGroup": {"resourceName": "x", "id": "66", "name": "Grupo"},
              "adGroupAd": {"resourceName": "x", "ad": {"id": ad}},
              "segments": {"date": date}}
    if metrics is not None:
        result["metrics"] = metrics
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def meta_page(path: Path, rows: list) -> Path:
    return write(path, json.dumps({"data": rows, "paging": {"cursors": {}}}))


def google_stream(path: Path, *batches: list) -> Path:
    return write(path, json.dumps([{"results": rows, "requestId": "r"} for rows in batches], indent=2))


def run(tmp_path: Path, *runs: Path) -> dict:
    out = tmp_path / "out"
    summary = contract_duckdb.run_oracle([str(r) for r in runs], str(out), log_stream=open(os.devnull, "w"))
    tables = {}
    for name in ("silver", "quarantine", "kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    tables["summary"] = summary
    return tables


def reasons(result: dict) -> list[tuple[int, str]]:
    return [(int(q["row"]), q["reason"]) for q in result["quarantine"]]


# ---------------------------------------------------------------------------------------------
# Recognition, ingest order, duplicates
# ---------------------------------------------------------------------------------------------

def test_files_that_are_not_data_pages_are_rejected(tmp_path):
    bronze = tmp_path / "bronze"
    write(bronze / "a_error.json", '{"error": {"code": 17, "message": "limit"}}')
    write(bronze / "b_empty.json", "")
    write(bronze / "c_truncated.json", '{"data": [{"account_id": "1"')
    write(bronze / "d_html.json", "<html>502</html>")
    write(bronze / "e_no_data.json", '{"paging": {}}')
    write(bronze / "f_stream_error.json", '[{"error": {"code": 429}}]')
    write(bronze / "g_nan.json", '[{"results": [{"metrics": {"conversions": NaN}}]}]')
    meta_page(bronze / "z_ok.json", [meta_row()])
    result = run(tmp_path, bronze)
    summary = result["summary"]
    assert [Path(r["path"]).name for r in summary["rejected_files"]] == [
        "a_error.json", "b_empty.json", "c_truncated.json", "d_html.json", "e_no_data.json",
        "f_stream_error.json", "g_nan.json"]
    assert summary["files_ingested"] == 1 and summary["bronze_rows"] == 1
    assert result["silver"][0]["file_id"] == "1"  # rejected files get no file_id


def test_blank_prefix_and_empty_stream_are_data_pages(tmp_path):
    bronze = tmp_path / "bronze"
    write(bronze / "a.json", "\n  \t" + json.dumps({"data": [meta_row()]}))
    write(bronze / "b.json", "[]")
    write(bronze / "c.json", '[{"fieldMask": "x", "requestId": "only-metadata"}]')
    write(bronze / "d.json", '[{"results": null, "requestId": "null-results"}]')
    summary = run(tmp_path, bronze)["summary"]
    assert summary["files_ingested"] == 4 and summary["bronze_rows"] == 1


def test_same_sha_is_skipped_and_runs_are_ordered(tmp_path):
    first = meta_page(tmp_path / "run1" / "p.json", [meta_row(spend="1.00")])
    second = meta_page(tmp_path / "run2" / "p.json", [meta_row(spend="2.00")])
    copy = write(tmp_path / "run3" / "again.json", first.read_text())
    result = run(tmp_path, first, second, copy)
    summary = result["summary"]
    assert summary["files_ingested"] == 2
    assert [Path(d["path"]).name for d in summary["duplicate_files_skipped"]] == ["again.json"]
    # run2 came after run1 and wins; the re-offered copy of run1 changes nothing.
    assert [r["spend"] for r in result["silver"]] == ["2.0"]
    assert summary["superseded"] == 1


def test_files_within_a_run_are_taken_in_bytewise_path_order(tmp_path):
    bronze = tmp_path / "bronze"
    meta_page(bronze / "B" / "p.json", [meta_row(spend="1.00")])
    meta_page(bronze / "a" / "p.json", [meta_row(spend="2.00")])  # 'B' < 'a' in bytes
    result = run(tmp_path, bronze)
    assert [r["spend"] for r in result["silver"]] == ["2.0"]


def test_google_rows_are_numbered_across_batches(tmp_path):
    path = google_stream(tmp_path / "s.json", [google_result(ad="1")],
                         [google_result(ad="2"), google_result(ad="", date="2024-03-02")])
    result = run(tmp_path, path)
    assert reasons(result) == [(2, "missing_ad_id")]
    assert [(r["ad_id"], r["row"]) for r in result["silver"]] == [("1", "0"), ("2", "1")]


# ---------------------------------------------------------------------------------------------
# Validation (rule 3) and the team's decisions
# ---------------------------------------------------------------------------------------------

META_CASES = [
    (dict(account_id=ABSENT, ad_id=ABSENT), "missing_account_id"),
    (dict(account_id=None), "missing_account_id"),
    (dict(account_id=""), "missing_account_id"),
    (dict(ad_id=""), "missing_ad_id"),
    (dict(campaign_id=None, date_start=""), "missing_campaign_id"),
    (dict(date_start=ABSENT), "missing_date"),
    (dict(date_start="", date_stop=""), "missing_date"),
    (dict(date_start="2024-02-30", date_stop="2024-02-30"), "bad_date"),
    (dict(date_start="2024-3-01", date_stop="2024-3-01"), "bad_date"),
    (dict(date_start="0000-01-01", date_stop="0000-01-01"), "bad_date"),
    (dict(date_stop="2024-03-02"), "bad_date_range"),
    (dict(date_start=None), "missing_date"),
    (dict(date_start=20240301), "bad_date"),              # present but not a string
    (dict(date_start=True), "bad_date"),
    (dict(date_stop=ABSENT), None),
    (dict(date_stop=""), None),
    (dict(date_stop=None), None),
    (dict(date_stop=20240301), "bad_date_range"),        # present, not null, not a string
    (dict(account_id=123456789012345), None),             # a number id keeps its literal text
    (dict(ad_id=True), "missing_ad_id"),
    (dict(ad_id={"id": "1"}), "missing_ad_id"),
    (dict(campaign_id=[]), "missing_campaign_id"),
    (dict(impressions="1e3"), "non_numeric_impressions"),
    (dict(impressions=" 12"), "non_numeric_impressions"),
    (dict(impressions=""), "non_numeric_impressions"),
    (dict(impressions="12.0"), "non_numeric_impressions"),
    (dict(impressions="9223372036854775808"), "non_numeric_impressions"),
    (dict(impressions="9223372036854775807"), None),
    (dict(impressions=12), None),                     # a JSON number token matching -?[0-9]+
    (dict(impressions=12.0), "non_numeric_impressions"),
    (dict(impressions=True), "non_numeric_impressions"),
    (dict(impressions=ABSENT, clicks=ABSENT, spend=ABSENT), None),  # absent = 0
    (dict(impressions=None), None),                   # null = absent = 0
    (dict(impressions="-1", clicks="x"), "negative_impressions"),
    (dict(clicks="NaN"), "non_numeric_clicks"),
    (dict(clicks="-0"), None),                        # -0 is not < 0
    (dict(spend="1."), "non_numeric_spend"),
    (dict(spend=".5"), "non_numeric_spend"),
    (dict(spend="1,5"), "non_numeric_spend"),
    (dict(spend="-0.01"), "negative_spend"),
    (dict(spend="007.50"), None),
]


@pytest.mark.parametrize("fields,reason", META_CASES, ids=[str(i) for i in range(len(META_CASES))])
def test_meta_validation(tmp_path, fields, reason):
    result = run(tmp_path, meta_page(tmp_path / "p.json", [meta_row(**fields)]))
    assert reasons(result) == ([(0, reason)] if reason else [])


def actions(*pairs) -> list:
    return [{"action_type": kind, "value": value} for kind, value in pairs]


def test_meta_conversion_choice(tmp_path):
    rows = [
        meta_row(ad="1", actions=actions(("link_click", "9"), ("offsite_conversion.fb_pixel_purchase", "3"),
                                         ("omni_purchase", "1"), ("purchase", "2")),
                 action_values=actions(("offsite_conversion.fb_pixel_purchase", "10.5"), ("purchase", "20.25"))),
        meta_row(ad="2", actions=actions(("omni_purchase", "1"), ("omni_purchase", "2"),
                                         ("offsite_conversion.fb_pixel_purchase", "n/a"))),
        meta_row(ad="3", actions=actions(("link_click", "4"))),
        meta_row(ad="4"),
        meta_row(ad="5", actions=actions(("offsite_conversion.fb_pixel_purchase", "2")), action_values=None),
    ]
    silver = {r["ad_id"]: r for r in run(tmp_path, meta_page(tmp_path / "p.json", rows))["silver"]}
    assert (silver["1"]["conversions"], silver["1"]["conversion_value"], silver["1"]["conversion_action"]) == \
        ("1.0", "20.25", "omni_purchase")
    assert (silver["2"]["conversions"], silver["2"]["conversion_action"]) == ("3.0", "omni_purchase")
    assert (silver["3"]["conversions"], silver["3"]["conversion_action"]) == ("0.0", "")
    assert (silver["4"]["conversions"], silver["4"]["conversion_value"]) == ("0.0", "0.0")
    assert (silver["5"]["conversions"], silver["5"]["conversion_action"]) == \
        ("2.0", "offsite_conversion.fb_pixel_purchase")


@pytest.mark.parametrize("field,entries,reason", [
    ("actions", [("omni_purchase", "n/a")], "non_numeric_conversions"),
    ("actions", [("omni_purchase", "")], "non_numeric_conversions"),
    ("actions", [("omni_purchase", "-1")], "negative_conversions"),
    ("actions", [("omni_purchase", "1"), ("omni_purchase", "x")], "non_numeric_conversions"),
    ("actions", [("omni_purchase", "-1"), ("omni_purchase", "x")], "non_numeric_conversions"),
    ("actions", [("omni_purchase", "3"), ("omni_purchase", "-1")], "negative_conversions"),
    ("actions", [("omni_purchase", "1" + "0" * 400)], "non_numeric_conversions"),
    ("action_values", [("purchase", "1e2")], "non_numeric_conversion_value"),
    ("action_values", [("purchase", "-3.50")], "negative_conversion_value"),
])
def test_meta_conversion_validation(tmp_path, field, entries, reason):
    row = meta_row(**{field: actions(*entries)})
    assert reasons(run(tmp_path, meta_page(tmp_path / "p.json", [row]))) == [(0, reason)]


def test_meta_escapes_are_decoded(tmp_path):
    text = ('{"data":[' + json.dumps(meta_row())[:-1] +
            ',"campaign_name":"Teste A\\/B \\u00e7 \\ud83d\\ude80"}]}')
    result = run(tmp_path, write(tmp_path / "p.json", text))
    assert result["silver"][0]["campaign_name"] == "Teste A/B ç 🚀"


GOOGLE_CASES = [
    (dict(conversions="2.0"), "non_numeric_conversions"),
    (dict(conversions=""), "non_numeric_conversions"),
    (dict(conversions=2), None),
    (dict(conversions=1e3), None),
    (dict(conversionsValue=-1.5), "negative_conversion_value"),
    (dict(costMicros="1.5"), "non_numeric_spend"),
    (dict(costMicros="-1"), "negative_spend"),
    (dict(costMicros=1500000), None),
    (dict(impressions="n/a"), "non_numeric_impressions"),
    (dict(clicks=""), "non_numeric_clicks"),
]


@pytest.mark.parametrize("metrics,reason", GOOGLE_CASES, ids=[str(i) for i in range(len(GOOGLE_CASES))])
def test_google_validation(tmp_path, metrics, reason):
    result = run(tmp_path, google_stream(tmp_path / "s.json", [google_result(metrics=metrics)]))
    assert reasons(result) == ([(0, reason)] if reason else [])


def test_google_values(tmp_path):
    results = [google_result(ad="1", metrics={"impressions": "1000", "clicks": "50", "costMicros": "12345678",
                                              "conversions": 3.0, "conversionsValue": 450.5}),
               google_result(ad="2")]
    silver = {r["ad_id"]: r for r in run(tmp_path, google_stream(tmp_path / "s.json", results))["silver"]}
    assert (silver["1"]["spend"], silver["1"]["conversions"], silver["1"]["conversion_action"]) == \
        ("12.345678", "3.0", "")
    assert (silver["2"]["impressions"], silver["2"]["clicks"], silver["2"]["spend"]) == ("0", "0", "0.0")


def test_google_malformed_metrics_object(tmp_path):
    rows = [google_result(ad="1"), google_result(ad="2")]
    rows[0]["metrics"] = 5
    rows[1]["metrics"] = None
    assert reasons(run(tmp_path, google_stream(tmp_path / "s.json", rows))) == [(0, "non_numeric_impressions")]


def test_number_ids_and_names_keep_their_literal_text(tmp_path):
    row = meta_row(account_id=123456789012345678901, campaign_name=1.50)
    silver = run(tmp_path, meta_page(tmp_path / "p.json", [row]))["silver"]
    assert (silver[0]["account_id"], silver[0]["campaign_name"]) == ("123456789012345678901", "1.5")


def test_google_missing_ids(tmp_path):
    rows = [google_result(), google_result(date="2024-03-02")]
    del rows[0]["customer"]["id"]
    rows[1]["campaign"]["id"] = None
    assert reasons(run(tmp_path, google_stream(tmp_path / "s.json", rows))) == \
        [(0, "missing_account_id"), (1, "missing_campaign_id")]


# ---------------------------------------------------------------------------------------------
# Dedup (rule 5) and accounting (rule 6)
# ---------------------------------------------------------------------------------------------

def test_invalid_row_never_displaces_a_valid_one(tmp_path):
    rows = [meta_row(spend="1.00"), meta_row(spend="2.00"), meta_row(spend="-3.00")]
    result = run(tmp_path, meta_page(tmp_path / "p.json", rows))
    assert [(r["spend"], r["row"]) for r in result["silver"]] == [("2.0", "1")]
    summary = result["summary"]
    assert (summary["bronze_rows"], summary["silver_rows"], summary["quarantine_rows"],
            summary["superseded"]) == (3, 1, 1, 1)


def test_dedup_key_includes_source_and_account(tmp_path):
    rows = [meta_row(), meta_row(account_id="999999999999999")]
    result = run(tmp_path, meta_page(tmp_path / "p.json", rows))
    assert len(result["silver"]) == 2 and result["summary"]["superseded"] == 0


# ---------------------------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------------------------

def test_campaign_name_is_latest_non_empty_by_date_then_ingest_order(tmp_path):
    bronze = tmp_path / "bronze"
    meta_page(bronze / "1.json", [meta_row(ad="1", date="2024-03-05", campaign_name="Velho"),
                                  meta_row(ad="2", date="2024-03-05", campaign_name="Novo")])
    # Later ingest, older date: a newer name that must not win; an empty name is skipped.
    meta_page(bronze / "2.json", [meta_row(ad="3", date="2024-03-01", campaign_name="Restated"),
                                  meta_row(ad="4", date="2024-03-06", campaign_name="")])
    result = run(tmp_path, bronze)
    assert {r["campaign_name"] for r in result["kpi_campaign_daily"]} == {"Novo"}
    assert result["kpi_campaign_total"][0]["campaign_name"] == "Novo"


def test_campaign_without_any_name_has_null_name_but_a_currency(tmp_path):
    rows = [meta_row(campaign_name=ABSENT), meta_row(ad="2", campaign_name="")]
    total = run(tmp_path, meta_page(tmp_path / "p.json", rows))["kpi_campaign_total"]
    assert (total[0]["campaign_name"], total[0]["currency"]) == ("", "BRL")


def test_currency_is_the_latest_non_null_one_whatever_the_name(tmp_path):
    rows = [meta_row(ad="1", date="2024-03-01", campaign_name="A", account_currency="BRL"),
            meta_row(ad="2", date="2024-03-02", campaign_name="", account_currency="USD"),
            meta_row(ad="3", date="2024-03-03", campaign_name="", account_currency=None)]
    total = run(tmp_path, meta_page(tmp_path / "p.json", rows))["kpi_campaign_total"]
    assert (total[0]["campaign_name"], total[0]["currency"]) == ("A", "USD")


def test_kpis_and_iso_week(tmp_path):
    rows = [meta_row(ad="1", date="2024-03-03", impressions="1000", clicks="0", spend="0.00"),
            meta_row(ad="1", date="2024-03-04", impressions="0", clicks="0", spend="2.50",
                     actions=actions(("purchase", "2")), action_values=actions(("purchase", "10.00")))]
    result = run(tmp_path, meta_page(tmp_path / "p.json", rows))
    daily = {r["date"]: r for r in result["kpi_campaign_daily"]}
    sunday, monday = daily["2024-03-03"], daily["2024-03-04"]
    assert (sunday["ctr"], sunday["cpc"], sunday["cpm"], sunday["cpa"], sunday["roas"]) == \
        ("0.0", "", "0.0", "", "")
    assert (monday["ctr"], monday["cpc"], monday["cpm"], monday["cpa"], monday["roas"]) == \
        ("", "", "", "1.25", "4.0")
    assert [r["week"] for r in result["kpi_campaign_weekly"]] == ["2024-02-26", "2024-03-04"]
    total = result["kpi_campaign_total"][0]
    assert (total["impressions"], total["spend"], total["cpm"]) == ("1000", "2.5", "2.5")


def test_null_and_empty_string_are_told_apart_in_csv(tmp_path):
    row = meta_row(campaign_name="", adset_name=ABSENT, ad_name=None)
    run(tmp_path, meta_page(tmp_path / "p.json", [row]))
    line = (tmp_path / "out" / "silver.csv").read_text(encoding="utf-8").splitlines()[1]
    # campaign_name "" is quoted; adset_name (absent) and ad_name (null) are empty fields.
    assert line.startswith(f'meta,{ACCOUNT},BRL,900,"",800,,1,,2024-03-01,')
