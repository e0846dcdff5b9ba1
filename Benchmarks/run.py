#!/usr/bin/env python3
"""Aurum against DuckDB on the same data, in the same run: the one benchmark command.

    python3 Benchmarks/run.py [--rows 1000000,10000000] [--reps 5] [--warmup 1] [--aurum PATH]
                              [--skip-build] [--work DIR] [--only ingest,storage,gold,incremental,queries,cores,cold,oneshot,export,roofline]
                              [--shapes default,pretty,small-pages,...]   (for --only ingest-shapes)

For each size it generates (or reuses) a messy Bronze tree with datasets/generate.py, then measures, in order:
  ingest    `aurum ingest` into a fresh store vs the DuckDB peer of the contract (Benchmarks/duckdb_contract.py)
            into a fresh database file; both must give the same Silver and quarantine counts;
  storage   Silver bytes on disk: Aurum's segments vs a DuckDB file holding only Silver vs Parquet+zstd, and
            each whole store (Bronze kept, Silver, quarantine, Gold), as the ingest left them;
  gold      `aurum rebuild --gold-only` vs DuckDB creating the three KPI tables from its Silver; peak RSS;
  incremental  one more day into a store holding every earlier day: the tree split at its last day (rows of
            that day thinned to the size of a day at 1M rows, so every size ingests a day of the same size),
            the earlier days ingested once (untimed), then `aurum ingest` of the day into a copy of that store,
            whole process; with several sizes, the ratio of the largest size's day to the 1M one's (target
            <= 1.5: a day costs in proportion to the day, not to the store);
  queries   eight analyst queries (two need the version-2 language: a window, a join), the same SQL text in both engines, on Aurum's store, on DuckDB's native
            table and on a DuckDB view over Parquet+zstd of the same Silver; results must agree;
  cores     each query on 1 core and on all cores, in both engines (speed-up and ratios);
  cold      a process that opens the store, runs one query and exits: `aurum query` vs the DuckDB CLI;
  oneshot   every query line as one whole process (`aurum query` vs the DuckDB CLI on its own file, default
            output, warm OS cache), on 1 core (`taskset -c 0`) and on all; both print the same rows;
  export    the daily Gold table as CSV in key order, whole process: `aurum export kpi_campaign_daily` vs DuckDB
            `COPY (... ORDER BY key) TO` a CSV file from its database; peak RSS; both write the same row count;
  roofline  the micro-benchmark package's single-column Double sum against memcpy (Benchmarks/Micro);
  ingest-shapes  (not run unless asked for) the ingest line again on each --shapes data shape of
            datasets/generate.py (pretty-printed pages, small pages, many batches, long names, many ids, 1 KB
            files, one big stream), each generated at the size (tiny-files and big-file capped: SHAPE_ROWS_MAX).
Every time is the median of --reps runs after --warmup runs (Aurum and DuckDB runs interleaved). Ratios are
Aurum/DuckDB: below 1.00, Aurum is faster (or smaller). One markdown table per size is printed and written to
Benchmarks/results/latest-<rows>.md, with every run's numbers in latest-<rows>.json beside it.

DuckDB's Silver is the peer's own (written in Aurum's storage order), checked equal to Aurum's: same counts
by quarantine reason, the same totals of every column, and the same answer to every benchmark query.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PEER = BENCH / "duckdb_contract.py"
GENERATOR = REPO / "datasets" / "generate.py"
RESULTS = BENCH / "results"
WORKLOADS = ["ingest", "storage", "gold", "incremental", "queries", "cores", "cold", "oneshot", "export", "roofline",
             "ingest-shapes"]  # run order
DEFAULT_WORKLOADS = [w for w in WORKLOADS if w != "ingest-shapes"]  # ingest-shapes: only when asked for
SHAPES = ["default", "pretty", "small-pages", "many-batches", "long-names", "many-ids", "tiny-files", "big-file"]
# Shapes whose layout does not scale to any size: a file a row (1M files at 1M rows), one file for everything
# (the parser's 4 GiB file limit). The line says when it ran at fewer rows than asked.
SHAPE_ROWS_MAX = {"tiny-files": 100_000, "big-file": 1_000_000}
# Settings under which DuckDB has the semantics of Aurum's language (docs/query-language.md).
DUCKDB_SETTINGS = ["SET ieee_floating_point_ops = false", "SET error_on_division_by_zero = false"]


class BenchmarkError(RuntimeError):
    """A step failed or the engines disagree: the run stops with this message."""


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.2f} ms"


def format_bytes(count: int | None) -> str:
    if count is None:
        return "—"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.2f} {unit}"
    return f"{count} B"


def ratio(numerator: float | None, denominator: float | None) -> str:
    if not numerator or not denominator:
        return "—"
    return f"{numerator / denominator:.2f}"


@dataclass
class Measured:
    """A process run: wall seconds, peak resident set (bytes) and what it printed."""
    seconds: float
    peak_rss: int
    stdout: str
    stderr: str


TIME = "/usr/bin/time"  # GNU time: reports the peak RSS of the command alone


def measure(command: list[str], *, capture: bool = True, rss: bool = False) -> Measured:
    """Runs a command to completion (or raises); wall seconds around the process, and with rss=True its
    peak resident set from GNU time. (ru_maxrss from wait4 would not do: a child forked from this
    process inherits this process's high-water mark through exec.)"""
    report = None
    if rss and os.access(TIME, os.X_OK):
        handle, report = tempfile.mkstemp(prefix="aurum-bench-rss-")
        os.close(handle)
        command = [TIME, "-v", "-o", report, *command]
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    peak = 0
    if report:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(report).read_text())
        os.unlink(report)
        peak = int(found.group(1)) * 1024 if found else 0
    if result.returncode != 0:
        raise BenchmarkError(f"{' '.join(map(str, command[:6]))} ... exited {result.returncode}\n"
                             f"{(result.stderr or '').strip()[-2000:]}")
    return Measured(seconds, peak, result.stdout or "", result.stderr or "")


def interleaved(runs: int, *commands) -> list[list]:
    """Calls each command in turn, `runs` times (A B A B ...); returns each one's results in order."""
    results = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            results[index].append(command())
    return results


# --------------------------------------------------------------------------------------------
# Setup: binaries, DuckDB CLI, datasets
# --------------------------------------------------------------------------------------------

# The binary `make install` ships (the Makefile's `static` target): release, the Swift runtime linked in, in its
# own scratch directory (never the default one: see the Makefile). Every Aurum line runs it, so the table measures
# what users run; its process start is about 10 ms shorter than the dynamically linked build's
# (docs/performance.md, "The installed binary").
STATIC_SCRATCH = REPO / ".build" / "static"
STATIC_BUILD = ["swift", "build", "-c", "release", "--product", "aurum", "--static-swift-stdlib",
                "--scratch-path", str(STATIC_SCRATCH)]
STATIC_BINARY = STATIC_SCRATCH / "release" / "aurum"
DYNAMIC_BINARY = REPO / ".build" / "release" / "aurum"


