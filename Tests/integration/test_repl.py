"""End-to-end tests of `aurum repl` (and bare `aurum`): driven through a pseudo-terminal with pexpect, so libedit
does real line editing, and through a pipe, where it must not.

Each terminal session gets its own history file through AURUM_HISTORY, so the user's ~/.aurum_history is never
touched.
"""
import os
import subprocess

import pexpect
import pytest

from conftest import AURUM, aurum, generate, ingest

PROMPT = "aurum> "
CONTINUATION = "   ...> "
UP_ARROW = "\x1b[A"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A small generated store, and its ad_insights row count as `aurum query` gives it."""
    tree = generate(tmp_path_factory.mktemp("repl-bronze") / "bronze", 20241126, 600)
    store = tmp_path_factory.mktemp("repl-store") / "store"
    ingest(store, tree)
    count = aurum("query", "--format", "csv", "SELECT count(*) AS n FROM ad_insights", store=store).stdout.split()[1]
    assert int(count) > 0
    return store, count


def spawn(args, history, **env):
    environment = dict(os.environ, AURUM_HISTORY=str(history), TERM="xterm", **env)
    child = pexpect.spawn(AURUM, list(map(str, args)), env=environment, encoding="utf-8", timeout=30,
                          dimensions=(40, 200))
    child.expect_exact(PROMPT)
    return child


def repl(store, history):
    return spawn(["repl", "--store", store], history)


def finish(child):
    """Waits for the REPL to exit; returns its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_multi_line_statement(store, tmp_path):
    path, count = store
    child = repl(path, tmp_path / "history")
    child.sendline("SELECT count(*)")
    child.expect_exact(CONTINUATION)
    child.sendline("FROM ad_insights;")
    child.expect_exact(f" {count} │")
    child.expect_exact("1 row")
    child.expect_exact(PROMPT)
    child.sendline(".quit")
    assert finish(child) == 0


def test_dot_commands(store, tmp_path):
    path, count = store
    child = repl(path, tmp_path / "history")
    child.sendline(".tables")
    child.expect(r"ad_insights\s+[\d,]+ rows")
    child.expect_exact(PROMPT)
    child.sendline(".mode csv")
    child.expect_exact(PROMPT)
    child.sendline("SELECT count(*) AS n FROM ad_insights;")
    child.expect_exact(f"n\r\n{count}\r\n")
    child.expect_exact(PROMPT)
    child.sendline(".timer on")
    child.expect_exact(PROMPT)
    child.sendline("SELECT 1 AS one FROM ad_insights LIMIT 1;")
    child.expect(r"Run Time: \d+\.\d{3} s")
    child.expect_exact(PROMPT)
    child.sendline(".nonsense")
    child.expect_exact("Error: unknown command '.nonsense' (.help lists the commands)")
    child.expect_exact(PROMPT)
    child.sendline(".exit")
    assert finish(child) == 0


def test_error_prints_the_message_and_the_repl_goes_on(store, tmp_path):
    path, count = store
    child = repl(path, tmp_path / "history")
    child.sendline("SELECT nope FROM ad_insights;")
    child.expect_exact("Error: line 1, column 8: unknown column 'nope'")
    child.expect_exact("  SELECT nope FROM ad_insights;\r\n         ^")
    child.expect_exact(PROMPT)
    child.sendline("SELECT spnd FROM ad_insights;")
    child.expect_exact("unknown column 'spnd'; did you mean 'spend'?")
    child.expect_exact(PROMPT)
    child.sendline("SELECT count(*) AS n FROM ad_insights;")
    child.expect_exact(f" {count} │")
    child.expect_exact(PROMPT)
    child.sendline(".quit")
    assert finish(child) == 0, "errors seen at the terminal do not make the exit status"


def test_history_persists_and_up_arrow_reruns_the_last_statement(store, tmp_path):
    path, count = store
    history = tmp_path / "history"
    child = repl(path, history)
    child.sendline(".mode csv")
    child.expect_exact(PROMPT)
    child.sendline("SELECT count(*) AS n")
    child.expect_exact(CONTINUATION)
    child.sendline("FROM ad_insights;")
    child.expect_exact(f"n\r\n{count}\r\n")
    child.expect_exact(PROMPT)
    child.sendline(".quit")
    assert finish(child) == 0
    # The multi-line statement is one entry; .quit is not kept (Up would offer it first next time).
    assert history.read_text().splitlines() == [".mode csv", "SELECT count(*) AS n FROM ad_insights;"]

    child = repl(path, history)
    child.send(UP_ARROW)
    child.send("\r")
    child.expect_exact(f" {count} │")  # a new session starts in table mode
    child.expect_exact(PROMPT)
    child.sendcontrol("d")
    assert finish(child) == 0
    assert history.read_text().splitlines()[-1] == "SELECT count(*) AS n FROM ad_insights;"


