"""`aurum insights` on Meta pages with planted changes: a campaign whose ROAS halves, one that goes on spending
without converting, one whose spend jumps on the last day (an anomaly against its own recent days; its week and its
CPA do not move), a March that sets the pace for April, and a quarantine spike. The facts (`--json`) must be
exactly those besides the totals; the narrative, in English and Portuguese, must name each and carry no number
that is not a fact's figure or a change computed from them. With a model (the stub), only a reply whose every
number is a fact's is shown; otherwise Aurum's own narrative, with a note.
"""
import json
import re
import subprocess
from datetime import date, timedelta

import pytest

from conftest import AURUM
from test_ask import Stub, clean_environment

FIRST = date(2024, 4, 1)
CAMPAIGNS = {  # name: (spend a day, purchases a day in week 1, in week 2, value a day in week 1, in week 2)
    "Steady Search": (100, 5, 5, 500, 500),
    "Halving Prospecting": (100, 4, 4, 800, 400),
    "Silent Retargeting": (60, 2, 0, 120, 0),
    "Spiking Display": (100, 5, 5, 400, 400),
}
LAST = date(2024, 4, 14)
SPIKE = ("Spiking Display", 160, 8, 640)  # its last day: spend 1.6x its usual, the same CPA and ROAS


def row(index, campaign, day, spend, purchases, value):
    entry = {
        "account_id": "111222333", "account_currency": "BRL", "campaign_id": f"2385000000000{index:05d}", "campaign_name": campaign,
        "adset_id": f"2386000000000{index:05d}", "adset_name": "Adset", "ad_id": f"2387000000000{index:05d}", "ad_name": "Ad",
        "date_start": day, "date_stop": day, "impressions": "1000", "clicks": "50", "spend": str(spend),
    }
    if purchases:
        entry["actions"] = [{"action_type": "purchase", "value": str(purchases)}]
        entry["action_values"] = [{"action_type": "purchase", "value": str(value)}]
    return entry


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("insights")
    rows = []
    for offset in range(14):
        day = (FIRST + timedelta(days=offset)).isoformat()
        second = offset >= 7
        for index, (campaign, (spend, before, after, value_before, value_after)) in enumerate(CAMPAIGNS.items()):
            if campaign == SPIKE[0] and day == LAST.isoformat():
                rows.append(row(index, campaign, day, *SPIKE[1:]))
                continue
            rows.append(row(index, campaign, day, spend, after if second else before, value_after if second else value_before))
    # March, before both periods: the pace April is compared with (200 a day, 6,200 in the month).
    for offset in range(31):
        rows.append(row(50, "March Promo", date(2024, 3, 1 + offset).isoformat(), 200, 2, 400))
    # The quarantine: one bad row about week 1, eight about week 2 (each its own ad, so none replaces another).
    for number, day in enumerate(["2024-04-03"] + ["2024-04-12"] * 8):
        bad = row(100 + number, "Broken Feed", day, 1, 0, 0)
        bad["spend"] = "abc"
        rows.append(bad)
    pages = root / "pages" / "meta" / "act_111222333"
    pages.mkdir(parents=True)
    (pages / "page_0001.json").write_text(json.dumps({"data": rows, "paging": {"cursors": {"before": "a", "after": "b"}}}))
    store = root / "store"
    result = subprocess.run([AURUM, "ingest", "--store", str(store), str(root / "pages")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return store


def insights(store, tmp_path, *args):
    result = subprocess.run([AURUM, "insights", "--store", str(store), *args], capture_output=True, text=True, timeout=120,
                            env=clean_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_planted_facts_and_no_false_one(store, tmp_path):
    facts = json.loads(insights(store, tmp_path, "--json"))
    assert facts["period"] == {"first": "2024-04-08", "last": "2024-04-14", "previous_first": "2024-04-01", "previous_last": "2024-04-07"}
    findings = [fact for fact in facts["facts"] if fact["kind"] != "total"]
    assert findings == [
        {"kind": "campaign_change", "campaign": "Halving Prospecting", "currency": "BRL", "kpi": "roas", "previous": 8, "current": 4},
        {"kind": "spend_without_conversions", "campaign": "Silent Retargeting", "currency": "BRL", "spend": 420, "previous_conversions": 14},
        {"kind": "anomaly", "campaign": "Spiking Display", "currency": "BRL", "kpi": "spend", "day": "2024-04-14", "value": 160,
         "median": 100, "baseline_days": 13},
        {"kind": "pacing", "currency": "BRL", "first": "2024-04-01", "last": "2024-04-14", "spend": 5100, "previous_first": "2024-03-01",
         "previous_last": "2024-03-14", "previous_spend": 2800, "previous_month_spend": 6200},
        {"kind": "quarantine_spike", "current": 8, "previous": 1},
    ]
    totals = {fact["kpi"]: (fact["previous"], fact["current"]) for fact in facts["facts"] if fact["kind"] == "total"}
    assert totals["spend"] == (2520, 2580)
    assert totals["conversions"] == (112, 101)


def test_pacing_and_totals_match_duckdb(store, tmp_path):
    """The same sums read by DuckDB from Gold's daily table as `aurum export` writes it."""
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "daily.parquet"
    result = subprocess.run([AURUM, "export", "--store", str(store), "kpi_campaign_daily", "--format", "parquet", "--out", str(out)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("export: " + result.stderr)
    facts = json.loads(insights(store, tmp_path, "--json"))["facts"]
    pacing = next(fact for fact in facts if fact["kind"] == "pacing")
    total = lambda first, last: duckdb.sql(f"SELECT sum(spend) FROM '{out}' WHERE date BETWEEN DATE '{first}' AND DATE '{last}'").fetchall()[0][0]
    assert pacing["spend"] == pytest.approx(total(pacing["first"], pacing["last"]))
    assert pacing["previous_spend"] == pytest.approx(total(pacing["previous_first"], pacing["previous_last"]))
    assert pacing["previous_month_spend"] == pytest.approx(total("2024-03-01", "2024-03-31"))
    anomaly = next(fact for fact in facts if fact["kind"] == "anomaly")
    days = duckdb.sql(f"SELECT spend FROM '{out}' WHERE campaign_name = '{anomaly['campaign']}' AND date BETWEEN DATE '2024-03-31' AND DATE '2024-04-13'").fetchall()
    assert len(days) == anomaly["baseline_days"]
    assert sorted(spend for (spend,) in days)[len(days) // 2] == anomaly["median"]


def figures(facts):
    """Every number a narrative may say: the facts' figures, and the changes computed from them (in %)."""
    allowed = []
    for fact in facts:
        pairs = []
        if fact["kind"] in ("total", "campaign_change"):
            pairs.append((fact["previous"], fact["current"]))
        elif fact["kind"] == "spend_without_conversions":
            allowed += [fact["spend"], fact["previous_conversions"]]
        elif fact["kind"] == "quarantine_spike":
            allowed += [fact["current"], fact["previous"]]
        elif fact["kind"] == "anomaly":
            pairs.append((fact["median"], fact["value"]))
            allowed.append(fact["baseline_days"])
        elif fact["kind"] == "pacing":
            pairs.append((fact["previous_spend"], fact["spend"]))
            allowed.append(fact["previous_month_spend"])
        for previous, current in pairs:
            allowed += [value for value in (previous, current) if value is not None]
            if previous not in (None, 0) and current is not None:
                allowed.append(abs(current - previous) / abs(previous) * 100)
    return allowed


@pytest.mark.parametrize("language", ["en", "pt"])
def test_the_narrative_says_only_computed_numbers(store, tmp_path, language):
    text = insights(store, tmp_path, "--lang", language)
    facts = json.loads(insights(store, tmp_path, "--json"))["facts"]
    for name in ("Halving Prospecting", "Silent Retargeting", "Spiking Display", "2024-03-01 – 2024-03-14"):
        assert name in text
    assert ("quarantined" if language == "en" else "quarentena") in text
    allowed = figures(facts)
    body = "\n".join(text.split("\n")[1:])  # after the heading with the period's dates
    days = {value for fact in facts for value in fact.values() if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)}
    for day in re.findall(r"\d{4}-\d{2}-\d{2}", body):
        assert day in days, f"{day} is not a day of the facts"
    body = re.sub(r"\d{4}-\d{2}-\d{2}", "", body)
    numbers = re.findall(r"\d[\d.,]*", body)
    assert numbers
    for number in numbers:
        if language == "pt":
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", "")
        value = float(number.rstrip("."))
        # (Money shows two decimals, changes one: within half of the last digit shown.)
        assert any(abs(value - figure) <= 0.05 for figure in allowed), f"{number} is not a computed figure: {text}"


def model_insights(store, tmp_path, replies, *args):
    server = Stub(tmp_path, replies)
    try:
        env = clean_environment(tmp_path, AURUM_LLM_BASE_URL=server.base_url, AURUM_LLM_MODEL="stub-model")
        result = subprocess.run([AURUM, "insights", "--store", str(store), *args], capture_output=True, text=True, timeout=120, env=env)
        return result, server.requests()
    finally:
        server.stop()


def insight_reply(headline, text="Spiking Display spent BRL 160.00 on 2024-04-14, against a median of BRL 100.00 (+60%)."):
    query = "SELECT date, spend FROM kpi_campaign_daily WHERE campaign_name = 'Spiking Display' ORDER BY date DESC LIMIT 15"
    return {"content": json.dumps({"headline": headline, "findings": [
        {"text": text, "kpi": "spend", "campaign": "Spiking Display", "evidence_query": query}]})}


def test_model_reply_checked_against_the_facts(store, tmp_path):
    invented = insight_reply("April is pacing 2,300 ahead of March.")
    valid = insight_reply("April's spend so far is BRL 5,100, against BRL 2,800 over the same days of March (+82.1%).")
    result, requests = model_insights(store, tmp_path, [invented, valid])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Insights for 2024-04-08 – 2024-04-14")
    assert "April's spend so far is BRL 5,100" in result.stdout and "evidence: SELECT date, spend" in result.stdout
    assert len(requests) == 2
    prompt = requests[0]["body"]["messages"]
    assert '"kind":"pacing"' in prompt[1]["content"] and "roas = sum(conversion_value) / sum(spend)" in prompt[0]["content"]
    assert "the number '2,300'" in requests[1]["body"]["messages"][-1]["content"]


def test_model_replies_all_rejected_fall_back_to_the_offline_narrative(store, tmp_path):
    bad = {"content": "not json"}
    result, requests = model_insights(store, tmp_path, [bad, bad, insight_reply("Fine.", text="Spend grew 12%.")], "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert len(requests) == 3
    assert "no insight from the model" in result.stderr and "reply 3:" in result.stderr and "the number '12%'" in result.stderr
    assert result.stdout == insights(store, tmp_path, "--lang", "en")