def build_aurum(args) -> tuple[Path, str]:
    """The aurum binary to measure and how it was built, for the report's header.

    --aurum as given; else the installed build (`make static`: release, --static-swift-stdlib, .build/static),
    built first unless --skip-build. With --skip-build and no static build, the dynamically linked
    `.build/release/aurum` is used, and the header says so (its process start is slower)."""
    if args.aurum:
        path = Path(args.aurum).resolve()
        build = "as given by --aurum"
    elif args.skip_build and not STATIC_BINARY.is_file() and DYNAMIC_BINARY.is_file():
        say(f"no {STATIC_BINARY.relative_to(REPO)}: measuring the dynamically linked {DYNAMIC_BINARY.relative_to(REPO)}")
        path, build = DYNAMIC_BINARY, "`-c release`, dynamically linked: not the installed build"
    else:
        path, build = STATIC_BINARY, "`-c release --static-swift-stdlib`, as `make install` ships it"
        if not args.skip_build:
            say("building Aurum as `make static` does: " + " ".join(STATIC_BUILD[:-1] + [".build/static"]))
            result = subprocess.run(STATIC_BUILD, cwd=REPO, capture_output=True, text=True)
            if result.returncode != 0:
                raise BenchmarkError("swift build --static-swift-stdlib failed:\n" + (result.stdout + result.stderr)[-3000:])
    if not path.is_file():
        raise BenchmarkError(f"no aurum binary at {path}; build it (make static) or pass --aurum")
    return path, build


def aurum_supports(aurum: Path, command: str, flag: str) -> bool:
    result = subprocess.run([str(aurum), command, "--help"], capture_output=True, text=True)
    return flag in result.stdout


