"""Gold refreshed through delete vectors: a tree ingested day by day (restatements of old days, a campaign
renamed late, a currency that appears later, a whole campaign moved away, a money value of seven decimals)
gives Gold byte-identical to the same files ingested in one run, and equal to the DuckDB oracle given the same
runs; `aurum verify` accepts the store after all those runs."""
import copy
import filecmp
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from conftest import GOLD_TABLES, aurum, assert_matches_oracle, export_all, generate, ingest, reference


def _day_key(value):
    return re.sub(r"[^0-9A-Za-z-]", "_", str(value)) or "none"


def _is_date(value):
    try:
        date.fromisoformat(str(value))
        return len(str(value)) == 10
    except ValueError:
        return False


def _write(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=True, separators=(",", ":")))


def split_by_day(tree, out):
    """Cuts every page of `tree` into one page per day: out/<day>/<its relative path>. Returns the day folders
    in order. Rows keep their relative order, so the latest row of any (ad, day) and of any day is the same
    whether the folders are ingested one by one or together."""
    days = set()
    files = sorted((p for p in Path(tree).rglob("*") if p.is_file()), key=lambda p: str(p).encode())
    for path in files:
        relative = path.relative_to(tree)
        body = json.loads(path.read_text())
        if relative.parts[0] == "meta":
            by_day = defaultdict(list)
            for row in body["data"]:
                by_day[_day_key(row.get("date_start") if isinstance(row, dict) else None)].append(row)
            for day, rows in by_day.items():
                _write(out / day / relative, {"data": rows, "paging": body.get("paging", {})})
                days.add(day)
        else:
            by_day = defaultdict(list)
            for batch in body:
                for result in batch.get("results", []):
                    segments = result.get("segments") if isinstance(result, dict) else None
                    by_day[_day_key(segments.get("date") if isinstance(segments, dict) else None)].append(result)
            first = body[0] if body else {}
            for day, results in by_day.items():
                batch = {key: value for key, value in first.items() if key != "results"}
                _write(out / day / relative, [{"results": results, **batch}])
                days.add(day)
    return [out / day for day in sorted(days)]


def late_changes(tree, out):
    """A last run: one Meta campaign's rows all moved to a new campaign (so the old one loses every row), one
    ad's latest day restated under a new campaign name (the campaign is renamed on every Gold row), another
    campaign's latest day restated with a spend of seven decimals (not a whole number of millionths: its day,
    week and total sums fall back to doubles), and account_currency that earlier rows of one account lacked
    (see `drop_early_currency`)."""
    pages = sorted((p for p in Path(tree).rglob("*.json") if p.parts[-4] == "meta"), key=lambda p: str(p).encode())
    rows = [row for page in pages for row in json.loads(page.read_text())["data"]
            if isinstance(row, dict) and re.fullmatch(r"\d+", str(row.get("campaign_id"))) and _is_date(row.get("date_start"))]
    campaigns = sorted({row["campaign_id"] for row in rows})
    assert len(campaigns) >= 2
    days_of = defaultdict(set)
    for row in rows:
        days_of[row["campaign_id"]].add(row["date_start"])
    renamed_campaign = max(campaigns, key=lambda campaign: (len(days_of[campaign]), campaign))
    moved_campaign = next(campaign for campaign in campaigns if campaign != renamed_campaign)
    # A (campaign, day) of at most two rows: a double sum of more values depends on their order, which differs
    # between one run (Silver sorted by ad) and several (the restating row stored after the others).
    rows_of_day = defaultdict(list)
    for row in rows:
        rows_of_day[row["campaign_id"], row["date_start"]].append(row)
    plain = lambda row: all(re.fullmatch(r"\d+", str(row.get(key))) for key in ("impressions", "clicks")) \
        and re.fullmatch(r"\d+(\.\d+)?", str(row.get("spend")))
    inexact_day = max((key for key, day_rows in rows_of_day.items()
                       if len(day_rows) <= 2 and plain(day_rows[-1]) and key[0] not in (renamed_campaign, moved_campaign)),
                      key=lambda key: (key[1], key[0]))
    moved = []
    for row in rows:
        if row["campaign_id"] == moved_campaign:
            row = copy.deepcopy(row)
            row["campaign_id"] = "999" + moved_campaign[3:]
            row["campaign_name"] = "Moved | Campanha Nova"
            moved.append(row)
    last = max((row for row in rows if row["campaign_id"] == renamed_campaign), key=lambda row: row["date_start"])
    renamed = copy.deepcopy(last)
    renamed["campaign_name"] = "Renamed | Nome Novo ✨"
    inexact = copy.deepcopy(rows_of_day[inexact_day][-1])
    inexact["spend"] = "12.3456789"
    account = moved[0]["account_id"]
    _write(out / f"meta/act_{account}/2099-01-01T000000Z_late_restate/page_0001.json",
           {"data": moved + [renamed, inexact], "paging": {}})
    return out, moved_campaign, renamed_campaign


