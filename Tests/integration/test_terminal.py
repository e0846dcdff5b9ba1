"""Aurum at a terminal, as an analyst uses it: Portuguese typed at the REPL prompt, Ctrl-C during a long query
(and while a model thinks), tables fitted to an 80-column window, and the progress line on long work.

Everything is driven through a real pseudo-terminal (pexpect) with LANG=C.UTF-8, typing character by character;
DuckDB over Aurum's own exports is the oracle for the answers. The progress line must show on a terminal and
never in piped output.
"""
import os
import re
import signal
import subprocess
import time
import unicodedata

import duckdb
import pexpect
import pytest

from conftest import AURUM, REPO, aurum, generate, ingest
from test_ask import Stub, clean_environment

PROMPT = "aurum> "
TODAY = "2024-04-29"  # the sample's last day: "março" is March 2024
# Seconds of work in a debug build over the generated store, on one thread: strings built and hashed per row.
# Long enough that a progress line shows (after a second) well before it ends: with ad_name, ad_id and the date
# alone it took 1.37-1.46 s on a quiet build machine, leaving Ctrl-C a few tenths of a second to land.
HEAVY = ("SELECT count(DISTINCT lower(ad_name || ad_id || CAST(date AS VARCHAR) || campaign_name || campaign_id"
         " || CAST(spend AS VARCHAR))) AS n FROM ad_insights")


def terminal_environment(tmp_path, **extra):
    environment = clean_environment(tmp_path, LANG="C.UTF-8", TERM="xterm", AURUM_HISTORY=str(tmp_path / "history"),
                                    AURUM_THREADS="1", **extra)
    for name in ("LC_ALL", "LC_CTYPE", "COLUMNS"):
        environment.pop(name, None)
    return environment


def spawn(args, tmp_path, columns=200, **extra):
    return pexpect.spawn(AURUM, list(map(str, args)), env=terminal_environment(tmp_path, **extra), encoding="utf-8",
                         timeout=120, dimensions=(50, columns))


def repl(store, tmp_path, columns=200, **extra):
    child = spawn(["repl", "--store", store, "--today", TODAY], tmp_path, columns, **extra)
    child.expect_exact(PROMPT)
    return child


def type_slowly(child, text):
    """Types `text` one character at a time, as a person does (a multibyte character is one keypress)."""
    for character in text:
        child.send(character)
        time.sleep(0.01)


