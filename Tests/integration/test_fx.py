"""`aurum fx import` and `--currency` (docs/currencies.md), over the bundled sample (BRL and USD accounts).

Converted Gold is compared with DuckDB computing the same conversion from the unconverted export: each day's
amounts times the rate of that day or, when the day has none, the latest earlier one (an ASOF join).
"""
import datetime
import json

import duckdb
import pytest

from conftest import REPO, aurum, ingest

GOLD = ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"]
KEYS = {"kpi_campaign_daily": ["source", "account_id", "campaign_id", "date"],
        "kpi_campaign_weekly": ["source", "account_id", "campaign_id", "week"],
        "kpi_campaign_total": ["source", "account_id", "campaign_id"]}


def write_rates(path, first=datetime.date(2024, 1, 1), last=datetime.date(2024, 4, 30)):
    """BRL into USD on weekdays only: every weekend uses Friday's rate."""
    lines = ["date,currency,rate"]
    day, step = first, 0
    while day <= last:
        if day.weekday() < 5:
            lines.append(f"{day},BRL,{0.2 + 0.0001 * step:.4f}")
        day += datetime.timedelta(days=1)
        step += 1
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fx")
    store = directory / "store"
    ingest(store, REPO / "datasets" / "sample")
    rates = write_rates(directory / "rates.csv")
    out = aurum("fx", "import", rates, "--to", "USD", store=store).stdout
    assert "Loaded 87 rates into USD for 1 currency (BRL), 2024-01-01 to 2024-04-30" in out
    assert any(line.split()[:2] == ["fx_rates", "87"] for line in aurum("tables", store=store).stdout.splitlines())
    return store


