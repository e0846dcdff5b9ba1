"""Charts of results, end to end: `--chart` on `query`, `ask` and `report`, `.chart` in the REPL, `--chart-out` SVG.

The terminal charts are checked for what a reader relies on: braille lines and eighth-block bars on a UTF-8
locale and ASCII otherwise, every line within the width, colour only on a terminal and never with NO_COLOR, each
bar's value equal to the query's own number, a named kind that does not fit refused with its reason. The SVG is
parsed as XML, drawn to PNG by rsvg-convert (librsvg2-bin, installed by scripts/setup.sh --tests) and its pixels
checked: not blank, axes and a line drawn.
"""
import os
import re
import struct
import subprocess
import unicodedata
import xml.etree.ElementTree as ElementTree
import zlib

import pexpect
import pytest

from conftest import AURUM, REPO
from test_ask import clean_environment

TODAY = "2024-04-30"
SERIES = ("SELECT date, sum(spend) AS spend, sum(conversions) AS conversions FROM kpi_campaign_daily "
          "WHERE currency = 'USD' GROUP BY date ORDER BY date")
RANKING = ("SELECT campaign_name, sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'BRL' "
           "GROUP BY campaign_name ORDER BY spend DESC LIMIT 6")
BRAILLE = re.compile("[\u2801-\u28ff]")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("charts") / "store"
    subprocess.run([AURUM, "ingest", "--store", str(directory), str(REPO / "datasets" / "sample")], check=True,
                   capture_output=True)
    return directory


def environment(tmp_path, utf8=True, **extra):
    env = clean_environment(tmp_path, AURUM_TODAY=TODAY)
    for name in ("LC_ALL", "LC_CTYPE", "LANG", "NO_COLOR"):
        env.pop(name, None)
    env["LANG" if utf8 else "LC_ALL"] = "C.UTF-8" if utf8 else "C"
    env.update(extra)
    return env


def run(tmp_path, *args, utf8=True, **extra):
    return subprocess.run([AURUM, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env=environment(tmp_path, utf8, **extra))


def chart_part(stdout):
    """What follows the table's footer line ("N rows…")."""
    lines = stdout.split("\n")
    footer = next(index for index, line in enumerate(lines) if re.match(r"^[\d,]+ rows?\b", line))
    return [line for line in lines[footer + 1:] if line]


def width(text):
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 0 if unicodedata.combining(character) else 1
               for character in text)


def csv_rows(store, tmp_path, sql):
    result = run(tmp_path, "query", "--store", store, "--format", "csv", sql)
    assert result.returncode == 0, result.stderr
    return [line.split(",") for line in result.stdout.strip().split("\n")[1:]]


