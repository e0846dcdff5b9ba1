"""End-to-end tests of the smaller CLI and query-language items of issue 12, through the real binary over the
bundled sample (whose campaign names start with = + - @ on purpose):

* CSV from `aurum query`, `aurum ask` and the REPL's `.mode csv` writes text as stored; `--formula-guard quote`
  (`.formulaguard quote` in the REPL) adds the spreadsheet guard, which `aurum export` keeps by default;
* `aurum schema` lists every table as `.schema` does, and an unknown table gets a "did you mean";
* `SELECT` without `FROM`; `EXPLAIN [ANALYZE] SELECT …` as a statement;
* read-only constructs Aurum does not support say "not supported" with their position, never "read-only".
"""
import os
import re
import subprocess

import pytest

from conftest import AURUM, aurum

TODAY = "2024-04-15"
FORMULA_LIKE = "@loja.oficial | Stories"
SPEND_BY_CAMPAIGN = "SELECT campaign_name, sum(spend) AS spend FROM kpi_campaign_total GROUP BY campaign_name ORDER BY 1"


@pytest.fixture
def store(sample_store):
    return sample_store


def query(store, sql, *options, check=True):
    return aurum("query", sql, "--today", TODAY, *options, store=store, check=check)


def repl(store, script):
    """A piped REPL session (no terminal): (exit status, stdout, stderr)."""
    result = subprocess.run([AURUM, "repl", "--store", str(store), "--today", TODAY], input=script,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def offline_environment(tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("AURUM_LLM_") and key != "TOGETHER_API_KEY"}
    environment["AURUM_CONFIG"] = str(tmp_path / "no-config.json")
    return environment


# -- the formula guard -------------------------------------------------------------------------------------------

def test_query_csv_writes_text_as_stored_unless_guarded(store):
    plain = query(store, SPEND_BY_CAMPAIGN, "--format", "csv").stdout.splitlines()
    guarded = query(store, SPEND_BY_CAMPAIGN, "--format", "csv", "--formula-guard", "quote").stdout.splitlines()
    assert any(line.startswith(FORMULA_LIKE + ",") for line in plain), plain
    assert any(line.startswith("'" + FORMULA_LIKE + ",") for line in guarded), guarded
    assert not any(line.startswith("'") for line in plain)
    assert query(store, SPEND_BY_CAMPAIGN, "--format", "csv", "--formula-guard", "none").stdout.splitlines() == plain
    # The same rows otherwise: exactly one ' more on each formula-like text.
    assert len(plain) == len(guarded)
    for line, guarded_line in zip(plain, guarded):
        text = line.lstrip('"')
        expected = line.replace(text, "'" + text, 1) if text[:1] in ("=", "+", "-", "@", "'") else line
        assert guarded_line == expected


def test_export_guards_by_default(store, tmp_path):
    guarded = aurum("export", "kpi_campaign_total", store=store).stdout
    plain = aurum("export", "kpi_campaign_total", "--formula-guard", "none", store=store).stdout
    assert ",'" + FORMULA_LIKE + "," in guarded
    assert ",'" not in plain and "," + FORMULA_LIKE + "," in plain


def test_ask_csv_follows_the_same_option(store, tmp_path):
    command = [AURUM, "ask", "--store", str(store), "--today", TODAY, "--offline", "--format", "csv"]
    environment = offline_environment(tmp_path)
    plain = subprocess.run(command + ["spend by campaign"], capture_output=True, text=True, timeout=120, env=environment)
    assert plain.returncode == 0, plain.stderr
    guarded = subprocess.run(command + ["--formula-guard", "quote", "spend by campaign"], capture_output=True,
                             text=True, timeout=120, env=environment)
    assert guarded.returncode == 0, guarded.stderr
    assert "\n" + FORMULA_LIKE + "," in plain.stdout and "\n'" not in plain.stdout
    assert "\n'" + FORMULA_LIKE + "," in guarded.stdout
    # The query it wrote (on stderr, last line) gives the same CSV through `aurum query`.
    written = plain.stderr.strip().splitlines()[-1]
    assert query(store, written, "--format", "csv").stdout == plain.stdout
    assert query(store, written, "--format", "csv", "--formula-guard", "quote").stdout == guarded.stdout


def test_repl_csv_mode_guards_only_when_asked(store):
    sql = f"SELECT campaign_name FROM kpi_campaign_total WHERE campaign_name = '{FORMULA_LIKE}' LIMIT 1;\n"
    status, out, err = repl(store, ".mode csv\n" + sql + ".formulaguard\n.formulaguard quote\n" + sql
                            + ".formulaguard\n.formulaguard none\n" + sql)
    assert (status, err) == (0, "")
    assert out == (f"campaign_name\n{FORMULA_LIKE}\nformulaguard: none\ncampaign_name\n'{FORMULA_LIKE}\n"
                   f"formulaguard: quote\ncampaign_name\n{FORMULA_LIKE}\n")


# -- schema ------------------------------------------------------------------------------------------------------

TABLES = ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total", "ad_insights", "quarantine",
          "bronze_files", "bronze_rows", "fx_rates", "clients"]


