#!/usr/bin/env bash
# Aurum's own SHA-256 (C) and XXH64 (Swift) against the libraries on this machine: OpenSSL's libcrypto and
# Debian's libxxhash (apt: libssl-dev libxxhash-dev). Builds two small programs in a temporary directory and
# prints the median MB/s per implementation and size with the spread (min-max) over REPS runs (default 3).
# Usage: Benchmarks/Checksums/run.sh [REPS] [REV]
# REV: the git revision whose hand-written code is measured (default: the working tree, and for a file no longer
# there, ff3899e: the C SHA-256 was removed after this measurement, see docs/performance.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
reps=${1:-3}
rev=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source_of() {  # the hand-written file at REV, or in the working tree, or at ff3899e (the last commit with all of it)
  if [ -z "$rev" ] && [ -f "$root/$1" ]; then cp "$root/$1" "$work/"; else git -C "$root" show "${rev:-ff3899e}:$1" > "$work/$(basename "$1")"; fi
}
source_of Sources/CAurumSHA256/sha256.c
source_of Sources/CAurumSHA256/include/aurum_sha256.h
source_of Sources/AurumStorage/Checksum/XXH64.swift
cc -O3 -I"$work" -DAURUM_SHA256_C="\"$work/sha256.c\"" "$here/sha256_bench.c" -lcrypto -o "$work/sha256_bench"
mkdir -p "$work/CXXHash"
printf 'module CXXHash [system] {\n  header "/usr/include/xxhash.h"\n  link "xxhash"\n  export *\n}\n' > "$work/CXXHash/module.modulemap"
cp "$here/xxh64_bench.swift" "$work/main.swift"  # top-level code must live in main.swift beside another file
swiftc -O -wmo -I"$work/CXXHash" "$work/main.swift" "$work/XXH64.swift" -o "$work/xxh64_bench"
{ "$work/sha256_bench" "$reps"; "$work/xxh64_bench" "$reps"; } | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    kind, name, size, _, rate = line.split()
    runs[(kind, int(size), name)].append(float(rate))
print("| hash | bytes per call | implementation | MB/s median | min-max |")
print("|---|---|---|---|---|")
for (kind, size, name), rates in sorted(runs.items()):
    print(f"| {kind} | {size} | {name} | {statistics.median(rates):.0f} | {min(rates):.0f}-{max(rates):.0f} |")
'