def drop_early_currency(day_folders, count):
    """Removes account_currency from the Meta rows of the first `count` days (the currency is set later)."""
    for folder in day_folders[:count]:
        for page in folder.rglob("*.json"):
            if "meta" not in page.parts:
                continue
            body = json.loads(page.read_text())
            for row in body["data"]:
                if isinstance(row, dict):
                    row.pop("account_currency", None)
            _write(page, body)


@pytest.fixture(scope="module")
def day_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("gold-incremental")
    tree = generate(base / "bronze", 20261204, 4000, "--messy", "--days", "24")
    runs = split_by_day(tree, base / "runs")
    assert len(runs) >= 20
    drop_early_currency(runs, 3)
    late, moved, renamed = late_changes(tree, base / "runs" / "zz-late")
    return runs + [late], moved, renamed


def test_day_by_day_gold_equals_one_run_and_the_oracle(tmp_path, day_runs):
    runs, moved, renamed = day_runs
    one = tmp_path / "one"
    ingest(one, *runs)
    several = tmp_path / "several"
    for run in runs:
        ingest(several, run)
    one_csv = export_all(one, tmp_path / "one-csv", tables=GOLD_TABLES)
    several_csv = export_all(several, tmp_path / "several-csv", tables=GOLD_TABLES)
    for table in GOLD_TABLES:
        assert filecmp.cmp(one_csv[table], several_csv[table], shallow=False), f"{table} differs between one run and day by day"
    total = several_csv["kpi_campaign_total"].read_text()
    assert f",{moved}," not in total, "the campaign whose rows all moved keeps no Gold row"
    assert "Renamed | Nome Novo" in total
    daily = several_csv["kpi_campaign_daily"].read_text().splitlines()
    renamed_days = [line for line in daily if f",{renamed}," in line]
    assert len(renamed_days) > 1 and all("Renamed | Nome Novo" in line for line in renamed_days)
    oracle = reference(tmp_path / "oracle", *runs)
    assert_matches_oracle(several_csv, oracle, tables=GOLD_TABLES)
    assert "holds" in aurum("verify", store=several).stdout
    # Gold was refreshed through delete vectors, not rewritten whole every run.
    assert list((several / "tables" / "kpi_campaign_daily").glob("*.del")) or len(list((several / "tables" / "kpi_campaign_daily").glob("*.seg"))) > 1


def test_rebuild_gold_only_gives_the_same_gold(tmp_path, day_runs):
    runs, _, _ = day_runs
    store = tmp_path / "store"
    for run in runs[-6:]:
        ingest(store, run)
    before = export_all(store, tmp_path / "before", tables=GOLD_TABLES)
    aurum("rebuild", "--gold-only", store=store)
    after = export_all(store, tmp_path / "after", tables=GOLD_TABLES)
    for table in GOLD_TABLES:
        assert filecmp.cmp(before[table], after[table], shallow=False), f"{table} differs from a rebuild"
