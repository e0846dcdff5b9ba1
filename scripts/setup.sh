#!/usr/bin/env bash
# Installs what Aurum needs on a fresh Debian machine, and only what is missing:
# the C libraries (libzstd-dev, libcurl4-openssl-dev, libedit-dev, libssl-dev for SHA-256 and RS256) and, for the tests,
# man-db (the man page is rendered by Tests/integration/test_install.py), librsvg2-bin (rsvg-convert draws the
# charts' SVG to PNG in Tests/integration/test_charts.py) and chromium (opens the HTML client report headless in
# Tests/integration/test_client_report.py) through apt and DuckDB, pytest, pexpect (the REPL's terminal tests),
# pyarrow (reads the Parquet exports back), cryptography (the BigQuery stub checks service-account JWTs), sqlglot
# (reads `aurum translate`'s BigQuery and Spark SQL in Tests/integration/test_translate.py) and
# check-jsonschema (the CI workflow's schema) from PyPI. With --bench, what Benchmarks/run.py needs besides the C
# libraries: DuckDB for Python and the DuckDB CLI (`duckdb-cli`, whose binary run.py finds inside the package when
# no `duckdb` program is on PATH) from PyPI. With --scale (`make test-scale`), also what Spark in local mode needs to run the translated query corpus (Tests/integration/test_spark.py): a Java runtime (Debian's
# default-jre-headless, OpenJDK 17 on bookworm; Spark 4 needs 17 or later) through apt and pyspark from PyPI. Only
# that target installs them.
# Usage: scripts/setup.sh [--tests | --scale | --bench]
set -euo pipefail

tests=""
scale=""
case "${1:-}" in
  --tests) tests=1 ;;
  --scale) tests=1; scale=1 ;;
esac

packages=(libzstd-dev libcurl4-openssl-dev libedit-dev libssl-dev pkg-config)
[ -n "$tests" ] && packages+=(man-db librsvg2-bin chromium)
# Any Java 17+ already on PATH will do; else the distribution's default headless runtime.
[ -n "$scale" ] && ! command -v java >/dev/null 2>&1 && packages+=(default-jre-headless)
need_apt=()
for package in "${packages[@]}"; do
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

if [ -n "$tests" ]; then
  { python3 -c "import duckdb, pytest, pexpect, pyarrow, cryptography, sqlglot" 2>/dev/null && command -v check-jsonschema >/dev/null; } || {
    echo "setup: installing duckdb, pytest, pexpect, pyarrow, cryptography, sqlglot and check-jsonschema from PyPI" >&2
    python3 -m pip install -q "duckdb>=1.1" pytest "pexpect>=4.8" "pyarrow>=14" "cryptography>=41" "sqlglot>=27" check-jsonschema
  }
fi

if [ "${1:-}" = "--bench" ]; then
  python3 -c "import duckdb, duckdb_cli" 2>/dev/null || {
    echo "setup: installing duckdb and duckdb-cli from PyPI" >&2
    python3 -m pip install -q "duckdb>=1.1" duckdb-cli
  }
fi

if [ -n "$scale" ]; then
  python3 -c "import pyspark" 2>/dev/null || {
    echo "setup: installing pyspark from PyPI" >&2
    python3 -m pip install -q "pyspark>=4"
  }
fi
