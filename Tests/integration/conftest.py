"""Shared fixtures for the end-to-end tests: the aurum binary, generated Bronze trees and the DuckDB oracle.

The tests drive the real `aurum` executable (AURUM_BIN, default .build/debug/aurum, built by `make test`)
and compare what it exports with an independent DuckDB implementation of the data contract
(Tests/reference/contract_duckdb.py).
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "Tests" / "reference"))

import compare  # noqa: E402

AURUM = os.environ.get("AURUM_BIN", str(REPO / ".build" / "debug" / "aurum"))
GOLD_TABLES = ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"]
COMPARED_TABLES = ["ad_insights", "quarantine"] + GOLD_TABLES


def aurum(*args, store=None, check=True, timeout=600):
    """Runs aurum with `args` (and --store); returns the CompletedProcess."""
    command = [AURUM, *map(str, args)]
    if store is not None:
        command += ["--store", str(store)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def ingest(store, *paths, check=True):
    """`aurum ingest --json`; returns (summary dict, CompletedProcess)."""
    result = aurum("ingest", "--json", *paths, store=store, check=check)
    summary = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    if summary is not None:
        assert summary["totals"]["identity_holds"], summary
    return summary, result


def export_all(store, directory, tables=COMPARED_TABLES, guard="quote"):
    """Exports `tables` as CSV into `directory`; returns {table: path}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for table in tables:
        path = directory / f"{table}.csv"
        aurum("export", table, "--out", path, "--formula-guard", guard, store=store)
        paths[table] = path
    return paths


def generate(out, seed, rows, *extra):
    subprocess.run([sys.executable, str(REPO / "datasets" / "generate.py"), "--out", str(out), "--seed", str(seed),
                    "--rows", str(rows), *map(str, extra)], check=True, capture_output=True, text=True)
    return Path(out)


def reference(out, *runs):
    """Runs the DuckDB oracle over `runs` (each a path ingested as one run); returns its output dir."""
    subprocess.run([sys.executable, str(REPO / "Tests" / "reference" / "contract_duckdb.py"), "--out", str(out),
                    *map(str, runs)], check=True, capture_output=True, text=True)
    return Path(out)


ORACLE_FILE = {"ad_insights": "silver.csv"}


def assert_matches_oracle(exports, oracle_dir, tables=COMPARED_TABLES, columns=None):
    """Every exported table equals the oracle's (doubles within 1e-9 relative)."""
    for table in tables:
        expected = Path(oracle_dir) / ORACLE_FILE.get(table, f"{table}.csv")
        spec = compare.table_spec(table)
        cols = columns(table) if columns else None
        if cols is None and table == "quarantine":
            cols = ["file_id", "row", "source", "reason"]
        result = compare.compare_files(str(expected), str(exports[table]), spec, columns=cols)
        assert result.equal, result.report()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The bundled sample (datasets/sample) ingested once; for tests that only read it."""
    store = tmp_path_factory.mktemp("sample-store") / "store"
    ingest(store, REPO / "datasets" / "sample")
    return store


@pytest.fixture(scope="session")
def messy_tree(tmp_path_factory):
    """A messy generated Bronze tree (every quarantine reason, restatements, in-file duplicates)."""
    return generate(tmp_path_factory.mktemp("messy") / "bronze", 20241124, 12000, "--messy")


@pytest.fixture(scope="session")
def messy_oracle(tmp_path_factory, messy_tree):
    return reference(tmp_path_factory.mktemp("oracle") / "out", messy_tree)


@pytest.fixture(scope="session")
def messy_store(tmp_path_factory, messy_tree):
    """The messy tree ingested in one run, and its exports."""
    store = tmp_path_factory.mktemp("store") / "store"
    summary, _ = ingest(store, messy_tree)
    exports = export_all(store, tmp_path_factory.mktemp("exports"))
    return store, summary, exports


def runs_of(tree, count):
    """Splits `tree`'s files into `count` consecutive runs in ingest (byte-wise path) order, as file lists."""
    files = sorted((str(p) for p in Path(tree).rglob("*") if p.is_file()), key=lambda s: s.encode())
    size = (len(files) + count - 1) // count
    return [files[i:i + size] for i in range(0, len(files), size)]


def copy_tree(source, destination):
    shutil.copytree(source, destination)
    return Path(destination)


# Lines a test wants in the run's final report (what it ran, what it did not compare and why), shown whether it
# passes or fails: pytest captures a test's own output and shows it only on failure.
SUMMARY_LINES = pytest.StashKey[list]()


@pytest.fixture
def report_line(request):
    """`report_line(text)` adds a line to the run's terminal summary."""
    return request.config.stash.setdefault(SUMMARY_LINES, []).append


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(SUMMARY_LINES, [])
    if lines:
        terminalreporter.section("summary lines from the tests")
        for line in lines:
            terminalreporter.write_line(line)