def duckdb_converted(daily_csv, rates_csv, target="USD"):
    """kpi_campaign_daily converted into USD by DuckDB: spend and conversion_value times the ASOF rate."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE daily AS SELECT * FROM read_csv('{daily_csv}', header=true, all_varchar=true)")
    con.execute(f"CREATE TABLE rates AS SELECT CAST(date AS DATE) AS date, currency, CAST(rate AS DOUBLE) AS rate FROM read_csv('{rates_csv}', header=true, all_varchar=true)")
    con.execute(f"""
        CREATE TABLE converted AS
        SELECT d.source, d.account_id, d.campaign_id, CAST(d.date AS DATE) AS date, CAST(d.impressions AS BIGINT) AS impressions,
               CAST(d.clicks AS BIGINT) AS clicks, CAST(d.conversions AS DOUBLE) AS conversions,
               CAST(d.spend AS DOUBLE) * CASE WHEN d.currency = '{target}' THEN 1 ELSE r.rate END AS spend,
               CAST(d.conversion_value AS DOUBLE) * CASE WHEN d.currency = '{target}' THEN 1 ELSE r.rate END AS conversion_value
        FROM (SELECT *, CAST(date AS DATE) AS day FROM daily) d ASOF LEFT JOIN rates r ON d.currency = r.currency AND d.day >= r.date""")
    assert con.execute("SELECT count(*) FROM converted WHERE spend IS NULL").fetchone()[0] == 0
    return con


def aurum_rows(store, table, *extra):
    out = aurum("query", "--format", "json", f"SELECT * FROM {table}", *extra, store=store).stdout
    return json.loads(out)


def spend_on(store, day, currency_factor):
    """`ask --currency USD "spend yesterday"` for `day`, and the same computed from the stored rows: USD as it is,
    BRL times `currency_factor`."""
    today = (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
    asked = json.loads(aurum("ask", "--offline", "--format", "json", "--currency", "USD", "--today", today,
                             "spend yesterday", store=store).stdout)
    rows = aurum_rows(store, f"kpi_campaign_daily WHERE date = DATE '{day}'")
    assert {row["currency"] for row in rows} == {"BRL", "USD"}
    expected = sum(row["spend"] * (currency_factor if row["currency"] == "BRL" else 1) for row in rows)
    return asked, expected


def test_converted_gold_equals_duckdb(store, tmp_path):
    daily = tmp_path / "daily.csv"
    aurum("export", "kpi_campaign_daily", "--out", daily, store=store)
    rates = write_rates(tmp_path / "rates.csv")
    con = duckdb_converted(daily, rates)
    groupings = {
        "kpi_campaign_daily": "source, account_id, campaign_id, date",
        "kpi_campaign_weekly": "source, account_id, campaign_id, date_trunc('week', date)::DATE",
        "kpi_campaign_total": "source, account_id, campaign_id",
    }
    for table in GOLD:
        out = tmp_path / f"{table}.usd.csv"
        aurum("export", table, "--currency", "USD", "--out", out, store=store)
        got = con.execute(f"SELECT * FROM read_csv('{out}', header=true, all_varchar=true)").fetchall()
        columns = [d[0] for d in con.description]
        got = [dict(zip(columns, row)) for row in got]
        expected = con.execute(f"""
            SELECT {groupings[table]}, sum(spend), sum(conversion_value), sum(clicks), sum(conversions)
            FROM converted GROUP BY ALL ORDER BY ALL""").fetchall()
        assert len(got) == len(expected), table
        by_key = {tuple(str(value) for value in row[:len(KEYS[table])]): row for row in expected}
        for row in got:
            assert row["currency"] == "USD"
            spend, value, clicks, conversions = by_key[tuple(row[key] for key in KEYS[table])][-4:]
            assert float(row["spend"]) == pytest.approx(spend, rel=1e-9, abs=1e-9)
            assert float(row["conversion_value"]) == pytest.approx(value, rel=1e-9, abs=1e-9)
            # Ratio KPIs are ratios of the converted sums.
            if clicks:
                assert float(row["cpc"]) == pytest.approx(spend / clicks, rel=1e-9, abs=1e-12)
            if spend:
                assert float(row["roas"]) == pytest.approx(value / spend, rel=1e-9, abs=1e-12)


def test_missing_day_uses_the_latest_earlier_rate(store):
    # 2024-03-02 is a Saturday: no rate that day, Friday 2024-03-01's applies (61 days after 2024-01-01).
    friday_rate = 0.2 + 0.0001 * 60
    before = aurum_rows(store, "kpi_campaign_daily WHERE date = DATE '2024-03-02'")
    asked, expected = spend_on(store, "2024-03-02", friday_rate)
    assert asked == [{"spend": pytest.approx(expected, rel=1e-12)}]
    # The stored rows are untouched: only the command's view is converted.
    assert aurum_rows(store, "kpi_campaign_daily WHERE date = DATE '2024-03-02'") == before


def test_ask_and_report_in_one_currency(store, tmp_path):
    # With --currency there is one currency left, so one number, not a breakdown.
    ask = aurum("ask", "--offline", "--dry-run", "--currency", "USD", "--today", "2024-04-15", "how much did we spend last week?", store=store)
    assert "currency" not in ask.stdout
    report = json.loads(aurum("report", "--format", "json", "--currency", "USD", "--top", "100", store=store).stdout)
    assert {row["currency"] for row in report} == {"USD"}
    plain = json.loads(aurum("report", "--format", "json", "--top", "100", store=store).stdout)
    assert {row["currency"] for row in plain} == {"BRL", "USD"}
    # Ranks restart per currency: money is never ranked across currencies.
    for currency in ["BRL", "USD"]:
        ranks = [row["rank"] for row in plain if row["currency"] == currency]
        assert ranks == list(range(1, len(ranks) + 1))
        spends = [row["spend"] for row in plain if row["currency"] == currency]
        assert spends == sorted(spends, reverse=True)


def test_missing_currency_and_no_rates_are_clear_errors(tmp_path):
    store = tmp_path / "store"
    ingest(store, REPO / "datasets" / "sample")
    result = aurum("report", "--currency", "USD", store=store, check=False)
    assert result.returncode == 1 and "no exchange rates are loaded" in result.stderr and "aurum fx import" in result.stderr
    # Rates from 2024-01-10 only: the first BRL row (2024-01-01) has none.
    aurum("fx", "import", write_rates(tmp_path / "late.csv", first=datetime.date(2024, 1, 10)), "--to", "USD", store=store)
    result = aurum("export", "kpi_campaign_total", "--currency", "USD", store=store, check=False)
    assert result.returncode == 1
    assert "no exchange rate for BRL into USD on or before 2024-01-01" in result.stderr
    result = aurum("report", "--currency", "EUR", store=store, check=False)
    assert result.returncode == 1 and "cannot convert to EUR" in result.stderr
    # Without --currency nothing is converted.
    assert {row["currency"] for row in aurum_rows(store, "kpi_campaign_total")} == {"BRL", "USD"}


def test_bad_lines_are_named_and_nothing_is_imported(store, tmp_path):
    before = aurum("query", "--format", "csv", "SELECT count(*) AS n, sum(rate) AS s FROM fx_rates", store=store).stdout
    cases = {
        "date,currency,rate\n2024-01-01,BRL,0.2\n2024-01-02,BRL,0.2\n2024-02-30,BRL,0.2\n": ("line 4", "'2024-02-30' is not a date"),
        "date,currency,rate\n2024-01-01,BRL,0.2\n2024-01-02,brl,0.2\n": ("line 3", "'brl' is not a currency code"),
        "date,currency,rate\n2024-01-01,BRL,-0.2\n": ("line 2", "'-0.2' is not a positive rate"),
        "date,currency,rate\n2024-01-01,BRL,1e3\n": ("line 2", "'1e3' is not a positive rate"),
        "date,currency,rate\n2024-01-01,BRL\n": ("line 2", "expected 3 fields"),
        "date,currency,rate\n2024-01-01,BRL,0.2\n2024-01-01,BRL,0.3\n": ("line 3", "a second rate for BRL on 2024-01-01"),
        "day,code,value\n2024-01-01,BRL,0.2\n": ("line 1", "expected `date,currency,rate`"),
    }
    for text, (line, reason) in cases.items():
        path = tmp_path / "bad.csv"
        path.write_text(text)
        result = aurum("fx", "import", path, "--to", "USD", store=store, check=False)
        assert result.returncode == 1, text
        assert f"{path}, {line}: " in result.stderr and reason in result.stderr, result.stderr
    after = aurum("query", "--format", "csv", "SELECT count(*) AS n, sum(rate) AS s FROM fx_rates", store=store).stdout
    assert after == before


def test_ecb_file_and_rebuild(tmp_path):
    store = tmp_path / "store"
    ingest(store, REPO / "datasets" / "sample")
    # The ECB's eurofxref-hist.csv layout: units of each currency per euro, newest first, a trailing ',', N/A gaps.
    ecb = tmp_path / "eurofxref-hist.csv"
    ecb.write_text("Date,USD,JPY,BRL,\n2024-01-08,1.0950,160.10,5.3500,\n2024-01-02,1.0956,155.52,5.3653,\n2023-12-29,1.1050,156.33,N/A,\n2023-12-28,1.1100,157.00,5.3500,\n")
    out = aurum("fx", "import", ecb, store=store).stdout
    assert "into EUR for 3 currencies (BRL, JPY, USD)" in out
    rates = {(row["date"], row["currency"]): row["rate"] for row in aurum_rows(store, "fx_rates")}
    assert rates[("2024-01-02", "BRL")] == pytest.approx(1 / 5.3653, rel=1e-15)
    assert ("2023-12-29", "BRL") not in rates
    # Into USD through EUR: one BRL is worth (1/5.35) / (1/1.095) USD on 2024-01-08.
    asked, expected = spend_on(store, "2024-01-08", (1 / 5.35) / (1 / 1.095))
    assert asked == [{"spend": pytest.approx(expected, rel=1e-12)}]
    # The rates survive a rebuild of Silver and Gold.
    aurum("rebuild", store=store)
    assert {(row["date"], row["currency"]): row["rate"] for row in aurum_rows(store, "fx_rates")} == rates
