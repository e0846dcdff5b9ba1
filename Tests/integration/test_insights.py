"""`aurum insights` on Meta pages with planted changes: a campaign whose ROAS halves, one that goes on spending
without converting, and a quarantine spike. The facts (`--json`) must be exactly those three besides the totals;
the narrative, in English and Portuguese, must name each and carry no number that is not a fact's figure or a
change computed from them.
"""
import json
import re
import subprocess
from datetime import date, timedelta

import pytest

from conftest import AURUM
from test_ask import clean_environment

FIRST = date(2024, 4, 1)
CAMPAIGNS = {  # name: (spend a day, purchases a day in week 1, in week 2, value a day in week 1, in week 2)
    "Steady Search": (100, 5, 5, 500, 500),
    "Halving Prospecting": (100, 4, 4, 800, 400),
    "Silent Retargeting": (60, 2, 0, 120, 0),
}


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
            rows.append(row(index, campaign, day, spend, after if second else before, value_after if second else value_before))
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
        {"kind": "quarantine_spike", "current": 8, "previous": 1},
    ]
    totals = {fact["kpi"]: (fact["previous"], fact["current"]) for fact in facts["facts"] if fact["kind"] == "total"}
    assert totals["spend"] == (1820, 1820)
    assert totals["conversions"] == (77, 63)


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
        for previous, current in pairs:
            allowed += [value for value in (previous, current) if value is not None]
            if previous not in (None, 0) and current is not None:
                allowed.append(abs(current - previous) / abs(previous) * 100)
    return allowed


@pytest.mark.parametrize("language", ["en", "pt"])
def test_the_narrative_says_only_computed_numbers(store, tmp_path, language):
    text = insights(store, tmp_path, "--lang", language)
    facts = json.loads(insights(store, tmp_path, "--json"))["facts"]
    for name in ("Halving Prospecting", "Silent Retargeting"):
        assert name in text
    assert ("quarantined" if language == "en" else "quarentena") in text
    allowed = figures(facts)
    body = "\n".join(text.split("\n")[1:])  # after the heading with the period's dates
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