def test_a_time_series_draws_as_braille_lines_within_the_width(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart", "line", "--max-width", 80, SERIES)
    assert result.returncode == 0, result.stderr
    chart = chart_part(result.stdout)
    assert chart[0].startswith("⣿ spend")
    assert any(BRAILLE.search(line) for line in chart)
    dates = [row[0] for row in csv_rows(store, tmp_path, SERIES)]
    labels = chart[-1].split()
    assert len(labels) == 3 and labels[0] == dates[0] and labels[-1] == dates[-1], chart[-1]
    assert all(width(line) <= 80 for line in chart), chart
    # Spend and conversions differ by more than ten times: each has its own axis.
    assert sum(line.lstrip().startswith("└") for line in chart) == 2


def test_ascii_when_the_locale_is_not_utf8(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart", "line", "--max-width", 80, SERIES, utf8=False)
    assert result.returncode == 0, result.stderr
    chart = chart_part(result.stdout)
    assert all(line.isascii() for line in chart), chart
    assert any("*" in line for line in chart) and chart[0] == "* spend"


def test_bars_end_with_the_querys_own_numbers(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart", "auto", "--max-width", 100, RANKING)
    assert result.returncode == 0, result.stderr
    chart = chart_part(result.stdout)
    assert chart[0] == "spend by campaign_name"
    rows = csv_rows(store, tmp_path, RANKING)
    bars = chart[1:]
    assert len(bars) == len(rows)
    for bar, row in zip(bars, rows):
        assert "█" in bar
        assert float(bar.rsplit(" ", 1)[1].replace(",", "")) == pytest.approx(float(row[-1]), abs=0.005)
        assert width(bar) <= 100


def test_a_kind_that_does_not_fit_is_refused_with_its_reason(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart", "line", RANKING)
    assert result.returncode == 0
    assert "note: a line chart needs one DATE column" in result.stderr
    assert not BRAILLE.search(result.stdout)
    quiet = run(tmp_path, "query", "--store", store, "--chart", "auto", "SELECT campaign_id, campaign_name, spend FROM kpi_campaign_total")
    assert quiet.returncode == 0 and quiet.stderr == ""
    repeated = run(tmp_path, "query", "--store", store, "--chart", "line", "SELECT date, spend FROM kpi_campaign_daily")
    assert "appears in more than one row" in repeated.stderr


def test_chart_needs_a_table(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart", "line", "--format", "csv", SERIES)
    assert result.returncode != 0
    assert "--chart draws under a table; with --format csv use --chart-out FILE.svg" in result.stderr


def png_pixels(path):
    """(width, height, rows of RGBA tuples) of an 8-bit RGBA or RGB PNG, as rsvg-convert writes it."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width_px, height_px, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    channels = 4 if colour_type == 6 else 3
    raw = zlib.decompress(chunks)
    stride = width_px * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height_px):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            up_left = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 255
            elif kind == 2:
                line[index] = (line[index] + up) & 255
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 255
            elif kind == 4:
                estimate = left + up - up_left
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up), (abs(estimate - up_left), 2, up_left))[2]
                line[index] = (line[index] + nearest) & 255
        rows.append([tuple(line[index:index + channels][:3]) for index in range(0, stride, channels)])
        previous = line
    return width_px, height_px, rows


def test_chart_out_writes_a_standalone_svg_that_parses_and_draws(store, tmp_path):
    out = tmp_path / "series.svg"
    result = run(tmp_path, "query", "--store", store, "--chart-out", out, SERIES)
    assert result.returncode == 0, result.stderr
    assert not BRAILLE.search(result.stdout), "--chart-out alone draws nothing on the terminal"
    root = ElementTree.parse(out).getroot()
    assert root.tag == SVG + "svg"
    texts = [element.text for element in root.iter(SVG + "text")]
    dates = [row[0] for row in csv_rows(store, tmp_path, SERIES)]
    assert dates[0] in texts and dates[-1] in texts and "spend" in texts and "conversions" in texts
    assert len(list(root.iter(SVG + "polyline"))) >= 2
    again = tmp_path / "again.svg"
    run(tmp_path, "query", "--store", store, "--chart-out", again, SERIES)
    assert out.read_bytes() == again.read_bytes(), "deterministic"

    png = tmp_path / "series.png"
    subprocess.run(["rsvg-convert", "-o", str(png), str(out)], check=True)
    width_px, height_px, rows = png_pixels(png)
    assert (width_px, height_px) == (int(root.get("width")), int(float(root.get("height"))))
    colours = {pixel for row in rows for pixel in row}
    assert len(colours) > 10, "not blank"
    # The y axis: a dark vertical run at x = 72 down the first panel; the series colours appear.
    axis = [min(rows[y][71:74], key=max) for y in range(40, 260)]
    assert sum(1 for pixel in axis if max(pixel) < 120) > 150, "the y axis is drawn"
    blue = sum(1 for row in rows for pixel in row if pixel[2] > 180 and pixel[0] < 100)
    assert blue > 200, "the first series' line is drawn"


def test_chart_out_refuses_what_makes_no_chart_and_the_store_itself(store, tmp_path):
    result = run(tmp_path, "query", "--store", store, "--chart-out", tmp_path / "x.svg", "SELECT campaign_id, campaign_name, spend FROM kpi_campaign_total")
    assert result.returncode == 1
    assert "no chart written to" in result.stderr and "no chart fits this result" in result.stderr
    assert not (tmp_path / "x.svg").exists()
    inside = run(tmp_path, "query", "--store", store, "--chart-out", store / "x.svg", RANKING)
    assert inside.returncode == 1 and "is inside the store" in inside.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(store, tmp_path):
    def on_terminal(**extra):
        child = pexpect.spawn(AURUM, ["query", "--store", str(store), "--chart", "line", SERIES],
                              env=environment(tmp_path, TERM="xterm", **extra), encoding="utf-8", timeout=60,
                              dimensions=(50, 120))
        output = child.read()
        child.close()
        return output
    assert "\x1b[36m" in on_terminal()
    assert "\x1b[" not in on_terminal(NO_COLOR="1")
    assert "\x1b[" not in run(tmp_path, "query", "--store", store, "--chart", "line", SERIES).stdout


def test_repl_chart_setting(store, tmp_path):
    script = (".chart\n.chart auto\n" + SERIES + ";\n.chart on\nSELECT campaign_id, campaign_name FROM kpi_campaign_total LIMIT 2;\n"
              ".chart off\n" + RANKING + ";\n.chart sometimes\n")
    result = subprocess.run([AURUM, "repl", "--store", str(store)], input=script, capture_output=True, text=True,
                            timeout=120, env=environment(tmp_path))
    assert "chart: off" in result.stdout
    assert BRAILLE.search(result.stdout), "auto draws the time series"
    assert "note: no chart: no chart fits this result" in result.stderr, ".chart on says why not"
    assert "█" not in result.stdout, ".chart off draws no bars"
    assert "usage: .chart auto|on|off" in result.stderr


def test_ask_draws_when_the_question_asks_for_a_picture(store, tmp_path):
    asked = run(tmp_path, "ask", "--store", store, "--offline", "chart of spend by week in BRL")
    assert asked.returncode == 0, asked.stderr
    assert "SELECT date_trunc('week', date) AS week, sum(spend) AS spend" in asked.stdout
    assert BRAILLE.search(asked.stdout)
    portuguese = run(tmp_path, "ask", "--store", store, "--offline", "evolução do gasto semanal")
    assert portuguese.returncode == 0, portuguese.stderr
    chart = chart_part(portuguese.stdout)
    # Money by currency: one axis per currency, never one scale for both.
    assert [line for line in chart if line.startswith("⣿")] == ["⣿ spend (BRL)", "⣿ spend (USD)"]
    plain = run(tmp_path, "ask", "--store", store, "--offline", "spend by week in BRL")
    assert plain.returncode == 0 and not BRAILLE.search(plain.stdout)
    explicit = run(tmp_path, "ask", "--store", store, "--offline", "--chart", "bar", "top 5 campaigns by spend")
    assert explicit.returncode == 0 and "BRL:" in explicit.stdout and "█" in explicit.stdout


def test_report_sparklines_and_bars(store, tmp_path):
    result = run(tmp_path, "report", "--store", store, "--chart", "auto", "--top", 3)
    assert result.returncode == 0, result.stderr
    trend = result.stdout.split("Weekly spend by campaign", 1)[1].split("\n")
    lines = [line for line in trend if "→" in line and "weekly spend, first week" not in line]
    assert len(lines) == 5  # 3 BRL campaigns, 2 USD
    for line in lines:
        assert re.search(r"  [▁▂▃▄▅▆▇█]{4}  [\d,]+\.\d\d → [\d,]+\.\d\d$", line), line
    bars = run(tmp_path, "report", "--store", store, "--chart", "bar", "--top", 3)
    assert "spend (BRL) by campaign" in bars.stdout and "spend (USD) by campaign" in bars.stdout
    refused = run(tmp_path, "report", "--store", store, "--chart", "auto", "--format", "csv")
    assert refused.returncode != 0 and "--chart draws under the table" in refused.stderr
