"""`aurum report --html`: the client report as one self-contained HTML file.

The page is read with Python's html.parser: the KPI tiles' figures (their exact `data-value`) must equal DuckDB's
sums over Aurum's own export of kpi_campaign_daily for the same days, per currency (never one total over two);
nothing in it may fetch anything (no script, no link, no src or href, no url() in the CSS); the quarantine note
counts the rows about days in the period; Portuguese comes from --lang or the settings. Then the page is opened
in headless Chromium (installed by scripts/setup.sh --tests): its DOM has the title and the tiles, its screenshot is
not blank, and its network log holds no request of the page's.
"""
import json
import re
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser

import duckdb
import pytest

from conftest import AURUM, REPO
from test_ask import clean_environment
from test_charts import png_pixels

MONEY_CLIENT = "acme"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("client-report") / "store"
    subprocess.run([AURUM, "ingest", "--store", str(directory), str(REPO / "datasets" / "sample")], check=True, capture_output=True)
    subprocess.run([AURUM, "clients", "set", MONEY_CLIENT, "--meta", "739179755604945", "--google", "6963335910", "--store", str(directory)],
                   check=True, capture_output=True)
    return directory


@pytest.fixture(scope="module")
def gold(store, tmp_path_factory):
    """DuckDB over Aurum's CSV export of the daily Gold table and the quarantine."""
    out = tmp_path_factory.mktemp("client-report-export")
    for table in ("kpi_campaign_daily", "quarantine"):
        subprocess.run([AURUM, "export", table, "--out", str(out / f"{table}.csv"), "--formula-guard", "none", "--store", str(store)],
                       check=True, capture_output=True)
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE daily AS SELECT * FROM read_csv_auto('{out / 'kpi_campaign_daily.csv'}', all_varchar=false)")
    connection.execute(f"CREATE TABLE quarantine AS SELECT * FROM read_csv('{out / 'quarantine.csv'}', all_varchar=true)")
    return connection


def report(store, tmp_path, *args, **env):
    path = tmp_path / "report.html"
    environment = clean_environment(tmp_path)
    for name in ("AURUM_REPORT_LANG",):
        environment.pop(name, None)
    environment.update(env)
    result = subprocess.run([AURUM, "report", "--store", str(store), "--html", str(path), *map(str, args)], capture_output=True, text=True,
                            timeout=120, env=environment)
    return result, path


