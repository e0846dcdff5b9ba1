"""Bounded memory: an ingest whose rows outgrow `--memory-budget` commits in steps. Whatever the budget, the
store must come out byte for byte as one step makes it (every table's export, the summary's counts), and a kill
between steps must leave the earlier steps committed, the same ingest run again finishing the rest."""
import csv
import filecmp
import json
import random
import signal
import subprocess
import time

from conftest import AURUM, COMPARED_TABLES, SHARED, aurum, export_all, generate, runs_of

TABLES = COMPARED_TABLES + ["bronze_files"]
# The counts of the summary; `steps` differs on purpose, and the totals are the store's.
COUNTS = ["files_new", "files_skipped", "files_rejected", "bronze_rows", "silver_inserted", "silver_restated",
          "superseded_in_run", "quarantined", "totals"]


def ingest_with(store, budget, *paths):
    result = aurum("ingest", "--json", "--memory-budget", budget, *paths, store=store)
    summary = json.loads(result.stdout)
    assert summary["totals"]["identity_holds"], summary
    return summary


def without_ingested_at(path):
    """bronze_files' rows without ingested_at (each command's own clock)."""
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    drop = rows[0].index("ingested_at")
    return [row[:drop] + row[drop + 1:] for row in rows]


def assert_same_exports(expected, actual):
    for table in COMPARED_TABLES:
        assert filecmp.cmp(expected[table], actual[table], shallow=False), f"{table} differs"
    if "bronze_files" in expected:
        assert without_ingested_at(expected["bronze_files"]) == without_ingested_at(actual["bronze_files"])


def ingest_both_ways(tmp_path, runs, budget):
    """Ingests `runs` (lists of paths, one command each) with no budget and with `budget`; compares."""
    one, steps = tmp_path / "one", tmp_path / "steps"
    step_counts = []
    for paths in runs:
        whole = ingest_with(one, "none", *paths)
        bounded = ingest_with(steps, budget, *paths)
        assert whole["steps"] == 1
        step_counts.append(bounded["steps"])
        assert {key: bounded[key] for key in COUNTS} == {key: whole[key] for key in COUNTS}
    aurum("verify", store=steps)
    assert_same_exports(export_all(one, tmp_path / "one-csv", TABLES), export_all(steps, tmp_path / "steps-csv", TABLES))
    return step_counts


def test_the_shared_sample_a_page_a_step(tmp_path):
    # A budget of one byte holds one row: every page is its own step, never split.
    tree = SHARED / "samples" / "bronze-3k"
    pages = sum(1 for path in tree.rglob("*") if path.is_file())
    assert ingest_both_ways(tmp_path, [[tree]], "1") == [pages]


def test_a_messy_tree_in_two_commands_of_many_steps(tmp_path):
    # 50,000 messy rows (restatements, in-file duplicates, every quarantine reason) in two commands, so steps
    # restate rows of the earlier command and of their own; 2 MB falls mid-way through pages.
    tree = generate(tmp_path / "bronze", 7, 50000, "--messy")
    step_counts = ingest_both_ways(tmp_path, runs_of(tree, 2), "2MB")
    assert all(count >= 3 for count in step_counts), step_counts


def test_a_rebuild_in_steps_makes_the_store_of_one_step(tmp_path):
    # `aurum rebuild --memory-budget` gathers the re-read rows in steps, all committed at once: the store must
    # come out as the unbounded rebuild makes it, and as the ingest made it.
    tree = generate(tmp_path / "bronze", 11, 30000, "--messy")
    stores = {name: tmp_path / name for name in ("one", "steps")}
    for store in stores.values():
        for paths in runs_of(tree, 2):
            ingest_with(store, "none", *paths)
    ingested = export_all(stores["one"], tmp_path / "ingested-csv", TABLES)
    whole = json.loads(aurum("rebuild", "--json", "--memory-budget", "none", store=stores["one"]).stdout)
    bounded = json.loads(aurum("rebuild", "--json", "--memory-budget", "1MB", store=stores["steps"]).stdout)
    assert whole["steps"] == 1 and bounded["steps"] >= 3, (whole["steps"], bounded["steps"])
    assert bounded["totals"]["identity_holds"]
    assert {key: bounded[key] for key in COUNTS} == {key: whole[key] for key in COUNTS}
    aurum("verify", store=stores["steps"])
    rebuilt = export_all(stores["steps"], tmp_path / "steps-csv", TABLES)
    assert_same_exports(export_all(stores["one"], tmp_path / "one-csv", TABLES), rebuilt)
    assert_same_exports(ingested, rebuilt)
    # The text says the steps were gathered, not committed one by one; a second rebuild changes nothing.
    text = aurum("rebuild", "--memory-budget", "1MB", store=stores["steps"]).stdout
    assert f"read back in {bounded['steps']} steps, committed at once" in text, text
    assert_same_exports(ingested, export_all(stores["steps"], tmp_path / "again-csv", TABLES))
    refused = aurum("rebuild", "--gold-only", "--memory-budget", "1MB", store=stores["steps"], check=False)
    assert refused.returncode != 0 and "cannot go with --gold-only" in refused.stderr, refused.stderr


