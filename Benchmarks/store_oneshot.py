#!/usr/bin/env python3
"""One-shot queries on a store that already exists (one too large to regenerate for each run: 50M rows), against
the DuckDB CLI on a database file of the same Silver rows.

    python3 Benchmarks/store_oneshot.py --aurum .build/static/release/aurum --store STORE --work DIR [--reps 5]
        [--baseline OTHER_AURUM] [--database DUCKDB_FILE]

The DuckDB side is loaded from `aurum export ad_insights --format parquet` (in the store's order), once, into
DIR/silver.parquet and DIR/duckdb-cli.db (or `--database`, a file of the same rows, such as the one `run.py` made).
The queries are `run.py`'s, with its windows picked the same way from the data (the last full month, the last 90
days, the busiest account). Each line alternates `aurum query --store STORE SQL` (default output) and the CLI
(`-readonly`, the same settings as `run.py`'s CLI lines) and prints the medians of wall time and the largest peak
RSS (`/usr/bin/time`) as a Markdown table.

With `--baseline`, another build runs beside the first in every round, the two in turns first and second (a
command run second in a round measured up to 5% faster than the same command first): before/after of a change.
"""
import argparse
import datetime
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_run_py():
    spec = importlib.util.spec_from_file_location("aurum_bench_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one process; its output is discarded. The wall time is taken here, to
    the microsecond (`/usr/bin/time` gives hundredths of a second), the same small overhead on every command."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr[-1500:]}")
    return wall, int(result.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aurum", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--work", required=True, help="where the Parquet export and the DuckDB file are kept")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--baseline", help="another aurum build, run beside --aurum in turns (before/after)")
    parser.add_argument("--database", help="a DuckDB file of the store's Silver rows (default: made in --work)")
    parser.add_argument("--only", help="the query lines whose label contains this text")
    args = parser.parse_args()
    bench = load_run_py()
    cli = bench.find_duckdb_cli()
    if not cli.binary:
        raise SystemExit("no DuckDB CLI binary: pip install duckdb-cli (scripts/setup.sh --bench)")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    parquet, database = work / "silver.parquet", Path(args.database) if args.database else work / "duckdb-cli.db"
    if not database.is_file() and not parquet.is_file():
        subprocess.run([args.aurum, "export", "ad_insights", "--store", args.store, "--format", "parquet",
                        "--out", str(parquet)], check=True)
    if not database.is_file():
        subprocess.run([cli.binary, str(database), "-c",
                        f"CREATE TABLE ad_insights AS SELECT * FROM read_parquet('{parquet}')"], check=True)

    def scalar(sql: str) -> str:
        return subprocess.run([cli.binary, "-readonly", str(database), "-csv", "-noheader", "-c", sql],
                              capture_output=True, text=True, check=True).stdout.strip()

    last = datetime.date.fromisoformat(scalar("SELECT max(date) FROM ad_insights"))
    account = scalar("SELECT account_id FROM ad_insights GROUP BY 1 ORDER BY count(*) DESC, account_id LIMIT 1")
    month_end = last if (last + datetime.timedelta(days=1)).day == 1 else last.replace(day=1) - datetime.timedelta(days=1)
    params = {"month_start": month_end.replace(day=1).isoformat(), "month_end": month_end.isoformat(),
              "window_start": (last - datetime.timedelta(days=89)).isoformat(), "window_end": last.isoformat(),
              "account_id": account}
    settings = "; ".join(cli.settings())
    print(f"{cli.label}; windows {params}; {args.reps} runs each, alternated\n")
    if args.baseline:
        print("| query | baseline | Aurum | DuckDB CLI | baseline ratio | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print("| query | Aurum | DuckDB CLI | ratio | Aurum peak RSS (MiB) | DuckDB peak RSS (MiB) |")
        print("|---|---:|---:|---:|---:|---:|")
    for label, sql in bench.queries(params):
        if args.only and args.only not in label:
            continue
        builds = {"aurum": args.aurum, **({"baseline": args.baseline} if args.baseline else {})}
        runs = {name: [] for name in [*builds, "duckdb"]}
        for round in range(args.reps + 1):  # round 0 warms the OS cache and is not counted
            order = list(builds) if round % 2 == 0 else list(reversed(builds))
            for name in ["duckdb", *order]:
                command = ([cli.binary, "-readonly", str(database), "-c", f"{settings}; {sql}"] if name == "duckdb"
                           else [builds[name], "query", "--store", args.store, sql])
                measured = timed(command)
                if round:
                    runs[name].append(measured)
        wall = {name: statistics.median(t for t, _ in runs[name]) for name in runs}
        d = wall["duckdb"]
        if args.baseline:
            print(f"| {label} | {wall['baseline'] * 1000:.1f} ms | {wall['aurum'] * 1000:.1f} ms | {d * 1000:.1f} ms | "
                  f"{wall['baseline'] / d:.2f} | {wall['aurum'] / d:.2f} |", flush=True)
        else:
            a = wall["aurum"]
            print(f"| {label} | {a * 1000:.1f} ms | {d * 1000:.1f} ms | {a / d:.2f} | "
                  f"{max(r for _, r in runs['aurum']):.0f} | {max(r for _, r in runs['duckdb']):.0f} |", flush=True)


if __name__ == "__main__":
    main()