class Page(HTMLParser):
    """Tiles (currency → kpi → value), tags, attributes and text of a report page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tiles, self.tags, self.attributes, self.text, self.styles = {}, [], [], [], []
        self.currency, self.lang, self.title, self.quarantined = None, None, "", None
        self._in = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in.append(tag)
        if tag == "html":
            self.lang = attributes.get("lang")
        if "data-currency" in attributes:
            self.currency = attributes["data-currency"]
        if "data-kpi" in attributes:
            self.tiles.setdefault(self.currency, {})[attributes["data-kpi"]] = attributes["data-value"]
        if "data-quarantined" in attributes:
            self.quarantined = int(attributes["data-quarantined"])

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._in and self._in[-1] == "style":
            self.styles.append(data)


def sums(gold, first, last, accounts=None):
    where = f"date BETWEEN DATE '{first}' AND DATE '{last}'"
    if accounts:
        where += " AND CAST(account_id AS VARCHAR) IN (" + ",".join(f"'{account}'" for account in accounts) + ")"
    rows = gold.execute(f"SELECT currency, sum(spend), sum(conversions), sum(conversion_value) FROM daily WHERE {where} GROUP BY currency ORDER BY currency").fetchall()
    return {currency: (spend, conversions, value) for currency, spend, conversions, value in rows}


def check_tiles(page, expected):
    assert set(page.tiles) == set(expected), "one section per currency with data in the period"
    for currency, (spend, conversions, value) in expected.items():
        tiles = page.tiles[currency]
        assert float(tiles["spend"]) == pytest.approx(spend, rel=1e-9, abs=1e-6)
        assert float(tiles["conversions"]) == pytest.approx(conversions, rel=1e-9, abs=1e-6)
        assert float(tiles["cpa"]) == pytest.approx(spend / conversions, rel=1e-9)
        assert float(tiles["roas"]) == pytest.approx(value / spend, rel=1e-9)


def test_latest_weeks_tiles_equal_duckdb_and_nothing_is_fetched(store, gold, tmp_path):
    result, path = report(store, tmp_path)
    assert result.returncode == 0, result.stderr
    last = gold.execute("SELECT max(date) FROM daily").fetchone()[0]
    first = last - timedelta(days=27)
    assert f"{first} – {last}" in result.stdout
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    check_tiles(page, sums(gold, first, last))
    previous = sums(gold, first - timedelta(days=28), first - timedelta(days=1))
    change = (float(page.tiles["BRL"]["spend"]) - previous["BRL"][0]) / previous["BRL"][0] * 100
    assert f"{change:+.1f}%" in text, "the spend tile's change against the previous 28 days"
    assert page.lang == "en" and page.title.startswith("Client report — all accounts")
    # Self-contained: no script, no external resource of any kind.
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert not [value for name, value in page.attributes if name in ("src", "href", "srcset", "action")]
    assert not re.search(r"url\(|@import", "".join(page.styles))
    assert page.tags.count("svg") == len(page.tiles), "a trend chart per currency"
    assert f"Data up to {last}." in "".join(page.text)


def quarantined_in(gold, first, last):
    count = 0
    for (raw,) in gold.execute("SELECT raw FROM quarantine").fetchall():
        try:
            row = json.loads(raw)
        except ValueError:
            continue
        day = row.get("date_start") if "date_start" in row else (row.get("segments") or {}).get("date")
        try:
            if first <= date.fromisoformat(day) <= last:
                count += 1
        except (TypeError, ValueError):
            pass
    return count


def test_a_month_in_portuguese(store, gold, tmp_path):
    result, path = report(store, tmp_path, "--month", "2024-03", "--lang", "pt")
    assert result.returncode == 0, result.stderr
    page = Page(path.read_text(encoding="utf-8"))
    check_tiles(page, sums(gold, date(2024, 3, 1), date(2024, 3, 31)))
    assert page.lang == "pt" and page.title.startswith("Relatório do cliente — todas as contas")
    body = "".join(page.text)
    assert "comparado com 2024-02-01 – 2024-02-29" in body and "Investimento" in body
    assert re.search(r"BRL \d{1,3}(\.\d{3})*,\d\d", body), "Portuguese numbers: 31.027,72"
    assert page.quarantined == quarantined_in(gold, date(2024, 3, 1), date(2024, 3, 31))


def test_a_client_and_its_language_setting(store, gold, tmp_path):
    result, path = report(store, tmp_path, "--client", MONEY_CLIENT, "--weeks", 2, AURUM_REPORT_LANG_ACME="pt_BR")
    assert result.returncode == 0, result.stderr
    page = Page(path.read_text(encoding="utf-8"))
    assert page.lang == "pt"
    last = gold.execute("SELECT max(date) FROM daily WHERE CAST(account_id AS VARCHAR) IN ('739179755604945', '6963335910')").fetchone()[0]
    check_tiles(page, sums(gold, last - timedelta(days=13), last, accounts=["739179755604945", "6963335910"]))
    assert "acme" in page.title


def test_mistakes_are_refused(store, tmp_path):
    after, _ = report(store, tmp_path, "--month", "2030-01")
    assert after.returncode == 1 and "--month 2030-01 is after the data's last day, 2024-04-29" in after.stderr
    both, _ = report(store, tmp_path, "--month", "2024-03", "--weeks", 2)
    assert both.returncode != 0 and "--weeks and --month exclude each other" in both.stderr
    language, _ = report(store, tmp_path, "--lang", "fr")
    assert language.returncode == 1 and "--lang 'fr' is not a report language; use pt or en" in language.stderr
    month, _ = report(store, tmp_path, "--month", "March")
    assert month.returncode != 0 and "write YYYY-MM" in month.stderr
    inside = subprocess.run([AURUM, "report", "--store", str(store), "--html", str(store / "r.html")], capture_output=True, text=True)
    assert inside.returncode == 1 and "is inside the store" in inside.stderr
    alone = subprocess.run([AURUM, "report", "--store", str(store), "--lang", "pt"], capture_output=True, text=True)
    assert alone.returncode != 0 and "--month and --lang go with --html FILE" in alone.stderr


# Chromium's own background traffic (component updates, time, account probes), which the flags below turn down but
# not off; any other URL in the log is the page's.
BROWSER_HOSTS = ("clients2.google.com", "update.googleapis.com", "accounts.google.com", "redirector.gvt1.com",
                 "optimizationguide-pa.googleapis.com", "safebrowsing.googleapis.com", "content-autofill.googleapis.com")
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
            "--disable-features=Translate,OptimizationHints,MediaRouter"]


def page_requests(page, tmp_path, *extra):
    """Runs headless Chromium on `page` with `extra`; returns (stdout, the http(s) URLs the page asked for)."""
    log = tmp_path / "net.json"
    result = subprocess.run([*CHROMIUM, f"--log-net-log={log}", *extra, page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    events = json.loads(log.read_text())["events"]
    urls = {event["params"]["url"] for event in events if "url" in event.get("params", {})}
    return result.stdout, sorted(url for url in urls if url.startswith(("http:", "https:", "ws:", "wss:", "ftp:"))
                                 and not any(f"//{host}/" in url for host in BROWSER_HOSTS))


def test_the_page_in_headless_chromium(store, tmp_path):
    result, path = report(store, tmp_path)
    assert result.returncode == 0, result.stderr
    dom, requests = page_requests(path, tmp_path, "--dump-dom")
    assert requests == [], "the report fetches nothing"
    page = Page(dom)
    assert page.title.startswith("Client report — all accounts")
    assert {currency: sorted(tiles) for currency, tiles in page.tiles.items()} == {
        "BRL": ["conversions", "cpa", "roas", "spend"], "USD": ["conversions", "cpa", "roas", "spend"]}
    # The check can fail: a page that loads an image is caught.
    fetching = tmp_path / "fetching.html"
    fetching.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/pixel.png"></body></html>')
    assert page_requests(fetching, tmp_path, "--dump-dom")[1] == ["http://example.invalid/pixel.png"]

    screenshot = tmp_path / "report.png"
    page_requests(path, tmp_path, f"--screenshot={screenshot}", "--window-size=1200,1600")
    width_px, height_px, rows = png_pixels(screenshot)
    assert (width_px, height_px) == (1200, 1600)
    colours = {pixel for row in rows[::4] for pixel in row[::4]}
    assert len(colours) > 20, "not blank"
    dark = sum(1 for row in rows[:200] for pixel in row if max(pixel) < 80)
    assert dark > 2000, "the title is drawn"
    blue = sum(1 for row in rows for pixel in row if pixel[2] > 180 and pixel[0] < 100 and pixel[1] < 140)
    assert blue > 300, "the trend line is drawn"