def run_micro(args) -> tuple[dict | None, str | None]:
    """Builds and runs the micro-benchmark package; (its JSON, None) or (None, why it was skipped)."""
    if not (BENCH / "Package.swift").is_file():
        return None, "Benchmarks/Package.swift is not there yet (the micro-benchmark package)"
    if not args.skip_build:
        say("building the micro-benchmarks: swift build -c release --package-path Benchmarks")
        result = subprocess.run(["swift", "build", "-c", "release", "--package-path", str(BENCH)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            return None, "the micro-benchmark package did not build: " + (result.stdout + result.stderr).strip()[-300:]
    binary = BENCH / ".build" / "release" / "aurum-micro"
    if not binary.is_file():
        return None, f"no {binary.relative_to(REPO)} (build the package or drop --skip-build)"
    result = subprocess.run([str(binary), "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        return None, f"aurum-micro --json exited {result.returncode}: {result.stderr.strip()[-300:]}"
    try:
        report = json.loads(result.stdout)
        report["roofline"]["sum_double_gbps"], report["roofline"]["memcpy_gbps"]
    except (ValueError, KeyError, TypeError) as error:
        return None, f"aurum-micro --json printed no roofline numbers ({error})"
    return report, None


@dataclass
class DuckDBCli:
    """How the cold-start line runs DuckDB: the CLI (a version) or a Python child as the fallback."""
    binary: str | None
    version: tuple[int, int, int] | None
    label: str

    def settings(self) -> list[str]:
        if self.version and self.version < (2, 0, 0):
            return DUCKDB_SETTINGS[:1]  # before 2.0 a division by zero is NULL already; no such setting
        return DUCKDB_SETTINGS

    def storage_version(self) -> str | None:
        """The storage version to write the CLI's database with, when the CLI is older than the library."""
        library = tuple(int(p) for p in re.findall(r"\d+", duckdb.__version__)[:3])
        if self.version and self.version[:2] < library[:2]:
            return f"v{self.version[0]}.{self.version[1]}.0"
        return None


def is_native_executable(path: str) -> bool:
    """Whether `path` is a compiled program (ELF or Mach-O), not a script: `pip install duckdb-cli` puts a Python
    entry point named `duckdb` on PATH (behind pyenv, a shell shim in front of that), which starts Python and then
    the real binary -- about 0.4 s more per process than the CLI itself, which a one-shot line must not count."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError:
        return False
    return magic in (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


def duckdb_cli_candidates() -> list[str]:
    """The DuckDB CLI binaries to try, in order: `duckdb` on PATH when it is the program itself, then the one
    inside the `duckdb-cli` pip package (site-packages/duckdb_cli/duckdb)."""
    candidates = []
    on_path = shutil.which("duckdb")
    if on_path and is_native_executable(os.path.realpath(on_path)):
        candidates.append(on_path)
    try:
        import importlib.util
        spec = importlib.util.find_spec("duckdb_cli")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        packaged = Path(location) / "duckdb"
        if packaged.is_file() and os.access(packaged, os.X_OK) and is_native_executable(str(packaged)):
            candidates.append(str(packaged))
    return candidates


def find_duckdb_cli() -> DuckDBCli:
    for binary in duckdb_cli_candidates():
        result = subprocess.run([binary, "--version"], capture_output=True, text=True)
        found = re.search(r"v?(\d+)\.(\d+)\.(\d+)", result.stdout)
        if result.returncode == 0 and found:
            version = tuple(int(g) for g in found.groups())
            return DuckDBCli(binary, version, f"DuckDB CLI {'.'.join(map(str, version))}")
    return DuckDBCli(None, None, f"DuckDB {duckdb.__version__} in a Python child process "
                                 "(no duckdb CLI binary on PATH or in the duckdb-cli package: pip install duckdb-cli)")


def dataset(rows: int, work: Path, bronze: str | None, shape: str = "default") -> tuple[Path, dict]:
    """The Bronze tree for `rows`: --bronze as given, else generated once into work/bronze-<rows>
    (work/bronze-<rows>-<shape> for another --shape of datasets/generate.py)."""
    if bronze:
        return Path(bronze).resolve(), {"source": "given", "path": str(Path(bronze).resolve())}
    name = f"bronze-{rows}" + ("" if shape == "default" else f"-{shape}")
    tree, marker = work / name, work / f"{name}.json"
    if tree.is_dir() and marker.is_file():
        return tree, json.loads(marker.read_text())
    shutil.rmtree(tree, ignore_errors=True)
    partial = work / f"{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    say(f"generating {rows:,} Bronze rows into {tree} (datasets/generate.py --messy --seed 42 --shape {shape})")
    result = subprocess.run([sys.executable, str(GENERATOR), "--out", str(partial), "--seed", "42",
                             "--rows", str(rows), "--messy", "--shape", shape], capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchmarkError(f"datasets/generate.py failed:\n{result.stderr[-2000:]}")
    partial.rename(tree)
    info = json.loads(result.stdout.strip().splitlines()[-1])
    info["out"] = str(tree)
    marker.write_text(json.dumps(info, indent=2) + "\n")
    return tree, info


# --------------------------------------------------------------------------------------------
# One size: state shared by the workloads
# --------------------------------------------------------------------------------------------

@dataclass
class Size:
    rows: int
    bronze: Path
    work: Path
    aurum: Path
    reps: int
    warmup: int
    cli: DuckDBCli
    lines: list = field(default_factory=list)      # report lines (dicts)
    notes: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)       # counts, query parameters, versions
    shapes: list = field(default_factory=list)      # data shapes of the ingest-shapes workload

    @property
    def store(self) -> Path:
        return self.work / "aurum-store"

    @property
    def database(self) -> Path:
        return self.work / "duckdb.db"

    @property
    def parquet(self) -> Path:
        return self.work / "silver.parquet"

    @property
    def fresh_marker(self) -> Path:
        """Present while both stores are exactly as an ingest left them (no Gold rebuilt since)."""
        return self.work / "stores-fresh"

    def line(self, **values) -> None:
        self.lines.append(values)


def aurum_ingest(size: Size) -> Measured:
    size.fresh_marker.unlink(missing_ok=True)
    shutil.rmtree(size.store, ignore_errors=True)
    return measure([str(size.aurum), "ingest", "--json", "--store", str(size.store), str(size.bronze)], rss=True)


def duckdb_ingest(size: Size) -> Measured:
    """A fresh DuckDB database from the Bronze; files derived from the previous Silver are dropped."""
    for path in [size.database, Path(f"{size.database}.wal"), size.parquet, *size.work.glob("duckdb-*.db")]:
        path.unlink(missing_ok=True)
    shutil.rmtree(f"{size.database}.bronze", ignore_errors=True)
    return measure([sys.executable, str(PEER), "ingest", "--db", str(size.database), str(size.bronze)], rss=True)


def check_same_ingest(aurum: dict, peer: dict) -> dict:
    """Both engines made the same Silver and quarantine out of the same Bronze, or the run stops."""
    mine = {"bronze_rows": aurum["totals"]["bronze_rows"], "silver_rows": aurum["totals"]["silver_rows"],
            "quarantine_by_reason": dict(sorted(aurum["quarantined"].items()))}
    theirs = {"bronze_rows": peer["bronze_rows"], "silver_rows": peer["silver_rows"],
              "quarantine_by_reason": dict(sorted(peer["quarantine_by_reason"].items()))}
    if mine != theirs:
        raise BenchmarkError(f"Aurum and the DuckDB peer disagree on the ingest:\nAurum:  {mine}\nDuckDB: {theirs}")
    return theirs


def ensure_stores(size: Size, fresh: bool = False) -> None:
    """Both engines' stores, ingested once (untimed) if missing -- or, with fresh=True, if a Gold
    rebuild has touched them since (storage is measured on stores exactly as an ingest leaves them)."""
    stale = fresh and not size.fresh_marker.is_file()
    if stale or not (size.store / "MANIFEST").is_file() or not size.database.is_file():
        say("  ingesting once into both engines (untimed): " + ("the stores were changed since their ingest"
                                                            if stale else "no stores yet"))
        size.facts["ingest_counts"] = check_same_ingest(json.loads(aurum_ingest(size).stdout),
                                                        json.loads(duckdb_ingest(size).stdout))
        size.fresh_marker.touch()


# --------------------------------------------------------------------------------------------
# Workloads
# --------------------------------------------------------------------------------------------

def bench_ingest(size: Size) -> None:
    size.line(**ingest_line(size, "ingest: Bronze JSON → Silver + Gold"))


def bench_ingest_shapes(size: Size) -> None:
    """The ingest line on each shape of --shapes, each tree generated at the size (capped for two shapes),
    ingested into stores of its own; the shape's counts must agree between the engines as on the main line."""
    for shape in size.shapes:
        rows = min(size.rows, SHAPE_ROWS_MAX.get(shape, size.rows))
        bronze, info = dataset(rows, size.work.parent, None, shape)
        shaped = Size(rows, bronze, size.work / f"shape-{shape}", size.aurum, size.reps, size.warmup, size.cli)
        shaped.work.mkdir(parents=True, exist_ok=True)
        say(f"  shape {shape}: {info.get('rows', rows):,} Bronze rows in {bronze}")
        label = f"ingest, shape {shape}" + (f" (at {rows:,} rows)" if rows != size.rows else "")
        line = ingest_line(shaped, label)
        size.line(**line)
        size.facts.setdefault("ingest_shapes", {})[shape] = {
            "rows": rows, "bytes": tree_bytes(bronze), "files": sum(1 for p in bronze.rglob("*") if p.is_file()),
            "rows_per_second_ratio": line["aurum_rows_per_second"] / line["duckdb_rows_per_second"]}


def ingest_line(size: Size, label: str) -> dict:
    """`aurum ingest` against the DuckDB peer on `size`'s Bronze, interleaved: the report line."""
    reps = min(size.reps, 3) if size.rows >= 5_000_000 else size.reps
    warmup = min(size.warmup, 1)
    say(f"  {label}: {warmup} warm-up + {reps} runs each")
    aurum_runs, duck_runs = interleaved(warmup + reps, lambda: aurum_ingest(size), lambda: duckdb_ingest(size))
    aurum_runs, duck_runs = aurum_runs[warmup:], duck_runs[warmup:]
    aurum_summary = json.loads(aurum_runs[-1].stdout)
    peer_summary = json.loads(duck_runs[-1].stdout)
    counts = check_same_ingest(aurum_summary, peer_summary)
    size.fresh_marker.touch()
    size.facts["ingest_counts"] = counts
    aurum_time = median([r.seconds for r in aurum_runs])
    duck_time = median([json.loads(r.stdout)["elapsed_seconds"] for r in duck_runs])
    bronze = counts["bronze_rows"]
    return dict(line=label, aurum=aurum_time, duckdb=duck_time,
                aurum_rows_per_second=bronze / aurum_time, duckdb_rows_per_second=bronze / duck_time,
                note=f"Bronze rows/s: Aurum {bronze / aurum_time:,.0f}, DuckDB {bronze / duck_time:,.0f} "
                     f"(Aurum ingests {duck_time / aurum_time:.2f}× DuckDB's rows/s); peak RSS Aurum "
                     f"{format_bytes(median([r.peak_rss for r in aurum_runs]))}, DuckDB "
                     f"{format_bytes(median([r.peak_rss for r in duck_runs]))}",
                runs={"aurum_seconds": [r.seconds for r in aurum_runs],
                      "duckdb_seconds": [json.loads(r.stdout)["elapsed_seconds"] for r in duck_runs],
                      "duckdb_process_seconds": [r.seconds for r in duck_runs],
                      "duckdb_stage_seconds": peer_summary["timings"],
                      "aurum_peak_rss": [r.peak_rss for r in aurum_runs],
                      "duckdb_peak_rss": [r.peak_rss for r in duck_runs]})


def bench_gold(size: Size) -> None:
    if not aurum_supports(size.aurum, "rebuild", "--gold-only"):
        size.notes.append("Gold build skipped: this aurum has no `rebuild --gold-only`.")
        return
    ensure_stores(size)
    size.fresh_marker.unlink(missing_ok=True)  # the rebuilds leave replaced files behind
    say(f"  gold: {size.warmup} warm-up + {size.reps} runs each")
    aurum_runs, duck_runs = interleaved(
        size.warmup + size.reps,
        lambda: measure([str(size.aurum), "rebuild", "--gold-only", "--json", "--store", str(size.store)], rss=True),
        lambda: measure([sys.executable, str(PEER), "gold", "--db", str(size.database)], rss=True))
    aurum_runs, duck_runs = aurum_runs[size.warmup:], duck_runs[size.warmup:]
    aurum_rss, duck_rss = max(r.peak_rss for r in aurum_runs), max(r.peak_rss for r in duck_runs)
    baseline = measure([sys.executable, "-c", "import duckdb; duckdb.connect().close()"], rss=True).peak_rss
    size.line(line="Gold build: 3 KPI tables from Silver", aurum=median([r.seconds for r in aurum_runs]),
              duckdb=median([json.loads(r.stdout)["elapsed_seconds"] for r in duck_runs]),
              note=f"peak RSS Aurum {format_bytes(aurum_rss)}, DuckDB {format_bytes(duck_rss)} "
                   f"(Aurum/DuckDB {aurum_rss / duck_rss:.2f}; DuckDB's includes Python and the DuckDB "
                   f"library, {format_bytes(baseline)} before any work)",
              runs={"aurum_seconds": [r.seconds for r in aurum_runs],
                    "duckdb_seconds": [json.loads(r.stdout)["elapsed_seconds"] for r in duck_runs],
                    "aurum_peak_rss": [r.peak_rss for r in aurum_runs],
                    "duckdb_peak_rss": [r.peak_rss for r in duck_runs]})


# --------------------------------------------------------------------------------------------
# Incremental: one more day into a large store
# --------------------------------------------------------------------------------------------

INCREMENTAL_BASE_ROWS = 1_000_000  # the day ingested is the size of a day of a tree of this many rows


def _json_rows(path: Path, body):
    """(source, rows list, rebuild) for a Bronze page: rebuild(rows) gives the page holding only `rows`."""
    if isinstance(body, dict):
        return body.get("data", []), lambda rows: {**body, "data": rows}, lambda row: row.get("date_start")
    first = body[0] if body else {}
    rows = [result for batch in body for result in batch.get("results", [])]
    rest = {key: value for key, value in first.items() if key != "results"}
    return rows, lambda kept: [{"results": kept, **rest}], lambda row: (row.get("segments") or {}).get("date")


def split_last_day(bronze: Path, out: Path, keep_one_in: int) -> tuple[Path, Path, str]:
    """Splits `bronze` into out/earlier (every row not of the last day: files without such rows linked as they
    are) and out/day (the last day's rows, one in `keep_one_in` of them). Returns the two trees and the day."""
    marker = out / "split.json"
    if marker.is_file():
        facts = json.loads(marker.read_text())
        if facts.get("keep_one_in") == keep_one_in:
            return out / "earlier", out / "day", facts["day"]
    shutil.rmtree(out, ignore_errors=True)
    files = sorted((p for p in bronze.rglob("*.json") if p.is_file()), key=lambda p: str(p).encode())
    day_pattern = re.compile(rb'"(?:date_start|date)"\s*:\s*"(\d{4}-\d\d-\d\d)"')
    last = max(max((m.group(1) for m in day_pattern.finditer(p.read_bytes())), default=b"") for p in files).decode()
    kept = 0
    for path in files:
        relative = path.relative_to(bronze)
        raw = path.read_bytes()
        earlier_file, day_file = out / "earlier" / relative, out / "day" / relative
        earlier_file.parent.mkdir(parents=True, exist_ok=True)
        if f'"{last}"'.encode() not in raw:
            os.link(path, earlier_file) if path.stat().st_dev == out.stat().st_dev else shutil.copyfile(path, earlier_file)
            continue
        body = json.loads(raw)
        rows, rebuild, date_of = _json_rows(path, body)
        on_day = [row for row in rows if isinstance(row, dict) and date_of(row) == last]
        others = [row for row in rows if not (isinstance(row, dict) and date_of(row) == last)]
        thinned = on_day[::keep_one_in]
        kept += len(thinned)
        if others:
            earlier_file.write_text(json.dumps(rebuild(others), ensure_ascii=True, separators=(",", ":")))
        if thinned:
            day_file.parent.mkdir(parents=True, exist_ok=True)
            day_file.write_text(json.dumps(rebuild(thinned), ensure_ascii=True, separators=(",", ":")))
    marker.write_text(json.dumps({"day": last, "keep_one_in": keep_one_in, "day_rows": kept}) + "\n")
    return out / "earlier", out / "day", last


def bench_incremental(size: Size) -> None:
    keep_one_in = max(1, round(size.rows / INCREMENTAL_BASE_ROWS))
    earlier, day, last = split_last_day(size.bronze, size.work / "incremental", keep_one_in)
    base = size.work / "incremental-store"
    if not (base / "MANIFEST").is_file():
        say(f"  incremental: ingesting every day before {last} once (untimed)")
        shutil.rmtree(base, ignore_errors=True)
        measure([str(size.aurum), "ingest", "--json", "--store", str(base), str(earlier)])
    copy = size.work / "incremental-copy"

    def one_day() -> Measured:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy)
        return measure([str(size.aurum), "ingest", "--json", "--store", str(copy), str(day)], rss=True)

    say(f"  incremental: {size.warmup} warm-up + {size.reps} runs")
    runs = [one_day() for _ in range(size.warmup + size.reps)][size.warmup:]
    summary = json.loads(runs[-1].stdout)
    shutil.rmtree(copy, ignore_errors=True)
    seconds = median([r.seconds for r in runs])
    store_rows = json.loads((size.work / "incremental" / "split.json").read_text())
    size.facts["incremental"] = {"day": last, "day_bronze_rows": summary["bronze_rows"], "seconds": seconds,
                                 "keep_one_in": keep_one_in, **store_rows}
    INCREMENTAL_SECONDS[size.rows] = seconds
    note = (f"{summary['bronze_rows']:,} Bronze rows of {last} (1 in {keep_one_in} of the day's rows) into a store of "
            f"{summary['totals']['silver_rows'] - summary['silver_inserted']:,} Silver rows; peak RSS "
            f"{format_bytes(median([r.peak_rss for r in runs]))}")
    smallest = INCREMENTAL_SECONDS.get(INCREMENTAL_BASE_ROWS)
    if smallest and size.rows > INCREMENTAL_BASE_ROWS:
        note += f"; {size.rows // 1_000_000}M day / 1M day = {seconds / smallest:.2f} (target <= 1.50)"
    size.line(line="incremental: one more day (`aurum ingest`, whole process)", aurum=seconds, duckdb=None, note=note,
              runs={"aurum_seconds": [r.seconds for r in runs], "aurum_peak_rss": [r.peak_rss for r in runs]})


INCREMENTAL_SECONDS: dict[int, float] = {}


def duckdb_connection(size: Size, source: str):
    """A DuckDB connection on the native table ('native') or a view over Parquet+zstd ('parquet')."""
    if source == "native":
        con = duckdb.connect(str(size.database), read_only=True)
    else:
        con = duckdb.connect()
        con.execute(f"CREATE VIEW ad_insights AS SELECT * FROM read_parquet('{size.parquet}')")
    for setting in DUCKDB_SETTINGS:
        con.execute(setting)
    return con


def write_parquet(size: Size) -> None:
    """Silver as Parquet+zstd, in the stored order (the same as Aurum's)."""
    if not size.parquet.is_file():
        with duckdb.connect(str(size.database), read_only=True) as con:
            con.execute(f"COPY ad_insights TO '{size.parquet}' (FORMAT parquet, COMPRESSION zstd)")


def query_parameters(size: Size) -> dict:
    """Windows chosen from the data: the last full month, the last 90 days, the busiest account."""
    with duckdb.connect(str(size.database), read_only=True) as con:
        last = con.execute("SELECT max(date) FROM ad_insights").fetchone()[0]
        account = con.execute("""SELECT account_id FROM ad_insights GROUP BY 1
                                 ORDER BY count(*) DESC, account_id LIMIT 1""").fetchone()[0]
    month_end = last if (last + datetime.timedelta(days=1)).day == 1 else last.replace(day=1) - datetime.timedelta(days=1)
    return {"month_start": month_end.replace(day=1).isoformat(), "month_end": month_end.isoformat(),
            "window_start": (last - datetime.timedelta(days=89)).isoformat(), "window_end": last.isoformat(),
            "account_id": account}


def queries(p: dict) -> list[tuple[str, str]]:
    """(label, SQL): valid in Aurum's language and in DuckDB, with the same meaning."""
    return [
        ("month spend & ROAS by campaign",
         f"SELECT source, account_id, campaign_id, sum(spend) AS spend, sum(conversion_value) / sum(spend) AS roas "
         f"FROM ad_insights WHERE date BETWEEN '{p['month_start']}' AND '{p['month_end']}' "
         f"GROUP BY source, account_id, campaign_id ORDER BY spend DESC"),
        ("top 10 campaigns by CPA, last 90 days",
         f"SELECT source, account_id, campaign_id, sum(spend) AS spend, sum(conversions) AS conversions, "
         f"sum(spend) / sum(conversions) AS cpa FROM ad_insights "
         f"WHERE date BETWEEN '{p['window_start']}' AND '{p['window_end']}' "
         f"GROUP BY source, account_id, campaign_id HAVING sum(conversions) > 0 "
         f"ORDER BY cpa, source, account_id, campaign_id LIMIT 10"),
        ("daily spend series, one account",
         f"SELECT date, sum(spend) AS spend FROM ad_insights WHERE account_id = '{p['account_id']}' "
         f"GROUP BY date ORDER BY date"),
        ("count distinct ads per campaign",
         "SELECT source, account_id, campaign_id, count(DISTINCT ad_id) AS ads FROM ad_insights "
         "GROUP BY source, account_id, campaign_id ORDER BY ads DESC, source, account_id, campaign_id"),
        ("full-table sum(spend)", "SELECT sum(spend) AS spend FROM ad_insights"),
        ("weekly KPIs, all rows",
         "SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week, "
         "sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend, "
         "sum(conversions) AS conversions, sum(conversion_value) AS conversion_value, "
         "sum(clicks) / sum(impressions) AS ctr, sum(spend) / sum(clicks) AS cpc, "
         "1000 * sum(spend) / sum(impressions) AS cpm, sum(spend) / sum(conversions) AS cpa, "
         "sum(conversion_value) / sum(spend) AS roas FROM ad_insights GROUP BY 1, 2, 3, 4"),
        ("week-over-week spend change (window)",
         "WITH weekly AS (SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week, "
         "sum(spend) AS spend FROM ad_insights GROUP BY 1, 2, 3, 4) "
         "SELECT source, account_id, campaign_id, week, spend, "
         "spend - lag(spend) OVER (PARTITION BY source, account_id, campaign_id ORDER BY week) AS change "
         "FROM weekly"),
        ("join with a small table (each account's first day)",
         "WITH first_day AS (SELECT source, account_id, min(date) AS first_day FROM ad_insights GROUP BY 1, 2) "
         "SELECT f.first_day, sum(i.spend) AS spend, sum(i.conversions) AS conversions "
         "FROM ad_insights i JOIN first_day f ON i.source = f.source AND i.account_id = f.account_id "
         "GROUP BY 1 ORDER BY 1"),
    ]


# Lines whose SQL needs the version-2 language (WITH, windows, joins): skipped, with a note, for an aurum that
# refuses it, so older binaries still compare on the other lines.
VERSION_2_LINES = {"week-over-week spend change (window)", "join with a small table (each account's first day)"}


SILVER_CHECK = ("SELECT count(*) AS rows, count(DISTINCT ad_id) AS ads, count(DISTINCT campaign_id) AS campaigns, "
                "min(date) AS first, max(date) AS last, sum(impressions) AS impressions, sum(clicks) AS clicks, "
                "sum(spend) AS spend, sum(conversions) AS conversions, sum(conversion_value) AS value, "
                "count(conversion_action) AS with_action, sum(file_id) AS file_ids, sum(row) AS rows_sum "
                "FROM ad_insights")


def normalise(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def same_value(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def sort_key(row: tuple) -> tuple:
    # Floats rounded so that last-bit differences do not reorder rows; NULLs first.
    return tuple((0, "") if v is None else (1, round(v, 6)) if isinstance(v, float) else (1, v) for v in row)


def check_same_result(label: str, aurum_rows: list[tuple], duck_rows: list[tuple], where: str) -> None:
    """The two results are the same multiset of rows (doubles within 1e-9), or the run stops."""
    ours = sorted((tuple(normalise(v) for v in row) for row in aurum_rows), key=sort_key)
    theirs = sorted((tuple(normalise(v) for v in row) for row in duck_rows), key=sort_key)
    if len(ours) != len(theirs):
        raise BenchmarkError(f"{label}: Aurum returned {len(ours)} rows, DuckDB ({where}) {len(theirs)}")
    for mine, other in zip(ours, theirs):
        if len(mine) != len(other) or not all(same_value(a, b) for a, b in zip(mine, other)):
            raise BenchmarkError(f"{label}: Aurum and DuckDB ({where}) differ:\n  Aurum:  {mine}\n  DuckDB: {other}")


def aurum_query(size: Size, sql: str, repeat: int) -> tuple[list[tuple], list[float]]:
    """Runs the query `repeat` times in one aurum process; (rows, seconds of each run)."""
    measured = measure([str(size.aurum), "query", "--store", str(size.store), "--format", "json",
                        "--repeat", str(repeat), sql])
    times = [float(t) for t in re.findall(r"Run Time: ([0-9.]+) s", measured.stderr)]
    if repeat > 1 and len(times) != repeat:
        raise BenchmarkError(f"aurum query --repeat {repeat} printed {len(times)} 'Run Time' lines:\n{measured.stderr}")
    rows = [tuple(record.values()) for record in json.loads(measured.stdout)]
    return rows, times or [measured.seconds]


def duckdb_query(con, sql: str, repeat: int) -> tuple[list[tuple], list[float]]:
    """Runs the query `repeat` times; (rows, seconds of each run).

    Timed: `execute`, which runs the query and materialises the whole result inside DuckDB -- what
    Aurum's `Run Time` covers (the result as a columnar batch). Not timed: `fetchall`, the conversion
    into Python objects (on a 36,724-row result it takes about three times as long as the query)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = con.execute(sql)
        times.append(time.perf_counter() - started)
    return result.fetchall(), times


def bench_queries(size: Size) -> None:
    if not aurum_supports(size.aurum, "query", "--repeat"):
        size.notes.append("Queries skipped: this aurum has no `query --repeat`.")
        return
    ensure_stores(size)
    write_parquet(size)
    params = query_parameters(size)
    size.facts["query_parameters"] = params
    repeat = size.warmup + size.reps
    connections = {source: duckdb_connection(size, source) for source in ("native", "parquet")}
    try:
        # Not timed: the two Silver tables hold the same rows (every column's total agrees).
        aurum_rows, _ = aurum_query(size, SILVER_CHECK, 1)
        check_same_result("Silver totals", aurum_rows, connections["native"].execute(SILVER_CHECK).fetchall(), "native")
        size.facts["silver_totals"] = dict(zip(["rows", "ads", "campaigns", "first", "last", "impressions", "clicks",
                                                 "spend", "conversions", "value", "with_action", "file_ids",
                                                 "rows_sum"], map(normalise, aurum_rows[0])))
        for label, sql in queries(params):
            say(f"  query: {label}")
            try:
                aurum_rows, aurum_times = aurum_query(size, sql, repeat)
            except BenchmarkError as error:
                if label not in VERSION_2_LINES:
                    raise
                size.notes.append(f"Query '{label}' skipped: this aurum refuses it ({str(error).splitlines()[-1]}).")
                continue
            timings = {"aurum": aurum_times[size.warmup:] if len(aurum_times) > size.warmup else aurum_times}
            for source, con in connections.items():
                rows, times = duckdb_query(con, sql, repeat)
                check_same_result(label, aurum_rows, rows, source)
                timings[source] = times[size.warmup:]
            size.line(line=f"query: {label}", aurum=median(timings["aurum"]), duckdb=median(timings["native"]),
                      parquet=median(timings["parquet"]), note=f"{len(aurum_rows):,} row{'s' if len(aurum_rows) != 1 else ''}", sql=sql,
                      runs={f"{k}_seconds": v for k, v in timings.items()})
    finally:
        for con in connections.values():
            con.close()


def bench_cores(size: Size) -> None:
    """Each query on one core and on all of them, in both engines: Aurum with AURUM_THREADS=1 under
    `taskset -c 0` against its default; DuckDB with `SET threads = 1` (its process pinned the same way) against its
    default. Warm, in-process times (as the query lines), so the line shows how each engine's work scales."""
    if not aurum_supports(size.aurum, "query", "--repeat"):
        size.notes.append("Cores skipped: this aurum has no `query --repeat`.")
        return
    cores = os.cpu_count() or 1
    if cores < 2 or not shutil.which("taskset"):
        size.notes.append("Cores skipped: one core, or no taskset.")
        return
    ensure_stores(size)
    params = query_parameters(size)
    repeat = size.warmup + size.reps
    pinned = ["taskset", "-c", "0"]
    rows = []
    for label, sql in queries(params):
        say(f"  cores: {label}")
        timings = {}
        try:
            for name, prefix, threads in (("aurum_1", pinned, "1"), ("aurum_all", [], None)):
                env = {key: value for key, value in os.environ.items() if key != "AURUM_THREADS"}
                if threads:
                    env["AURUM_THREADS"] = threads
                measured = subprocess.run([*prefix, str(size.aurum), "query", "--store", str(size.store), "--format",
                                           "json", "--repeat", str(repeat), sql], capture_output=True, text=True, env=env)
                if measured.returncode != 0:
                    raise BenchmarkError(measured.stderr.strip().splitlines()[-1] if measured.stderr.strip() else "failed")
                times = [float(t) for t in re.findall(r"Run Time: ([0-9.]+) s", measured.stderr)]
                timings[name] = median(times[size.warmup:] or times)
        except BenchmarkError as error:
            if label not in VERSION_2_LINES:
                raise
            size.notes.append(f"Cores line '{label}' skipped: this aurum refuses it ({error}).")
            continue
        script = ("import duckdb, sys, time, statistics, json; con = duckdb.connect(sys.argv[1], read_only=True); "
                  "[con.execute(s) for s in sys.argv[2].split(';') if s.strip()]; t = []\n"
                  "for _ in range(int(sys.argv[4])):\n s = time.perf_counter(); con.execute(sys.argv[3]); "
                  "t.append(time.perf_counter() - s)\nprint(json.dumps(t))")
        for name, prefix, setting in (("duckdb_1", pinned, "SET threads = 1"), ("duckdb_all", [], "")):
            settings = "; ".join(DUCKDB_SETTINGS + ([setting] if setting else []))
            out = subprocess.run([*prefix, sys.executable, "-c", script, str(size.database), settings, sql, str(repeat)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                raise BenchmarkError(f"DuckDB cores run failed for {label}: {out.stderr.strip()[-500:]}")
            timings[name] = median(json.loads(out.stdout)[size.warmup:])
        rows.append({"line": label, **timings})
    size.facts["cores"] = {"count": cores, "lines": rows}


def cold_database(size: Size) -> Path:
    """The native Silver for the CLI, written in a storage version the CLI reads (when it is older)."""
    version = size.cli.storage_version()
    if version is None:
        return size.database
    path = size.work / f"duckdb-cli-{version}.db"
    if not path.is_file():
        with duckdb.connect() as con:
            con.execute(f"ATTACH '{size.database}' AS peer (READ_ONLY)")
            con.execute(f"ATTACH '{path}' AS cli (STORAGE_VERSION '{version}')")
            con.execute("CREATE TABLE cli.ad_insights AS SELECT * FROM peer.ad_insights")
            con.execute("DETACH cli")
    return path


def bench_cold(size: Size) -> None:
    ensure_stores(size)
    write_parquet(size)
    label, sql = queries(query_parameters(size))[0]
    settings = "; ".join(size.cli.settings())
    if size.cli.binary:
        database = cold_database(size)
        native = [size.cli.binary, "-readonly", str(database), "-c", f"{settings}; {sql}"]
        parquet = [size.cli.binary, "-c", f"CREATE VIEW ad_insights AS SELECT * FROM read_parquet('{size.parquet}'); "
                                          f"{settings}; {sql}"]
    else:
        script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1] or ':memory:', read_only=bool(sys.argv[1]));"
                  "[con.execute(s) for s in sys.argv[2].split(';') if s.strip()]; con.execute(sys.argv[3]).fetchall()")
        native = [sys.executable, "-c", script, str(size.database), "; ".join(DUCKDB_SETTINGS), sql]
        parquet = [sys.executable, "-c", script, "",
                   f"CREATE VIEW ad_insights AS SELECT * FROM read_parquet('{size.parquet}'); " + "; ".join(DUCKDB_SETTINGS), sql]
    # Each CLI prints its default: a table of the first rows and the row count (DuckDB's box shows 40 rows).
    aurum = [str(size.aurum), "query", "--store", str(size.store), sql]
    say(f"  cold start: {size.warmup} warm-up + {size.reps} runs each")
    runs = interleaved(size.warmup + size.reps, *[
        (lambda command=command: measure(command, capture=False)) for command in (aurum, native, parquet)])
    aurum_runs, native_runs, parquet_runs = (r[size.warmup:] for r in runs)
    size.line(line=f"cold start: open, one query ({label}), exit",
              aurum=median([r.seconds for r in aurum_runs]), duckdb=median([r.seconds for r in native_runs]),
              parquet=median([r.seconds for r in parquet_runs]), note=size.cli.label,
              runs={"aurum_seconds": [r.seconds for r in aurum_runs],
                    "native_seconds": [r.seconds for r in native_runs],
                    "parquet_seconds": [r.seconds for r in parquet_runs]})


def csv_result(text: str) -> list[tuple]:
    """The rows of a CSV result (header dropped), each cell typed for comparison: empty is NULL, then an integer,
    a double or the text."""
    def typed(cell: str):
        if cell == "":
            return None
        for kind in (int, float):
            try:
                return kind(cell)
            except ValueError:
                pass
        return cell
    return [tuple(typed(cell) for cell in row) for row in list(csv.reader(io.StringIO(text)))[1:]]


def check_same_csv(label: str, aurum_rows: list[tuple], duck_rows: list[tuple]) -> None:
    """The same multiset of rows (numbers within 1e-9, an integer equal to the same double), or the run stops."""
    def key(row: tuple) -> tuple:
        return tuple((0, "") if v is None else (1, repr(round(float(v), 6))) if isinstance(v, (int, float))
                     else (2, str(v)) for v in row)
    ours, theirs = sorted(aurum_rows, key=key), sorted(duck_rows, key=key)
    if len(ours) != len(theirs):
        raise BenchmarkError(f"one-shot {label}: Aurum printed {len(ours)} rows, the DuckDB CLI {len(theirs)}")
    for mine, other in zip(ours, theirs):
        if len(mine) != len(other) or not all(same_value(a, b) for a, b in zip(mine, other)):
            raise BenchmarkError(f"one-shot {label}: Aurum and the DuckDB CLI differ:\n  Aurum:  {mine}\n  DuckDB: {other}")


def bench_oneshot(size: Size) -> None:
    """Every query line as a user's script runs it: one whole process per query, `aurum query --store S "SQL"`
    against `duckdb -readonly FILE -c "SQL"` on the CLI's own database file of the same Silver, each printing its
    default table; the OS cache warm (untimed runs first), runs alternated; pinned to one core with
    `taskset -c 0`, then on all cores. Before timing, both print the query's result as CSV (untimed) and the rows
    must agree, so the line never compares different work."""
    if not size.cli.binary:
        size.notes.append("One-shot lines skipped: no DuckDB CLI binary (pip install duckdb-cli).")
        return
    ensure_stores(size)
    params = query_parameters(size)
    size.facts["query_parameters"] = params
    database = cold_database(size)
    settings = "; ".join(size.cli.settings())
    pinned = ["taskset", "-c", "0"] if shutil.which("taskset") else None
    warmup = max(1, size.warmup)
    lines = []
    for label, sql in queries(params):
        aurum = [str(size.aurum), "query", "--store", str(size.store), sql]
        duck = [size.cli.binary, "-readonly", str(database), "-c", f"{settings}; {sql}"]
        try:
            aurum_csv = measure(aurum[:2] + ["--format", "csv"] + aurum[2:]).stdout
        except BenchmarkError as error:
            if label not in VERSION_2_LINES:
                raise
            size.notes.append(f"One-shot '{label}' skipped: this aurum refuses it ({str(error).splitlines()[-1]}).")
            continue
        duck_csv = measure([duck[0], "-csv", "-nullvalue", "", *duck[1:]]).stdout
        aurum_rows = csv_result(aurum_csv)
        check_same_csv(label, aurum_rows, csv_result(duck_csv))
        say(f"  one-shot: {label}")
        timings = {}
        for cores, prefix in (("1", pinned), ("all", [])):
            if prefix is None:
                continue
            runs = interleaved(warmup + size.reps, *[(lambda command=command: measure([*prefix, *command], capture=False))
                                                     for command in (aurum, duck)])
            timings[f"aurum_{cores}"] = [r.seconds for r in runs[0][warmup:]]
            timings[f"duckdb_{cores}"] = [r.seconds for r in runs[1][warmup:]]
        lines.append({"line": label, "rows": len(aurum_rows), "sql": sql,
                      **{name: median(values) for name, values in timings.items()},
                      "runs": {f"{name}_seconds": values for name, values in timings.items()}})
    size.facts["oneshot"] = {"count": os.cpu_count() or 1, "cli": size.cli.label, "pinned": pinned is not None,
                             "lines": lines}


def bench_export(size: Size) -> None:
    """The daily Gold table written as CSV in key order, one whole process each: `aurum export
    kpi_campaign_daily --out F` against DuckDB (Python, its database file read-only) running `COPY (SELECT * FROM
    kpi_campaign_daily ORDER BY <key>) TO F (HEADER)`; peak RSS of both. The files must hold as many lines (the
    values are the Gold line's business; the spelling of doubles differs)."""
    ensure_stores(size)
    ours, theirs = size.work / f"export-aurum-{size.rows}.csv", size.work / f"export-duckdb-{size.rows}.csv"
    key = "source, account_id, campaign_id, date"
    script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True);"
              "[con.execute(s) for s in sys.argv[2].split(';') if s.strip()]; con.execute(sys.argv[3])")
    copy = f"COPY (SELECT * FROM kpi_campaign_daily ORDER BY {key}) TO '{theirs}' (HEADER)"
    aurum = [str(size.aurum), "export", "kpi_campaign_daily", "--store", str(size.store), "--out", str(ours)]
    duck = [sys.executable, "-c", script, str(size.database), "; ".join(DUCKDB_SETTINGS), copy]
    say(f"  export: {size.warmup} warm-up + {size.reps} runs each")
    aurum_runs, duck_runs = interleaved(size.warmup + size.reps, lambda: measure(aurum, rss=True), lambda: measure(duck, rss=True))
    aurum_runs, duck_runs = aurum_runs[size.warmup:], duck_runs[size.warmup:]
    counts = []
    for path in (ours, theirs):
        with open(path, "rb") as handle:
            counts.append(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b"")))
    if counts[0] != counts[1]:
        raise BenchmarkError(f"export: Aurum wrote {counts[0]:,} lines, DuckDB {counts[1]:,}")
    megabytes = ours.stat().st_size / 1e6
    ours.unlink()
    theirs.unlink()
    aurum_rss, duck_rss = max(r.peak_rss for r in aurum_runs), max(r.peak_rss for r in duck_runs)
    size.line(line=f"export: daily Gold as CSV in key order ({counts[0] - 1:,} rows, {megabytes:.0f} MB), whole process",
              aurum=median([r.seconds for r in aurum_runs]), duckdb=median([r.seconds for r in duck_runs]),
              note=f"peak RSS Aurum {format_bytes(aurum_rss)}, DuckDB {format_bytes(duck_rss)} (DuckDB's includes "
                   f"Python and the DuckDB library)",
              runs={"aurum_seconds": [r.seconds for r in aurum_runs], "duckdb_seconds": [r.seconds for r in duck_runs],
                    "aurum_peak_rss": [r.peak_rss for r in aurum_runs], "duckdb_peak_rss": [r.peak_rss for r in duck_runs]})