def test_ctrl_r_searches_the_history(store, tmp_path):
    path, count = store
    history = tmp_path / "history"
    history.write_text("SELECT count(*) AS searched FROM ad_insights;\nSELECT 1 AS other FROM ad_insights LIMIT 1;\n")
    child = repl(path, history)
    child.sendcontrol("r")
    child.send("searched")
    child.send("\r")
    child.expect_exact(f" {count} │")
    child.expect_exact(PROMPT)
    child.sendcontrol("d")
    assert finish(child) == 0


def test_tab_completes_tables_and_columns(store, tmp_path):
    path, count = store
    child = repl(path, tmp_path / "history")
    child.send("SELECT count(*) AS n FROM ad_ins\t")
    child.send(";\r")
    child.expect_exact(f" {count} │")
    child.expect_exact(PROMPT)
    child.send("SELECT campaign_na\t")
    child.send("FROM kpi_campaign_total ORDER BY 1 LIMIT 1;\r")
    child.expect_exact("campaign_name")
    child.expect_exact("1 row")
    child.expect_exact(PROMPT)
    child.sendcontrol("d")
    assert finish(child) == 0


def test_ctrl_d_exits_cleanly_even_mid_statement(store, tmp_path):
    path, _ = store
    child = repl(path, tmp_path / "history")
    child.sendline("SELECT count(*)")
    child.expect_exact(CONTINUATION)
    child.sendcontrol("d")
    assert finish(child) == 0
    assert "Error" not in child.before


def test_ctrl_c_drops_the_unfinished_statement_and_the_repl_goes_on(store, tmp_path):
    path, count = store
    child = repl(path, tmp_path / "history")
    child.sendline("SELECT nope")
    child.expect_exact(CONTINUATION)
    child.send("FROM nowhere")
    child.expect_exact("nowhere")  # as a person would: Ctrl-C after the text is on the screen
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendline("SELECT count(*) AS n FROM ad_insights;")
    child.expect_exact(f" {count} │")
    child.expect_exact(PROMPT)
    assert "Error" not in child.before
    child.sendcontrol("d")
    assert finish(child) == 0


def test_bare_aurum_starts_the_repl_on_a_terminal(store, tmp_path):
    path, count = store
    child = spawn([], tmp_path / "history", AURUM_STORE=str(path))
    child.sendline("SELECT count(*) AS n FROM ad_insights;")
    child.expect_exact(f" {count} │")
    child.expect_exact(PROMPT)
    child.sendline(".quit")
    assert finish(child) == 0


def test_bare_aurum_off_a_terminal_prints_the_help():
    result = subprocess.run([AURUM], input="", capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "USAGE: aurum <subcommand>" in result.stdout
    assert "repl" in result.stdout


def test_piped_stdin_prints_results_without_prompts(store):
    path, count = store
    script = ("select 1+1 as two from kpi_campaign_total limit 1;\n"
              ".mode csv\n"
              "SELECT count(*) AS n\n  FROM ad_insights; -- a comment; with a semicolon\n"
              "SELECT 'a;b' AS s FROM ad_insights LIMIT 1\n")
    result = subprocess.run([AURUM, "repl", "--store", str(path)], input=script, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:5] == ["┌────────┐", "│ two    │", "│ bigint │", "├────────┤", "│      2 │"]
    assert lines[-4:] == ["n", count, "s", "a;b"], "the last statement may lack its ';'"
    assert "aurum>" not in result.stdout and "...>" not in result.stdout and "\x1b" not in result.stdout


def test_piped_stdin_errors_go_to_stderr_and_set_the_exit_status(store):
    path, count = store
    result = subprocess.run([AURUM, "repl", "--store", str(path)], input=".mode csv\nSELECT nope FROM ad_insights;\n"
                            "SELECT count(*) AS n FROM ad_insights;\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == f"n\n{count}\n"
    assert result.stderr.startswith("Error: line 1, column 8: unknown column 'nope'")


def test_read_runs_a_file_and_output_redirects(store, tmp_path):
    path, count = store
    script = tmp_path / "script.sql"
    out = tmp_path / "out.csv"
    script.write_text(f".mode csv\n.output {out}\nSELECT count(*) AS n FROM ad_insights;\n.output\n")
    result = subprocess.run([AURUM, "repl", "--store", str(path)], input=f".read {script}\nSELECT 7 AS seven FROM ad_insights LIMIT 1;\n",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.read_text() == f"n\n{count}\n"
    assert result.stdout == "seven\n7\n", "settings made by .read last; .output was reset"
