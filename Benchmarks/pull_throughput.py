#!/usr/bin/env python3
"""Pull throughput: `aurum pull` against the local API stub on loopback, in rows/s and pages/s.

Serves N pages of `--page-rows` rows each (rows of datasets/generate.py's data, one Meta ad account, or one Google
customer with one stream per day) from Tests/integration/pull_stub.py, with every body rendered once beforehand
(a warm-up pull), so the runs measure the pull and not the stub's json.dumps. Each run pulls into a fresh store:
fetch (each page parsed while the next is fetched, and staged durably), then the one ingest of Silver and Gold.

Usage:
  swift build -c release --product aurum
  python3 Benchmarks/pull_throughput.py                       # 200 Meta pages x 500 rows, 3 runs
  python3 Benchmarks/pull_throughput.py --source google --pages 90
  python3 Benchmarks/pull_throughput.py --pages 3 --page-rows 50 --reps 1 --aurum .build/debug/aurum   # a check

Prints one markdown table: medians of the whole pull's wall time, the fetch phase (from the pull's own
`fetch_seconds`) and the ingest after it, with rows/s and pages/s of each. Run nothing else beside it.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "integration"))

from pull_stub import Stub  # noqa: E402


def generate(out: Path, seed: int, rows: int, days: int) -> Path:
    """A generated Bronze tree of about `rows` rows over `days` days (one Meta account, one Google customer),
    reused when present."""
    if not (out / "meta").is_dir():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, str(REPO / "datasets" / "generate.py"), "--out", str(out), "--seed", str(seed),
                        "--rows", str(rows), "--days", str(days), "--meta-accounts", "1", "--google-accounts", "1"],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def serve(stub: Stub, source: str, pages: int, page_rows: int):
    """Trims the stub's data of `source` to `pages` pages; returns (account argument, since, until, environment)."""
    if source == "meta":
        account, rows = next(iter(stub.meta.items()))
        wanted = pages * page_rows
        if len(rows) < wanted:
            raise SystemExit(f"the generated Meta account has {len(rows)} rows, fewer than {wanted}: raise --rows")
        stub.meta = {account: rows[:wanted]}
        days = sorted({row["date_start"] for row in stub.meta[account]})
        environment = dict(AURUM_META_PAGE_LIMIT=page_rows, AURUM_META_ASYNC_AFTER_DAYS=100_000)
        return ["meta", "--account", "act_" + account], days[0], days[-1], environment
    # Google: one stream per day, over the first `pages` consecutive days that each have `page_rows` results (ads
    # start and stop, so the first and last days of the data have fewer); each day keeps `page_rows` of them.
    customer, results = next(iter(stub.google.items()))
    by_day = {}
    for result in results:
        by_day.setdefault(result["segments"]["date"], []).append(result)
    all_days = sorted(by_day)
    full = [len(by_day[day]) >= page_rows for day in all_days]
    start = next((i for i in range(len(all_days) - pages + 1) if all(full[i:i + pages])), None)
    if start is None:
        raise SystemExit(f"the generated Google customer has no {pages} days in a row with {page_rows} rows each: raise --rows or lower --page-rows")
    days = all_days[start:start + pages]
    stub.google = {customer: [result for day in days for result in by_day[day][:page_rows]]}
    return ["google", "--customer", customer], days[0], days[-1], dict(AURUM_GOOGLE_DAYS_PER_REQUEST=1)


def pull(aurum: str, stub: Stub, account_args, since: str, until: str, environment, store: Path) -> dict:
    """One `aurum pull --json` into `store`; returns its summary with the process's wall time added."""
    command = [aurum, "pull", *account_args, "--since", since, "--until", until, "--json", "--store", str(store)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, **stub.env(**environment)))
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}\n{result.stderr}")
    summary = json.loads(result.stdout)
    summary["wall_seconds"] = wall
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=["meta", "google"], default="meta")
    parser.add_argument("--pages", type=int, default=200, help="pages (Meta) or daily streams (Google) served")
    parser.add_argument("--page-rows", type=int, default=500, help="rows per page or stream")
    parser.add_argument("--reps", type=int, default=3, help="timed pulls, each into a fresh store (after one warm-up)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--rows", type=int, help="rows to generate (default: enough for the pages)")
    parser.add_argument("--aurum", default=str(REPO / ".build" / "release" / "aurum"))
    parser.add_argument("--work", help="working directory (default: a temporary one, removed afterwards)")
    args = parser.parse_args()
    if not Path(args.aurum).is_file():
        raise SystemExit(f"{args.aurum} is missing: build it with `swift build -c release --product aurum` (or give --aurum)")

    work = Path(args.work or tempfile.mkdtemp(prefix="aurum-pull-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    # generate.py splits its rows between the two sources, and over its days. Google's streams are daily: half as
    # many days again as streams, and rows enough that the busy middle days hold `--page-rows` each.
    rows = args.rows or max(2_000, int(args.pages * args.page_rows * (2.5 if args.source == "meta" else 5)))
    days = 90 if args.source == "meta" else args.pages + args.pages // 2 + 2
    tree = generate(work / f"bronze-{args.seed}-{rows}-{days}", args.seed, rows, days)
    stub = Stub(tree, keep_bodies=True)
    try:
        account_args, since, until, environment = serve(stub, args.source, args.pages, args.page_rows)
        runs = []
        for rep in range(args.reps + 1):
            store = work / f"store-{rep}"
            shutil.rmtree(store, ignore_errors=True)
            summary = pull(args.aurum, stub, account_args, since, until, environment, store)
            shutil.rmtree(store, ignore_errors=True)
            pages, pulled_rows = summary["targets"][0]["pages"], summary["targets"][0]["rows"]
            if pages != args.pages or pulled_rows != args.pages * args.page_rows:
                raise SystemExit(f"pulled {pages} pages, {pulled_rows} rows; expected {args.pages}, {args.pages * args.page_rows}")
            if summary["ingest"]["files_parsed"] != 0:
                raise SystemExit(f"the ingest parsed {summary['ingest']['files_parsed']} pulled pages again")
            if rep > 0:  # the first pull renders the stub's bodies: a warm-up
                runs.append(summary)
    finally:
        stub.close()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    pages, rows = args.pages, args.pages * args.page_rows
    bytes_served = sum(len(body) for body in stub.bodies.values())
    phases = {
        "whole pull (process)": statistics.median(r["wall_seconds"] for r in runs),
        "fetch: parse + stage while fetching": statistics.median(r["fetch_seconds"] for r in runs),
        "ingest after the fetch": statistics.median(r["total_seconds"] - r["fetch_seconds"] for r in runs),
    }
    print(f"`aurum pull {args.source}` from the stub on loopback: {pages} {'pages' if args.source == 'meta' else 'streams'} "
          f"x {args.page_rows} rows = {rows:,} rows, {bytes_served / 1e6:.1f} MB; {args.aurum}; median of {len(runs)}\n")
    print("| phase | seconds | rows/s | pages/s |")
    print("|---|---:|---:|---:|")
    for phase, seconds in phases.items():
        print(f"| {phase} | {seconds:.3f} | {rows / seconds:,.0f} | {pages / seconds:,.1f} |")


if __name__ == "__main__":
    main()