# Silver row orders DuckDB's copies are written in; the storage line keeps the smaller of each.
SILVER_ORDERS = {"Aurum's (month, source, account, ad, date)": "date_trunc('month', date), source, account_id, ad_id, date",
                 "key (source, account, ad, date)": "source, account_id, ad_id, date"}


def duckdb_silver_bytes(size: Size) -> dict:
    """{order: (bytes of a DuckDB file holding only Silver, bytes of Silver as Parquet+zstd)}."""
    sizes = {}
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{size.database}' AS peer (READ_ONLY)")
        for number, (name, order) in enumerate(SILVER_ORDERS.items()):
            database, parquet = size.work / f"duckdb-silver-{number}.db", size.work / f"silver-{number}.parquet"
            database.unlink(missing_ok=True)
            con.execute(f"ATTACH '{database}' AS silver")
            con.execute(f"CREATE TABLE silver.ad_insights AS SELECT * FROM peer.ad_insights ORDER BY {order}")
            con.execute("DETACH silver")
            con.execute(f"COPY (SELECT * FROM peer.ad_insights ORDER BY {order}) TO '{parquet}' "
                        "(FORMAT parquet, COMPRESSION zstd)")
            sizes[name] = (database.stat().st_size, parquet.stat().st_size)
            database.unlink()
            parquet.unlink()
    return sizes


