#!/usr/bin/env bash
# Installs what Aurum needs on a fresh Debian machine, and only what is missing:
# the C libraries (libzstd-dev, libcurl4-openssl-dev, libedit-dev) and, for the tests, DuckDB, pytest, pexpect
# (the REPL's terminal tests) and pyarrow (reads the Parquet exports back) from PyPI.
# Usage: scripts/setup.sh [--tests]
set -euo pipefail

need_apt=()
for package in libzstd-dev libcurl4-openssl-dev libedit-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org first" >&2
  exit 1
fi

if [ "${1:-}" = "--tests" ]; then
  python3 -c "import duckdb, pytest, pexpect, pyarrow" 2>/dev/null || {
    echo "setup: installing duckdb, pytest, pexpect and pyarrow from PyPI" >&2
    python3 -m pip install -q "duckdb>=1.1" pytest "pexpect>=4.8" "pyarrow>=14"
  }
fi
