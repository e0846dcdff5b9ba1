"""Gold and `aurum report` are queries over the engine (docs/pipeline.md, "Gold as queries").

- Gold's exports of the shared sample are the very bytes the hand-written aggregation exported before Gold was
  built over the engine (commit 6909ed6): the golden sample test checks the values against an independent
  computation; this one checks that not a digit or a row moved.
- The report's figures are exact: each campaign's sums over the report's weeks, and each currency's totals, are
  the doubles nearest the exact decimal sums of the exported weekly rows (Python's `decimal`), ranked by spend.
"""
import csv
import hashlib
import io
import json
from decimal import Decimal

import pytest

from conftest import SHARED, aurum, export_all, ingest, GOLD_TABLES

SAMPLE = SHARED / "samples" / "bronze-3k"

# sha256 of `aurum export <table>` (CSV, default formula guard) of the ingested shared sample, as the
# hand-written GoldBuilder wrote them (6909ed6) and the engine writes them now.
GOLD_EXPORT_SHA256 = {
    "kpi_campaign_daily": "ad2714b997d28662c90f3eba36a0f74da7ff80f4641688f723d20bd02223a66b",
    "kpi_campaign_weekly": "7030d88a739de3bd6583cb52b223bcdef37318ada22813807779047140946fe7",
    "kpi_campaign_total": "070ac0087b193f946067a6de194b04cafba2e36459bcef8eed984a2c835a3d1b",
}

MEASURES = ["impressions", "clicks", "spend", "conversions", "conversion_value"]


@pytest.fixture(scope="module")
def sample_gold(tmp_path_factory):
    store = tmp_path_factory.mktemp("gold-over-engine") / "store"
    ingest(store, SAMPLE)
    return store


def test_gold_exports_are_the_bytes_the_hand_written_aggregation_wrote(sample_gold, tmp_path):
    for table in GOLD_TABLES:
        path = tmp_path / f"{table}.csv"
        aurum("export", table, "--out", path, store=sample_gold)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == GOLD_EXPORT_SHA256[table], table


def test_gold_rebuilt_alone_gives_the_same_bytes(sample_gold, tmp_path):
    before = export_all(sample_gold, tmp_path / "before", tables=GOLD_TABLES)
    aurum("rebuild", "--gold-only", store=sample_gold)
    after = export_all(sample_gold, tmp_path / "after", tables=GOLD_TABLES)
    for table in GOLD_TABLES:
        assert before[table].read_bytes() == after[table].read_bytes(), table


def exact_weekly_sums(weekly_csv, weeks):
    """Per (currency, source, account, campaign) and per currency: the exact sums over `weeks`."""
    campaigns, currencies = {}, {}
    with open(weekly_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["week"] not in weeks:
                continue
            values = [Decimal(row[m]) for m in MEASURES]
            for totals, key in [(campaigns, (row["currency"], row["source"], row["account_id"], row["campaign_id"])),
                                (currencies, row["currency"])]:
                totals[key] = [a + b for a, b in zip(totals.get(key, [Decimal(0)] * 5), values)]
    return campaigns, currencies


@pytest.mark.parametrize("weeks", [1, 4, 1000])
def test_report_sums_are_the_exact_decimal_sums_of_the_weeks(sample_gold, tmp_path, weeks):
    exports = export_all(sample_gold, tmp_path, tables=["kpi_campaign_weekly"], guard="none")
    with open(exports["kpi_campaign_weekly"], newline="", encoding="utf-8") as handle:
        all_weeks = sorted({row["week"] for row in csv.DictReader(handle)})
    chosen = set(all_weeks[-weeks:])
    campaigns, currencies = exact_weekly_sums(exports["kpi_campaign_weekly"], chosen)

    report = json.loads(aurum("report", "--weeks", weeks, "--top", 100000, "--format", "json", store=sample_gold).stdout)
    assert len(report) == len(campaigns)
    for line in report:
        exact = campaigns[(line["currency"], line["source"], line["account_id"], line["campaign_id"])]
        assert [line[m] for m in MEASURES] == [int(exact[0]), int(exact[1])] + [float(v) for v in exact[2:]], line
    # Ranked within each currency by spend, largest first; currencies in order.
    keys = [(line["currency"], -line["spend"]) for line in report]
    assert keys == sorted(keys)
    assert [line["rank"] for line in report] == [
        index + 1 for currency in sorted(currencies) for index in range(sum(1 for l in report if l["currency"] == currency))]

    # Each currency's totals line (table format) is the exact total, rounded as shown.
    text = aurum("report", "--weeks", weeks, "--top", 1, store=sample_gold).stdout
    for currency, exact in currencies.items():
        line = next(l for l in text.splitlines() if l.startswith("all ") and f"({currency})" in l)
        assert f"{float(exact[2]):,.2f}" in line, (line, exact[2])