def bench_storage(size: Size) -> None:
    ensure_stores(size, fresh=True)
    say("  storage")
    with duckdb.connect(str(size.database), read_only=True) as con:
        rows = con.execute("SELECT count(*) FROM ad_insights").fetchone()[0]
    sizes = duckdb_silver_bytes(size)
    (file_order, (duck_silver, _)) = min(sizes.items(), key=lambda item: item[1][0])
    (parquet_order, (_, parquet)) = min(sizes.items(), key=lambda item: item[1][1])
    aurum_silver = tree_bytes(size.store / "tables" / "ad_insights")
    size.facts["duckdb_silver_bytes_by_order"] = sizes
    size.line(line="storage: Silver bytes on disk", aurum=aurum_silver, duckdb=duck_silver, parquet=parquet,
              unit="bytes", note=f"bytes per Silver row: Aurum {aurum_silver / rows:.2f}, DuckDB file "
                                 f"{duck_silver / rows:.2f}, Parquet+zstd {parquet / rows:.2f}; DuckDB's in the "
                                 f"smaller of two row orders: {file_order} for the file, {parquet_order} for Parquet")
    whole_aurum = tree_bytes(size.store)
    bronze_dir = Path(f"{size.database}.bronze")
    whole_duck = size.database.stat().st_size + (tree_bytes(bronze_dir) if bronze_dir.is_dir() else 0)
    size.line(line="storage: whole store (Bronze kept + Silver + quarantine + Gold)", aurum=whole_aurum,
              duckdb=whole_duck, unit="bytes",
              note="DuckDB: its database file + Bronze as zstd Parquet (the peer's default)")