def test_an_invalid_budget_is_refused_by_name(tmp_path, messy_tree):
    result = aurum("ingest", "--memory-budget", "lots", messy_tree, store=tmp_path / "store", check=False)
    assert result.returncode != 0
    assert "invalid --memory-budget 'lots'" in result.stderr, result.stderr
    process = subprocess.run([AURUM, "ingest", "--store", str(tmp_path / "store"), str(messy_tree)], capture_output=True,
                             text=True, env={"AURUM_MEMORY_BUDGET": "-3GB", "PATH": "/usr/bin:/bin"})
    assert process.returncode != 0 and "invalid AURUM_MEMORY_BUDGET '-3GB'" in process.stderr, process.stderr
    assert not (tmp_path / "store").exists(), "refused before the store is touched"


def test_sigkill_between_steps_keeps_the_earlier_steps_and_a_rerun_finishes(tmp_path, messy_tree, messy_store):
    _, whole, uninterrupted = messy_store
    budget = "512KB"  # about 1,500 rows a step: some ten steps for the messy tree
    command = [AURUM, "ingest", "--memory-budget", budget, str(messy_tree)]
    started = time.monotonic()
    timing = ingest_with(tmp_path / "timing", budget, messy_tree)
    duration = time.monotonic() - started
    assert timing["steps"] >= 5, timing
    rng = random.Random(18)
    store = tmp_path / "store"
    partial = 0
    for _ in range(10):
        process = subprocess.Popen(command + ["--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if (store / "MANIFEST").exists():
            aurum("verify", store=store)  # every committed step reads back, checksums and identity hold
            # (A store killed before its first commit has no tables yet.)
            counted = aurum("query", "--format", "csv", "SELECT count(*) FROM bronze_files", store=store, check=False)
            assert counted.returncode == 0 or "unknown table 'bronze_files'" in counted.stderr, counted.stderr
            files = int(counted.stdout.split()[-1]) if counted.returncode == 0 else 0
            partial += 0 < files < whole["files_new"]
    # Killed with some steps committed and others not, at least once (the rest ran to the end or died early).
    assert partial >= 1
    rest = ingest_with(store, budget, messy_tree)
    assert rest["files_skipped"] + rest["files_new"] == whole["files_new"]
    assert rest["totals"] == whole["totals"]
    assert_same_exports(uninterrupted, export_all(store, tmp_path / "after", COMPARED_TABLES))


def test_a_step_that_fails_leaves_the_earlier_steps_committed_and_says_so(tmp_path):
    # Two rows of Int64.max impressions on one campaign-day, in two pages: alone each is valid, together their
    # Gold sum cannot be held. With a page a step, the first page is committed and the second step fails.
    def page(ad):
        row = {"account_id": "111", "account_currency": "BRL", "campaign_id": "c1", "ad_id": ad, "date_start": "2024-03-01",
               "date_stop": "2024-03-01", "impressions": "9223372036854775807", "clicks": "1", "spend": "1.00"}
        return json.dumps({"data": [row], "paging": {}})
    tree = tmp_path / "pages"
    tree.mkdir()
    (tree / "a.json").write_text(page("a1"))
    (tree / "b.json").write_text(page("a2"))
    store = tmp_path / "store"
    result = aurum("ingest", "--memory-budget", "1", tree, store=store, check=False)
    assert result.returncode == 1
    assert "the sum of impressions for campaign meta/111/c1 on 2024-03-01 is too large" in result.stderr, result.stderr
    assert "1 new file of this ingest was committed to" in result.stderr and "in 1 step" in result.stderr, result.stderr
    aurum("verify", store=store)
    kept = aurum("query", "--format", "csv", "SELECT path, rows FROM bronze_files", store=store).stdout.splitlines()
    assert kept == ["path,rows", f"{tree / 'a.json'},1"]
    assert aurum("query", "--format", "csv", "SELECT impressions FROM kpi_campaign_total", store=store).stdout.split() == \
        ["impressions", "9223372036854775807"]