def test_schema_without_a_table_lists_every_table_as_the_repl_does(store):
    listing = aurum("schema", store=store).stdout
    blocks = listing.rstrip("\n").split("\n\n")
    assert [block.split()[0] for block in blocks] == TABLES
    for table, block in zip(TABLES, blocks):
        assert aurum("schema", table, store=store).stdout.rstrip("\n") == block
    # Gold's KPI ratios are columns a query can use.
    assert re.search(r"^  roas +DOUBLE +NULL$", blocks[1], re.M)
    status, out, err = repl(store, ".schema\n")
    assert (status, err, out) == (0, "", listing)


@pytest.mark.parametrize("name,suggestion", [("kpi_weekly", "kpi_campaign_weekly"), ("KPI_Daily", "kpi_campaign_daily"),
                                             ("ad_insight", "ad_insights")])
def test_schema_of_an_unknown_table_suggests_the_nearest(store, name, suggestion):
    result = aurum("schema", name, store=store, check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (f"aurum: error: unknown table '{name}'; did you mean '{suggestion}'? "
                                     "(aurum tables lists them)")
    status, _, err = repl(store, f".schema {name}\n")
    assert status == 1
    assert err.strip() == f"Error: unknown table '{name}'; did you mean '{suggestion}'? (.tables lists them)"


def test_schema_of_nothing_close_suggests_nothing(store):
    result = aurum("schema", "silver", store=store, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == "aurum: error: unknown table 'silver' (aurum tables lists them)"


# -- SELECT without FROM and EXPLAIN -----------------------------------------------------------------------------

def test_select_without_from_returns_one_row(store):
    assert query(store, "SELECT 1+1", "--format", "csv").stdout == "1+1\n2\n"
    assert query(store, "SELECT 1 AS one WHERE false", "--format", "csv").stdout == "one\n"
    assert query(store, "SELECT count(*) AS n, current_date AS today", "--format", "json").stdout == (
        '[\n  {"n": 1, "today": "2024-04-15"}\n]\n')
    assert "1 row" in query(store, "SELECT 1 + 1 AS two").stdout
    status, out, err = repl(store, ".mode csv\nSELECT 'a' || 'b' AS ab;\n")
    assert (status, out, err) == (0, "ab\nab\n", "")


EXPLAINED = ("SELECT campaign_name, sum(spend) AS spend FROM ad_insights WHERE date >= '2024-03-01' "
             "GROUP BY 1 ORDER BY 2 DESC LIMIT 3")


def untimed(plan):
    """EXPLAIN ANALYZE's text without the times after its steps (` (1.23 ms)`), which change from run to run."""
    return re.sub(r" \(\d+\.\d\d ms\)$", "", plan, flags=re.MULTILINE)


def test_explain_analyze_prints_what_aurum_explain_prints(store):
    explained = aurum("explain", EXPLAINED, store=store).stdout
    assert explained.startswith("SCAN ad_insights columns [")
    assert re.search(r"^HASH AGGREGATE by \[campaign_name\] computing \[sum\(spend\)\] \(\d+\.\d\d ms\)$", explained, re.MULTILINE)
    assert untimed(query(store, "EXPLAIN ANALYZE " + EXPLAINED).stdout) == untimed(explained)
    # Whatever the format: the plan is text.
    assert untimed(query(store, "explain analyze " + EXPLAINED + ";", "--format", "json").stdout) == untimed(explained)


def test_explain_prints_the_plan_without_the_run(store):
    plan = untimed(aurum("explain", EXPLAINED, store=store).stdout).split("\n\n")[0] + "\n"
    assert query(store, "EXPLAIN " + EXPLAINED).stdout == plan
    assert "rows:" not in plan and "TOP-N by 1 key keeping 3 rows" in plan
    status, out, err = repl(store, ".mode csv\nEXPLAIN " + EXPLAINED + ";\nEXPLAIN SELECT 1 AS one;\n")
    assert (status, err) == (0, "")
    assert out == plan + "ONE ROW (no FROM)\nPROJECT [one]\n"


# -- refusals ----------------------------------------------------------------------------------------------------

UNSUPPORTED = [
    ("WITH RECURSIVE r AS (SELECT 1 AS n) SELECT * FROM r", 1, 6,
     "recursive CTEs (WITH RECURSIVE) are not supported; only plain WITH name AS (SELECT …)"),
    ("SELECT source FROM ad_insights EXCEPT SELECT source FROM quarantine", 1, 32,
     "EXCEPT is not supported; UNION ALL and UNION are"),
    ("SELECT 1 FROM ad_insights a RIGHT JOIN quarantine q ON a.file_id = q.file_id", 1, 29,
     "RIGHT JOIN is not supported; swap the two tables and write LEFT JOIN"),
    ("SELECT * FROM ad_insights, quarantine", 1, 26,
     "FROM a, b (a cross join) is not supported; write a JOIN … ON a.x = b.y"),
    ("SELECT (SELECT 1)", 1, 9,
     "scalar subqueries are not supported; a subquery may stand in FROM or in IN (SELECT …) (or compute it in a WITH query and JOIN it)"),
    ("SELECT count(*) FROM ad_insights a WHERE file_id IN (SELECT file_id FROM quarantine q WHERE q.source = a.source)", 1, 104,
     "'a' is a FROM item of the query around the subquery; a subquery cannot refer to it (correlated subqueries are not supported): JOIN instead"),
    ("SELECT campaign_name,\n  sum(spend) OVER (ORDER BY date GROUPS 1 PRECEDING) FROM ad_insights", 2, 34,
     "GROUPS frames are not supported; use ROWS BETWEEN … or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"),
    ("SELECT source FROM ad_insights WINDOW w AS (ORDER BY date)", 1, 32,
     "named windows (WINDOW) are not supported; write the window in OVER (…)"),
    ("DESCRIBE ad_insights", 1, 1, "DESCRIBE is not supported; use aurum schema TABLE (.schema TABLE in the REPL)"),
    ("SHOW TABLES", 1, 1, "SHOW is not supported; use aurum tables (.tables in the REPL) and aurum schema TABLE"),
    ("EXPLAIN EXPLAIN SELECT 1", 1, 9, "EXPLAIN comes once, at the start of a statement, before a SELECT"),
    ("SELECT *", 1, 8, "SELECT * needs a FROM table"),
]


@pytest.mark.parametrize("sql,line,column,message", UNSUPPORTED, ids=[case[0].split()[0] + "-" + str(index)
                                                                      for index, case in enumerate(UNSUPPORTED)])
def test_unsupported_read_only_constructs_say_so_with_their_position(store, sql, line, column, message):
    result = query(store, sql, check=False)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"aurum: error: line {line}, column {column}: {message}"
    assert lines[1] == "  " + sql.splitlines()[line - 1]
    assert lines[2] == "  " + " " * (column - 1) + "^"
    assert "read-only" not in result.stderr
    # The REPL says the same, and goes on.
    status, out, err = repl(store, sql + ";\nSELECT 1 AS after;\n")
    assert status == 1
    assert err.splitlines()[0] == f"Error: line {line}, column {column}: {message}"
    assert out.endswith("1 row\n")


def test_writes_are_still_refused_as_writes(store):
    result = query(store, "DROP TABLE ad_insights", check=False)
    assert result.returncode == 1
    assert "only SELECT queries are allowed (Aurum's query language is read-only); DROP is not" in result.stderr