def finish(child):
    child.sendline(".quit")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def display_width(text):
    """Terminal columns of `text`, by the rule Aurum uses (wide East Asian and emoji count 2, marks 0)."""
    width = 0
    for character in text:
        if unicodedata.combining(character) or character == "\ufe0f":
            continue
        wide = unicodedata.east_asian_width(character) in ("W", "F") or 0x1F300 <= ord(character) <= 0x1FAFF
        width += 2 if wide else 1
    return width


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The bundled sample (Portuguese names, BRL and USD) and DuckDB holding Aurum's own exports of it."""
    store = tmp_path_factory.mktemp("terminal-sample") / "store"
    ingest(store, REPO / "datasets" / "sample")
    exports = tmp_path_factory.mktemp("terminal-exports")
    oracle = duckdb.connect()
    for table in ("ad_insights", "kpi_campaign_daily"):
        path = exports / f"{table}.csv"
        aurum("export", table, "--out", path, "--formula-guard", "none", store=store)
        oracle.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header=true)")
    return store, oracle


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A generated store big enough for queries of seconds, ingested through a terminal (its progress line is
    checked here); with its ad_insights row count."""
    tree = generate(tmp_path_factory.mktemp("terminal-bronze") / "bronze", 20241204, 200_000)
    store = tmp_path_factory.mktemp("terminal-big") / "store"
    tmp = tmp_path_factory.mktemp("terminal-ingest")
    child = spawn(["ingest", "--store", store, tree], tmp)
    child.expect_exact("reading Bronze files")
    child.expect(r"[\d,]+ / [\d,]+ files")
    child.expect(pexpect.EOF, timeout=600)
    child.close()
    assert child.exitstatus == 0, child.before
    count = aurum("query", "--format", "csv", "SELECT count(*) AS n FROM ad_insights", store=store).stdout.split()[1]
    return store, tree, int(count)


def test_portuguese_typed_at_the_prompt(sample, tmp_path):
    store, oracle = sample
    child = repl(store, tmp_path)
    type_slowly(child, ".mode csv\r")
    child.expect_exact(PROMPT)
    type_slowly(child, "SELECT count(*) FROM ad_insights WHERE campaign_name ILIKE '%ã%';\r")
    child.expect_exact("count(*)\r\n")
    child.expect(r"(\d+)\r\n")
    expected = oracle.execute("SELECT count(*) FROM ad_insights WHERE campaign_name ILIKE '%ã%'").fetchone()[0]
    assert expected > 0 and int(child.match.group(1)) == expected
    child.expect_exact(PROMPT)

    type_slowly(child, "? gasto em março\r")
    child.expect(r"(SELECT [^\r\n]*);\r\n")
    query = child.match.group(1)
    assert "2024-03-01" in query and "2024-03-31" in query, query
    child.expect_exact(PROMPT)
    answer = child.before.strip().splitlines()
    expected = oracle.execute(query).fetchall()
    columns = answer[0].split(",")
    assert len(answer) == 1 + len(expected), answer
    for line, row in zip(answer[1:], expected):
        for text, value in zip(line.split(","), row):
            if isinstance(value, float):
                assert float(text) == pytest.approx(value, rel=1e-9), (columns, line, row)
            else:
                assert text == str(value), (columns, line, row)
    assert "not understood" not in child.before and "did not understand" not in child.before
    assert finish(child) == 0


def test_tab_completion_inside_parentheses_adds_no_space(sample, tmp_path):
    store, _ = sample
    child = repl(store, tmp_path)
    child.send("SELECT sum(spe)")
    child.send("\x1b[D")  # Left: the cursor before ')'
    child.send("\t")
    child.sendcontrol("e")
    child.send(" AS s FROM ad_insights;\r")
    child.expect("1 row")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    assert (tmp_path / "history").read_text().splitlines()[-1] == "SELECT sum(spend) AS s FROM ad_insights;"


def test_a_wide_result_fits_80_columns_and_follows_a_resize(sample, tmp_path):
    store, _ = sample
    child = repl(store, tmp_path, columns=80)
    child.sendline("SELECT * FROM kpi_campaign_weekly ORDER BY spend DESC;")
    child.expect(r"rows \(40 shown\)  16 columns \((\d+) shown\)")
    shown_at_80 = int(child.match.group(1))
    table = child.before[child.before.index("┌"):]
    lines = table.replace("\r", "").splitlines()
    assert len(lines) > 40
    for line in lines:
        assert display_width(line) <= 80, line
    assert lines[1].startswith("│ source ") and "│ … │" in lines[1]
    assert "…" in table  # long ids and names cut
    child.expect_exact(PROMPT)

    child.setwinsize(50, 160)
    child.sendline("SELECT * FROM kpi_campaign_weekly ORDER BY spend DESC;")
    child.expect(r"16 columns \((\d+) shown\)")
    assert int(child.match.group(1)) > shown_at_80, "the new width is read for each result"
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_ctrl_c_cancels_a_long_query_and_keeps_the_session(big, tmp_path):
    store, _, count = big
    child = repl(store, tmp_path)
    child.sendline(".mode csv")
    child.expect_exact(PROMPT)
    child.sendline(".timer on")
    child.expect_exact(PROMPT)
    child.sendline(HEAVY + ";")
    # The progress line shows once the query has run a second: it is running now.
    child.expect_exact("scanning ad_insights")
    interrupted_at = time.monotonic()
    child.sendcontrol("c")
    child.expect_exact("Interrupted")
    latency = time.monotonic() - interrupted_at
    child.expect_exact(PROMPT)
    print(f"Ctrl-C to 'Interrupted': {latency * 1000:.0f} ms (debug build)")
    assert latency < 2.0, latency
    assert child.isalive()

    child.sendline("SELECT count(*) AS n FROM ad_insights;")
    child.expect_exact(f"n\r\n{count}\r\n")  # still .mode csv
    child.expect(r"Run Time: \d+\.\d{3} s")  # still .timer on
    child.expect_exact(PROMPT)
    # Ctrl-C at an empty prompt never leaves; the second one in a row says how to.
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendcontrol("c")
    child.expect_exact("Interrupted, use Ctrl-D or .quit to exit")
    assert child.isalive()
    assert finish(child) == 0


def test_ctrl_c_while_the_model_thinks(sample, tmp_path):
    store, _ = sample
    server = Stub(tmp_path, [{"delay": 30, "content": "{}"}])
    try:
        child = repl(store, tmp_path, AURUM_LLM_BASE_URL=server.base_url, AURUM_LLM_MODEL="stub-model")
        child.sendline("? quanto gastamos por campanha")
        time.sleep(1.5)
        interrupted_at = time.monotonic()
        child.sendcontrol("c")
        child.expect_exact("Interrupted")
        assert time.monotonic() - interrupted_at < 2.0
        child.expect_exact(PROMPT)
        child.sendline("SELECT count(*) AS n FROM ad_insights;")
        child.expect("1 row")
        child.expect_exact(PROMPT)
        assert finish(child) == 0
    finally:
        server.stop()


def test_aurum_query_shows_progress_on_a_terminal_and_ends_130_on_ctrl_c(big, tmp_path):
    store, _, _ = big
    child = spawn(["query", "--store", store, HEAVY], tmp_path)
    child.expect(r"scanning ad_insights  0 / [\d,]+ rows  0%")
    child.sendcontrol("c")
    child.expect(pexpect.EOF, timeout=5)
    child.close()
    assert child.signalstatus == signal.SIGINT  # the shell shows status 130


def test_progress_never_reaches_piped_output(big, tmp_path):
    store, tree, count = big
    started = time.monotonic()
    result = subprocess.run([AURUM, "query", "--store", str(store), "--format", "csv", HEAVY], capture_output=True,
                            text=True, timeout=600, env=terminal_environment(tmp_path))
    assert time.monotonic() - started > 1.5, "long enough for a progress line"
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("n\n")

    other = tmp_path / "store"
    result = subprocess.run([AURUM, "ingest", "--store", str(other), str(tree)], capture_output=True, text=True,
                            timeout=600, env=terminal_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "\r" not in result.stdout and "reading Bronze" not in result.stdout
