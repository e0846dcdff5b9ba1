#!/usr/bin/env python3
"""Storage size: Aurum's store against the obvious alternatives, on the same generated Bronze.

Compares
  1. Silver: the bytes of Aurum's `ad_insights` segment files against the same rows written by DuckDB as
     Parquet with zstd (and as a DuckDB database file);
  2. the whole store (Bronze kept verbatim + Silver + quarantine + Gold + catalogue) against keeping every
     Bronze file zstd-compressed on its own (zstd CLI, level 3 = its default) plus Silver as Parquet+zstd.

Usage: python3 Benchmarks/storage_size.py [--rows N] [--seed S] [--aurum .build/release/aurum] [--work DIR]
Prints one table; ratios below 1.00 mean Aurum is smaller.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]


def tree_bytes(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="approximate Bronze rows to generate")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--aurum", default=str(REPO / ".build" / "release" / "aurum"))
    parser.add_argument("--work", help="working directory (default: a temporary one, removed afterwards)")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="aurum-size-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bronze = work / "bronze"
        if not bronze.exists():
            subprocess.run([sys.executable, str(REPO / "datasets" / "generate.py"), "--out", str(bronze),
                            "--seed", str(args.seed), "--rows", str(args.rows), "--messy"], check=True)
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        subprocess.run([args.aurum, "ingest", "--store", str(store), str(bronze)], check=True, stdout=subprocess.DEVNULL)
        silver_csv = work / "silver.csv"
        subprocess.run([args.aurum, "export", "ad_insights", "--store", str(store), "--out", str(silver_csv),
                        "--formula-guard", "none"], check=True)

        # DuckDB: the same Silver rows, typed as Aurum types them.
        parquet = work / "silver.parquet"
        database = work / "silver.duckdb"
        for path in (parquet, database):
            path.unlink(missing_ok=True)
        types = {"date": "DATE", "impressions": "BIGINT", "clicks": "BIGINT", "spend": "DOUBLE", "conversions": "DOUBLE",
                 "conversion_value": "DOUBLE", "file_id": "BIGINT", "row": "BIGINT"}
        with duckdb.connect(str(database)) as con:
            columns = ", ".join(f"'{k}': '{v}'" for k, v in types.items())
            con.execute(f"CREATE TABLE ad_insights AS SELECT * FROM read_csv('{silver_csv}', header=true, all_varchar=false, "
                        f"types={{{columns}}}, auto_type_candidates=['VARCHAR'])")
            rows = con.execute("SELECT count(*) FROM ad_insights").fetchone()[0]
            con.execute(f"COPY ad_insights TO '{parquet}' (FORMAT parquet, COMPRESSION zstd)")
            con.execute("CHECKPOINT")

        # Each Bronze file zstd-compressed on its own (level 3, the zstd CLI's default).
        compressed = work / "bronze-zst"
        shutil.rmtree(compressed, ignore_errors=True)
        compressed.mkdir()
        files = [str(p) for p in bronze.rglob("*") if p.is_file()]
        for start in range(0, len(files), 500):
            # Flattened names would collide (page_0001.json in many folders): compress file by file into a mirror tree.
            for path in files[start:start + 500]:
                target = compressed / (Path(path).relative_to(bronze).as_posix().replace("/", "__") + ".zst")
                subprocess.run(["zstd", "-q", "-3", path, "-o", str(target)], check=True)

        silver_aurum = tree_bytes(store / "tables" / "ad_insights")
        store_bytes = tree_bytes(store)
        parquet_bytes = parquet.stat().st_size
        duckdb_bytes = database.stat().st_size
        bronze_raw = tree_bytes(bronze)
        bronze_zst = tree_bytes(compressed)
        baseline = bronze_zst + parquet_bytes

        print(f"Silver rows: {rows:,}; Bronze: {len(files):,} files, {bronze_raw:,} bytes of JSON")
        print()
        print(f"| what | Aurum bytes | peer bytes | Aurum/peer |")
        print(f"|---|---:|---:|---:|")
        print(f"| Silver vs Parquet+zstd (DuckDB) | {silver_aurum:,} | {parquet_bytes:,} | {silver_aurum / parquet_bytes:.2f} |")
        print(f"| Silver vs DuckDB database file | {silver_aurum:,} | {duckdb_bytes:,} | {silver_aurum / duckdb_bytes:.2f} |")
        print(f"| whole store vs per-file zstd Bronze + Silver Parquet | {store_bytes:,} | {baseline:,} | {store_bytes / baseline:.2f} |")
        print()
        print(f"Silver bytes per row: Aurum {silver_aurum / rows:.2f}, Parquet+zstd {parquet_bytes / rows:.2f}")
        print(f"Bronze: Aurum blob packs {tree_bytes(store / 'blobs'):,} vs per-file zstd {bronze_zst:,}")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