def bench_roofline(size: Size, micro: tuple[dict | None, str | None]) -> None:
    report, why = micro
    if report is None:
        size.notes.append(f"Roofline skipped: {why}.")
        return
    roof = report["roofline"]
    size.facts["micro"] = report
    size.line(line="roofline: sum of one Double column (Aurum kernel)", aurum=roof["sum_double_gbps"],
              unit="GB/s", note=f"memcpy of the same size {roof['memcpy_gbps']:.2f} GB/s; "
                                f"sum/memcpy {roof['sum_double_gbps'] / roof['memcpy_gbps']:.2f}")


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def cell(value, unit: str | None) -> str:
    if value is None:
        return "—"
    if unit == "bytes":
        return format_bytes(value)
    if unit == "GB/s":
        return f"{value:.2f} GB/s"
    return format_seconds(value)


def render(size: Size, header: dict) -> str:
    counts = size.facts.get("ingest_counts") or {}
    silver = size.facts.get("silver_totals", {}).get("rows") or counts.get("silver_rows")
    bronze = counts.get("bronze_rows") or size.facts.get("dataset", {}).get("rows")
    lines = [f"## Aurum vs DuckDB, `--rows {size.rows}`: "
             + (f"{bronze:,} Bronze rows" if bronze else "generated Bronze")
             + (f", {silver:,} Silver rows" if silver else ""), "",
             f"Aurum {header['aurum_revision']} ({header['aurum_build']}), DuckDB {header['duckdb']} (Python), "
             f"{size.cli.label} for cold start; {header['machine']}; {header['date']}. "
             f"Medians of {size.reps} runs after {size.warmup} warm-up"
             + (" (ingest: at most 3 runs)" if size.rows >= 5_000_000 else "") + ".",
             "Ratios are Aurum/DuckDB (time, or bytes): **below 1.00 Aurum is faster or smaller**.", "",
             "| line | Aurum | DuckDB native | Aurum/native | DuckDB Parquet+zstd | Aurum/Parquet | notes |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for item in size.lines:
        unit = item.get("unit")
        lines.append(f"| {item['line']} | {cell(item.get('aurum'), unit)} | {cell(item.get('duckdb'), unit)} | "
                     f"{ratio(item.get('aurum'), item.get('duckdb')) if unit != 'GB/s' else '—'} | "
                     f"{cell(item.get('parquet'), unit)} | {ratio(item.get('aurum'), item.get('parquet'))} | "
                     f"{item.get('note', '')} |")
    if size.notes:
        lines += [""] + [f"- {note}" for note in size.notes]
    scaling = size.facts.get("cores")
    if scaling and scaling["lines"]:
        count = scaling["count"]
        lines += ["", f"Cores: warm in-process query times on 1 core and on all {count} (Aurum `AURUM_THREADS=1` and "
                      "DuckDB `SET threads = 1`, each pinned with `taskset -c 0`; then both at their defaults).", "",
                  f"| query | Aurum 1 core | Aurum {count} cores | speed-up | DuckDB 1 core | DuckDB {count} cores | "
                  "speed-up | Aurum/DuckDB 1 core | Aurum/DuckDB all |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for item in scaling["lines"]:
            lines.append(f"| {item['line']} | {format_seconds(item['aurum_1'])} | {format_seconds(item['aurum_all'])} | "
                         f"{ratio(item['aurum_1'], item['aurum_all'])} | {format_seconds(item['duckdb_1'])} | "
                         f"{format_seconds(item['duckdb_all'])} | {ratio(item['duckdb_1'], item['duckdb_all'])} | "
                         f"{ratio(item['aurum_1'], item['duckdb_1'])} | {ratio(item['aurum_all'], item['duckdb_all'])} |")
    oneshot = size.facts.get("oneshot")
    if oneshot and oneshot["lines"]:
        count = oneshot["count"]
        lines += ["", f"One-shot: each query as one whole process, `aurum query --store S \"SQL\"` against "
                      f"{oneshot['cli']} (`duckdb -readonly FILE -c \"SQL\"` on its own database file), each printing "
                      "its default table, the OS cache warm, runs alternated; 1 core is `taskset -c 0`"
                      + ("" if oneshot["pinned"] else " (no taskset here: skipped)") + f", all is {count} cores.", "",
                  f"| query | rows | Aurum 1 core | DuckDB 1 core | Aurum/DuckDB 1 core | Aurum {count} cores | "
                  f"DuckDB {count} cores | Aurum/DuckDB all |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for item in oneshot["lines"]:
            lines.append(f"| {item['line']} | {item['rows']:,} | {format_seconds(item.get('aurum_1'))} | "
                         f"{format_seconds(item.get('duckdb_1'))} | {ratio(item.get('aurum_1'), item.get('duckdb_1'))} | "
                         f"{format_seconds(item.get('aurum_all'))} | {format_seconds(item.get('duckdb_all'))} | "
                         f"{ratio(item.get('aurum_all'), item.get('duckdb_all'))} |")
    params = size.facts.get("query_parameters")
    if params:
        lines += ["", f"Query windows: month {params['month_start']} .. {params['month_end']}; last 90 days "
                      f"{params['window_start']} .. {params['window_end']}; account {params['account_id']} "
                      "(the one with most rows). The SQL is in the JSON file."]
    return "\n".join(lines) + "\n"


def header_facts() -> dict:
    revision = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"aurum_revision": revision + ("+local changes" if dirty else ""), "duckdb": duckdb.__version__,
            "machine": f"{os.cpu_count()} cores ({cpu}), {platform.system()}",
            "date": datetime.date.today().isoformat()}


def write_results(size: Size, header: dict, markdown: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"latest-{size.rows}.md").write_text(markdown)
    document = {"rows": size.rows, "bronze": str(size.bronze), "reps": size.reps, "warmup": size.warmup,
                "header": header, "duckdb_cold_start": size.cli.label, "facts": size.facts,
                "notes": size.notes, "lines": size.lines}
    (RESULTS / f"latest-{size.rows}.json").write_text(json.dumps(document, indent=2, default=str) + "\n")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Details: Benchmarks/README.md")
    parser.add_argument("--rows", default="1000000,10000000",
                        help="comma-separated Bronze sizes (default 1000000,10000000)")
    parser.add_argument("--reps", type=int, default=5, help="timed runs per line (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--aurum", help="an aurum binary to measure (then Aurum is not built)")
    parser.add_argument("--skip-build", action="store_true",
                        help="use the binaries already built (.build/static/release/aurum, else .build/release/aurum)")
    parser.add_argument("--work", default=str(BENCH / ".data"),
                        help="cache of generated Bronze and working files (default Benchmarks/.data)")
    parser.add_argument("--bronze", help="use this Bronze tree instead of generating one (one size only)")
    parser.add_argument("--only", default=",".join(DEFAULT_WORKLOADS),
                        help=f"comma-separated workloads (default {','.join(DEFAULT_WORKLOADS)}; also ingest-shapes)")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="data shapes (datasets/generate.py --shape) for ingest-shapes (default all: "
                             f"{','.join(SHAPES)})")
    args = parser.parse_args(argv)
    args.sizes = [int(r.replace("_", "")) for r in args.rows.split(",") if r.strip()]
    args.workloads = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(args.workloads) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workload(s) {', '.join(sorted(unknown))}; choose from {', '.join(WORKLOADS)}")
    args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    if set(args.shapes) - set(SHAPES):
        parser.error(f"unknown shape(s) {', '.join(sorted(set(args.shapes) - set(SHAPES)))}; choose from "
                     f"{', '.join(SHAPES)}")
    if args.bronze and len(args.sizes) != 1:
        parser.error("--bronze goes with exactly one --rows size (the size it holds, for the report)")
    if args.reps < 1 or args.warmup < 0:
        parser.error("--reps must be at least 1 and --warmup at least 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        aurum, build = build_aurum(args)
        micro = run_micro(args) if "roofline" in args.workloads else (None, "not asked for")
        cli = find_duckdb_cli()
        header = header_facts()
        header["aurum_build"] = build
        if args.aurum:
            header["aurum_revision"] = f"binary {aurum}"
        for rows in args.sizes:
            bronze, info = dataset(rows, work, args.bronze)
            size = Size(rows, bronze, work / f"work-{rows}", aurum, args.reps, args.warmup, cli, shapes=args.shapes)
            size.work.mkdir(parents=True, exist_ok=True)
            size.facts["dataset"] = info
            say(f"size {rows:,}: Bronze {bronze}")
            for workload in [w for w in WORKLOADS if w in args.workloads]:
                if workload == "roofline":
                    bench_roofline(size, micro)
                else:
                    globals()[f"bench_{workload.replace('-', '_')}"](size)
            markdown = render(size, header)
            write_results(size, header, markdown)
            print(markdown)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
