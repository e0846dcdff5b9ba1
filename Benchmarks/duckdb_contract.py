#!/usr/bin/env python3
"""The data contract executed by DuckDB by its fastest path: the benchmark's peer of `aurum ingest`.

Bronze JSON pages → Silver (`ad_insights`), `quarantine`, `bronze_files` and the three Gold tables,
in one persisted DuckDB database file. Everything is SQL: files are read with `read_text`, parsed once
with `from_json` into typed nested values, flattened with `unnest`, validated, deduplicated and
aggregated by DuckDB. Python only lists the files (byte-wise path order, as the contract says), hands
DuckDB batches of paths, and strictly re-checks the rare files a cheap regex flags as possibly odd (see
"Exactness" below). No Python touches a row.

It applies the same rules and team decisions as the oracle, `Tests/reference/contract_duckdb.py` (whose
SQL pieces it reuses where they fit), and `Tests/integration/test_duckdb_peer.py` checks that both give the
same Silver, quarantine and Gold.

    python3 Benchmarks/duckdb_contract.py ingest --db peer.duckdb RUN [RUN ...]   # prints a JSON summary
    python3 Benchmarks/duckdb_contract.py gold --db peer.duckdb                   # rebuild Gold from Silver
    python3 Benchmarks/duckdb_contract.py export --db peer.duckdb --out DIR       # oracle-format CSVs

Each RUN (file or directory) is one ingest run, in the order given; inside a run, files are taken in
byte-wise order of their path. `file_id` counts accepted files from 1 in that order; `row` is 0-based in
the file (Google: batches flattened, then results). A file whose bytes were already ingested is skipped.

Layout choices (the same as Aurum's, so the peer does the same work):
  * Silver is written ordered by (month, source, account_id, ad_id, date), as Aurum orders each run, so
    date filters prune the same way in both engines.
  * Gold tables hold the sums and the KPI ratios, sorted by key. Sums are DuckDB's plain floating-point
    `sum` (within 1e-9 of the oracle's compensated sums); weekly and all-time come from the daily sums.
  * Bronze is kept verbatim, zstd-compressed, as the contract asks. By default (`--bronze parquet`, the
    fastest way measured: row groups of 16 MiB compress on every core; a table was several times
    slower) each batch's files go to a Parquet file with zstd in `DB.bronze/`, and the view
    `bronze_blobs(file_id, content)` reads them; `--bronze table` keeps them in a table of the database
    instead, `--bronze none` not at all. `quarantine.raw` is not stored:
    it can be cut from `bronze_blobs` on read, as Aurum's `bronze_rows` is.

Exactness. DuckDB's JSON reader is lenient where the contract is strict (it accepts trailing commas,
`NaN` and `Infinity`), and typed extraction cannot tell a JSON string from an object in a text field. Cheap
regular expressions flag every file where lenient syntax (or a Google `error` member) could occur; those are
judged by the oracle's strict recogniser in Python. Rows whose text fields could have been objects, arrays or
booleans are noticed while flattening, and their files are read again with an exact schema (JSON leaves
whose kind is inspected). See "Where DuckDB's reader is more lenient" below. Remaining differences from the
oracle, on input no API sends:
  * a JSON *number* is seen as DuckDB renders it (`1e3` as `1000.0`, `1.50` as `1.5`): a Meta amount sent
    unquoted in exponent form passes as a decimal here, and an id sent as a non-integer number keeps
    DuckDB's rendering;
  * an object with a repeated key keeps the first value here (the oracle keeps the last);
  * a string with a lone UTF-16 surrogate escape makes the file invalid here (DuckDB refuses it).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Iterable

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "reference"))
import contract_duckdb as oracle  # noqa: E402  (the reference: listing, recognition, patterns, exports)

DEFAULT_BATCH_BYTES = 1 << 30          # Bronze bytes read into DuckDB at once (bounds memory)
INT_PATTERN = oracle.INT_PATTERN
DECIMAL_PATTERN = oracle.DECIMAL_PATTERN
METRICS = oracle.METRICS
TEXT_COLUMNS = oracle.TEXT_FIELDS      # account_id, currency, campaign_id, ... ad_name
GOLD_TABLES = ["kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"]

# --------------------------------------------------------------------------------------------
# Where DuckDB's reader is more lenient than the contract.
#
# 1. JSON syntax: DuckDB accepts trailing commas and NaN/Infinity literals. Files where one of these
#    regular expressions matches are judged by the oracle's strict recogniser instead (a false positive,
#    e.g. a name containing ", ]", only costs that check). Each expression starts with one literal byte,
#    so RE2 skips ahead with memchr: three cheap passes over the text.
# 2. Kinds: typed extraction reads an object, array or boolean in a text field as its JSON text, and a
#    Google `metrics` that is not an object as an empty one. Rows where that could have happened are
#    flagged while flattening; their files are flattened again with the exact schema (JSON leaves whose
#    kind is inspected). `actions` are always read as JSON leaves, which is also the faster way.
# 3. Google batches: an `error` member (even null), a batch that is not an object, or `results` that
#    is not an array make the file not a data page; such files go to the strict recogniser as well.
# --------------------------------------------------------------------------------------------

NON_STANDARD = r"-?(?:[iI][nN]|[nN][aA])"   # NaN, Infinity, inf, ... (any case) after optional '-'
LENIENT_JSON_GUARDS = [r",\s*(?:[\]}]|" + NON_STANDARD + ")", r":\s*" + NON_STANDARD, r"\[\s*" + NON_STANDARD]
GOOGLE_ERROR_GUARD = r'"error"\s*:'

# --------------------------------------------------------------------------------------------
# from_json schemas. The fast one reads text fields as VARCHAR (a JSON number gives its text); the
# exact one reads them as JSON leaves so that objects, arrays and booleans can be told from strings.
# --------------------------------------------------------------------------------------------

ACTION_LIST = [{"action_type": "VARCHAR", "value": "VARCHAR"}]
META_TEXT_KEYS = ["account_id", "account_currency", "campaign_id", "campaign_name", "adset_id",
                  "adset_name", "ad_id", "ad_name"]           # in TEXT_COLUMNS order
GOOGLE_TEXT_PATHS = ["customer.id", "customer.currencyCode", "campaign.id", "campaign.name",
                     "adGroup.id", "adGroup.name", "adGroupAd.ad.id", "adGroupAd.ad.name"]
GOOGLE_METRICS = {"impressions": "VARCHAR", "clicks": "VARCHAR", "costMicros": "VARCHAR",
                  "conversions": "JSON", "conversionsValue": "JSON"}  # JSON: a number must be a number


def meta_schema(exact: bool) -> str:
    text = "JSON" if exact else "VARCHAR"
    row = {key: text for key in META_TEXT_KEYS}
    row.update({key: "VARCHAR" for key in ("date_start", "date_stop", "impressions", "clicks", "spend")})
    row.update(actions="JSON", action_values="JSON")
    return json.dumps({"data": [row]})


def google_schema(exact: bool) -> str:
    text = "JSON" if exact else "VARCHAR"
    result = {"customer": {"id": text, "currencyCode": text},
              "campaign": {"id": text, "name": text},
              "adGroup": {"id": text, "name": text},
              "adGroupAd": {"ad": {"id": text, "name": text}},
              "metrics": "JSON" if exact else GOOGLE_METRICS,
              "segments": {"date": "VARCHAR"}}
    return json.dumps([{"results": [result]}])


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def json_text(leaf: str) -> str:
    """SQL: a JSON leaf as a text field (string decoded, number as its text, anything else NULL)."""
    return (f"CASE WHEN left({leaf}, 1) = '\"' THEN json_extract_string({leaf}, '$') "
            f"WHEN regexp_full_match(left({leaf}, 1), '[-0-9]') THEN CAST({leaf} AS VARCHAR) END")


def json_kind(leaf: str, container: str) -> str:
    """SQL: 'absent' for a missing/null JSON leaf, 'ok' when it opens with `container`, else 'other'."""
    return f"CASE WHEN {leaf} IS NULL THEN 'absent' WHEN left({leaf}, 1) = '{container}' THEN 'ok' ELSE 'other' END"


def maybe_not_text(column: str) -> str:
    """SQL: could this VARCHAR-read field have been an object, array or boolean (not a string)?"""
    return (f"({column} IN ('true', 'false') OR "
            f"(left({column}, 1) IN ('[', '{{') AND coalesce(json_valid({column}), false)))")


# --------------------------------------------------------------------------------------------
# Rows: each source flattened into the same staged columns (raw text of every field).
# --------------------------------------------------------------------------------------------

def meta_staged_sql(exact: bool) -> str:
    """SELECT of every row of the batch's accepted Meta files, fast or exact flavour."""
    texts = ", ".join(f"{json_text('r.' + key) if exact else 'r.' + key} AS {column}"
                      for column, key in zip(TEXT_COLUMNS, META_TEXT_KEYS))
    recheck = "false" if exact else " OR ".join(maybe_not_text("r." + key) for key in META_TEXT_KEYS)
    action_list = sql_string(json.dumps(ACTION_LIST))
    lists = ", ".join(
        f"{json_kind('r.' + key, '[')} AS {name}_kind, "
        f"CASE WHEN left(r.{key}, 1) = '[' THEN from_json(r.{key}, {action_list}) END AS {name}"
        for key, name in (("actions", "acts"), ("action_values", "vals")))
    return f"""
        SELECT ord, row, {texts}, r.date_start AS date_text, r.date_stop AS date_stop_text,
               r.impressions AS impressions_text, r.clicks AS clicks_text, r.spend AS spend_text, {lists},
               {recheck} AS recheck
        FROM (SELECT d.ord, generate_subscripts(d.rows, 1) - 1 AS row, unnest(d.rows) AS r
              FROM {docs_table('meta', exact)} d JOIN accepted a USING (ord))"""


def google_staged_sql(exact: bool) -> str:
    """SELECT of every result of the batch's accepted Google streams, fast or exact flavour."""
    texts = ", ".join(f"{json_text('r.' + path) if exact else 'r.' + path} AS {column}"
                      for column, path in zip(TEXT_COLUMNS, GOOGLE_TEXT_PATHS))
    if exact:
        metrics = f"from_json(CASE WHEN left(r.metrics, 1) = '{{' THEN r.metrics END, {sql_string(json.dumps(GOOGLE_METRICS))})"
        metrics_other, recheck = f"{json_kind('r.metrics', '{')} = 'other'", "false"
    else:
        # A present metrics object with no metric in it is rare: it may have been a non-object.
        metrics, metrics_other = "r.metrics", "false"
        recheck = " OR ".join([maybe_not_text("r." + path) for path in GOOGLE_TEXT_PATHS] + [
            "(r.metrics IS NOT NULL AND " + " AND ".join(f"r.metrics.{m} IS NULL" for m in GOOGLE_METRICS) + ")"])
    return f"""
        SELECT ord, row, {texts}, r.segments.date AS date_text, m.impressions AS impressions_text,
               m.clicks AS clicks_text, m.costMicros AS spend_text,
               CAST(m.conversions AS VARCHAR) AS conv_json, CAST(m.conversionsValue AS VARCHAR) AS value_json,
               {metrics_other} AS metrics_other, {recheck} AS recheck
        FROM (SELECT ord, row, r, {metrics} AS m
              FROM (SELECT d.ord, generate_subscripts(d.rows, 1) - 1 AS row, unnest(d.rows) AS r
                    FROM (SELECT ord, flatten(list_transform(batches, lambda b: b.results)) AS rows
                          FROM {docs_table('google', exact)}) d
                    JOIN accepted a USING (ord)))"""


# --------------------------------------------------------------------------------------------
# Validation (rule 3), conversion choice (rule 4): staged text → typed values and a reason.
# --------------------------------------------------------------------------------------------

def int_ok(text: str) -> str:
    return (f"({text} IS NULL OR coalesce(regexp_full_match({text}, '{INT_PATTERN}') "
            f"AND TRY_CAST({text} AS BIGINT) IS NOT NULL, false))")


def decimal_ok(text: str) -> str:
    return (f"coalesce(regexp_full_match({text}, '{DECIMAL_PATTERN}') "
            f"AND isfinite(TRY_CAST({text} AS DOUBLE)), false)")


def meta_conversion_sql(lst: str, kind: str, prefs: str, metric: str) -> str:
    """SQL columns {metric}_ok, {metric}, {metric}_negative (and the chosen type) from an action list.

    The chosen type is the first of the preference list present in the list (set order); its entries
    are summed in array order; any of them non-numeric → non-numeric, else any negative → negative."""
    pick = f"list_min(list_transform({lst}, lambda a: list_position({prefs}, a.action_type)))"
    chosen = f"list_filter({lst}, lambda a: list_position({prefs}, a.action_type) = {metric}_pick)"
    return f"""{pick} AS {metric}_pick,
               {chosen} AS {metric}_chosen""", f"""
               {kind} = 'absent' OR ({kind} = 'ok' AND coalesce(list_bool_and(list_transform({metric}_chosen,
                   lambda a: {decimal_ok('a.value')})), true)) AS {metric}_ok,
               coalesce(list_sum(list_transform({metric}_chosen, lambda a: TRY_CAST(a.value AS DOUBLE))), 0) + 0.0
                   AS {metric},
               coalesce(list_bool_or(list_transform({metric}_chosen, lambda a: TRY_CAST(a.value AS DOUBLE) < 0)),
                        false) AS {metric}_negative"""


def meta_typed_sql(staged: str, prefs: str) -> str:
    conv_pick, conv = meta_conversion_sql("acts", "acts_kind", prefs, "conversions")
    value_pick, value = meta_conversion_sql("vals", "vals_kind", prefs, "conversion_value")
    return f"""
        SELECT ord, row, 'meta' AS source, {', '.join(TEXT_COLUMNS)}, date_text,
               date_stop_text IS NOT NULL AND date_stop_text NOT IN ('', date_text) AS bad_range,
               {int_ok('impressions_text')} AS impressions_ok,
               coalesce(TRY_CAST(impressions_text AS BIGINT), 0) AS impressions,
               {int_ok('clicks_text')} AS clicks_ok, coalesce(TRY_CAST(clicks_text AS BIGINT), 0) AS clicks,
               (spend_text IS NULL OR {decimal_ok('spend_text')}) AS spend_ok,
               coalesce(TRY_CAST(spend_text AS DOUBLE), 0) + 0.0 AS spend,
               {conv}, {value},
               {prefs}[conversions_pick] AS conversion_action,
               impressions_text, clicks_text, spend_text, recheck
        FROM (SELECT *, {conv_pick}, {value_pick} FROM ({staged}))"""


def google_typed_sql(staged: str) -> str:
    def number(metric: str, text: str) -> str:
        # Google conversions and conversion value: absent, or a finite JSON *number* (not a string).
        return f"""({text} IS NULL OR (regexp_full_match(left({text}, 1), '[-0-9]')
                    AND coalesce(isfinite(TRY_CAST({text} AS DOUBLE)), false))) AS {metric}_ok,
               coalesce(TRY_CAST({text} AS DOUBLE), 0) + 0.0 AS {metric},
               coalesce(TRY_CAST({text} AS DOUBLE), 0) < 0 AS {metric}_negative"""
    return f"""
        SELECT ord, row, 'google' AS source, {', '.join(TEXT_COLUMNS)}, date_text, false AS bad_range,
               NOT metrics_other AND {int_ok('impressions_text')} AS impressions_ok,
               coalesce(TRY_CAST(impressions_text AS BIGINT), 0) AS impressions,
               {int_ok('clicks_text')} AS clicks_ok, coalesce(TRY_CAST(clicks_text AS BIGINT), 0) AS clicks,
               {int_ok('spend_text')} AS spend_ok,
               CAST(coalesce(TRY_CAST(spend_text AS BIGINT), 0) AS DOUBLE) / CAST(1000000 AS DOUBLE) + 0.0 AS spend,
               {number('conversions', 'conv_json')},
               {number('conversion_value', 'value_json')},
               NULL::VARCHAR AS conversion_action,
               CASE WHEN metrics_other THEN 'metrics is not an object' ELSE impressions_text END AS impressions_text,
               clicks_text, spend_text, recheck
        FROM ({staged})"""


def checked_sql(typed: str) -> str:
    """Rule 3 in order: the first failing check names the reason (NULL = valid), with a detail."""
    negative = {m: f"{m} < 0" for m in METRICS}
    negative.update(conversions="conversions_negative", conversion_value="conversion_value_negative")
    metric_checks = "\n".join(
        f"                WHEN NOT {m}_ok THEN 'non_numeric_{m}'\n"
        f"                WHEN {negative[m]} THEN 'negative_{m}'" for m in METRICS)
    return f"""
        SELECT ord, row, source, {', '.join(TEXT_COLUMNS)},
               CASE WHEN reason IS NULL THEN CAST(date_text AS DATE) END AS date,
               impressions, clicks, spend, conversions, conversion_value, conversion_action, reason,
               CASE WHEN reason IS NOT NULL THEN {detail_sql()} END AS detail, recheck
        FROM (SELECT *, CASE
                WHEN account_id IS NULL OR account_id = '' THEN 'missing_account_id'
                WHEN ad_id IS NULL OR ad_id = '' THEN 'missing_ad_id'
                WHEN campaign_id IS NULL OR campaign_id = '' THEN 'missing_campaign_id'
                WHEN date_text IS NULL OR date_text = '' THEN 'missing_date'
                WHEN NOT regexp_full_match(date_text, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
                     OR CAST(TRY_CAST(date_text AS DATE) AS VARCHAR) IS DISTINCT FROM date_text THEN 'bad_date'
                WHEN bad_range THEN 'bad_date_range'
{metric_checks}
              END AS reason
              FROM ({typed}))"""


def detail_sql() -> str:
    """SQL: a human sentence naming the field and the value of a quarantined row."""
    def quoted(text: str) -> str:
        return f"coalesce('\"' || {text} || '\"', 'absent')"
    cases = [("missing_account_id", "'account_id is missing'"), ("missing_ad_id", "'ad_id is missing'"),
             ("missing_campaign_id", "'campaign_id is missing'"), ("missing_date", "'date is missing'"),
             ("bad_date", f"'date ' || {quoted('date_text')} || ' is not a calendar date (YYYY-MM-DD)'"),
             ("bad_date_range", "'date_stop differs from date_start ' || " + quoted("date_text"))]
    for metric, text in (("impressions", "impressions_text"), ("clicks", "clicks_text"), ("spend", "spend_text")):
        cases.append((f"non_numeric_{metric}", f"'{metric} ' || {quoted(text)} || ' is not a number'"))
        cases.append((f"negative_{metric}", f"'{metric} ' || {quoted(text)} || ' is negative'"))
    for metric in ("conversions", "conversion_value"):
        cases.append((f"non_numeric_{metric}", f"'{metric}: a chosen value is not a number'"))
        cases.append((f"negative_{metric}", f"'{metric} ' || CAST({metric} AS VARCHAR) || ' is negative'"))
    return "CASE reason " + " ".join(f"WHEN '{code}' THEN {text}" for code, text in cases) + " END"


# --------------------------------------------------------------------------------------------
# Gold: daily sums from Silver in one scan; weekly and all-time from the daily sums.
# --------------------------------------------------------------------------------------------

RATIO_SQL = oracle.RATIO_SQL
INGEST_ORDER = "CAST(file_id AS BIGINT) * 4294967296 + row"  # (file_id, row) as one sortable number

GOLD_SQL = f"""
    CREATE OR REPLACE TEMP TABLE gold_day AS
    SELECT source, account_id, campaign_id, date,
           CAST(sum(impressions) AS BIGINT) AS impressions, CAST(sum(clicks) AS BIGINT) AS clicks,
           sum(spend) AS spend, sum(conversions) AS conversions, sum(conversion_value) AS conversion_value,
           arg_max(campaign_name, {INGEST_ORDER}) FILTER (WHERE campaign_name <> '') AS day_name,
           arg_max(currency, {INGEST_ORDER}) FILTER (WHERE currency IS NOT NULL) AS day_currency
    FROM ad_insights GROUP BY ALL;

    CREATE OR REPLACE TEMP TABLE gold_label AS
    SELECT source, account_id, campaign_id,
           arg_max(day_name, date) FILTER (WHERE day_name IS NOT NULL) AS campaign_name,
           arg_max(day_currency, date) FILTER (WHERE day_currency IS NOT NULL) AS currency
    FROM gold_day GROUP BY ALL;

    CREATE OR REPLACE TABLE kpi_campaign_daily AS
    SELECT source, account_id, campaign_id, date, campaign_name, currency, impressions, clicks, spend,
           conversions, conversion_value, {RATIO_SQL}
    FROM gold_day JOIN gold_label USING (source, account_id, campaign_id)
    ORDER BY source, account_id, campaign_id, date;

    CREATE OR REPLACE TABLE kpi_campaign_weekly AS
    SELECT source, account_id, campaign_id, week, campaign_name, currency, impressions, clicks, spend,
           conversions, conversion_value, {RATIO_SQL}
    FROM (SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week,
                 CAST(sum(impressions) AS BIGINT) AS impressions, CAST(sum(clicks) AS BIGINT) AS clicks,
                 sum(spend) AS spend, sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
          FROM gold_day GROUP BY ALL)
    JOIN gold_label USING (source, account_id, campaign_id)
    ORDER BY source, account_id, campaign_id, week;

    CREATE OR REPLACE TABLE kpi_campaign_total AS
    SELECT source, account_id, campaign_id, campaign_name, currency, impressions, clicks, spend,
           conversions, conversion_value, {RATIO_SQL}
    FROM (SELECT source, account_id, campaign_id,
                 CAST(sum(impressions) AS BIGINT) AS impressions, CAST(sum(clicks) AS BIGINT) AS clicks,
                 sum(spend) AS spend, sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
          FROM gold_day GROUP BY ALL)
    JOIN gold_label USING (source, account_id, campaign_id)
    ORDER BY source, account_id, campaign_id;

    DROP TABLE gold_day; DROP TABLE gold_label;
"""


def build_gold(con) -> dict:
    """(Re)creates the three Gold tables from `ad_insights`; returns their row counts."""
    con.execute(GOLD_SQL)
    return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in GOLD_TABLES}


# --------------------------------------------------------------------------------------------
# Ingest
# --------------------------------------------------------------------------------------------

SCHEMA_SQL = """
    CREATE TABLE IF NOT EXISTS bronze_files (file_id INTEGER, path VARCHAR, sha256 VARCHAR, source VARCHAR,
                                             rows BIGINT, bytes BIGINT, ingested_at TIMESTAMP);
    CREATE TABLE IF NOT EXISTS rejected_files (path VARCHAR, reason VARCHAR);
    CREATE TEMP TABLE checked (ord BIGINT, row BIGINT, source VARCHAR, account_id VARCHAR, currency VARCHAR,
        campaign_id VARCHAR, campaign_name VARCHAR, adset_id VARCHAR, adset_name VARCHAR, ad_id VARCHAR,
        ad_name VARCHAR, date DATE, impressions BIGINT, clicks BIGINT, spend DOUBLE, conversions DOUBLE,
        conversion_value DOUBLE, conversion_action VARCHAR, reason VARCHAR, detail VARCHAR, recheck BOOLEAN);
    CREATE TEMP TABLE file_ids (ord BIGINT, file_id INTEGER);
"""


def list_files(runs: Iterable[str]) -> list[str]:
    """Every file of every run, in ingest order (runs as given; byte-wise path order inside a run)."""
    paths = []
    for run in runs:
        if not os.path.exists(run):
            raise FileNotFoundError(f"no such file or directory: {run}")
        paths.extend(oracle.list_run_files(run))
    return paths


def batches_of(paths: list[str], limit: int) -> Iterable[tuple[int, list[str]]]:
    """(ordinal of the first path, paths) slices holding at most `limit` bytes (at least one file)."""
    start, size = 0, 0
    for index, path in enumerate(paths):
        length = os.path.getsize(path)
        if index > start and size + length > limit:
            yield start, paths[start:index]
            start, size = index, 0
        size += length
    if start < len(paths):
        yield start, paths[start:]


def load_batch(con, first_ord: int, paths: list[str]) -> None:
    """Table `batch(ord, path, content)`; files that are not UTF-8 get a NULL content."""
    order = "SELECT unnest($1::VARCHAR[]) AS path, generate_subscripts($1::VARCHAR[], 1) - 1 + $2 AS ord"
    distinct = sorted(set(paths))
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE batch AS
                        SELECT o.ord, o.path, t.content, t.size AS bytes
                        FROM ({order}) o JOIN read_text($3) t ON t.filename = o.path""",
                    [paths, first_ord, distinct])
    except duckdb.InvalidInputException:
        # read_text refuses a file that is not UTF-8: read the batch as bytes, such files get NULL.
        con.execute(f"""CREATE OR REPLACE TEMP TABLE batch AS
                        SELECT o.ord, o.path, try(decode(t.content)) AS content, t.size AS bytes
                        FROM ({order}) o JOIN read_blob($3) t ON t.filename = o.path""",
                    [paths, first_ord, distinct])


def classify_batch(con) -> None:
    """Per file: sha256, first non-blank character, and whether strict JSON must judge it (`files`)."""
    lenient = " OR ".join(f"regexp_matches(content, {sql_string(guard)})" for guard in LENIENT_JSON_GUARDS)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE files AS
        SELECT ord, path, bytes, sha, first, content IS NULL AS not_utf8,
               first IN ('{{', '[') AND ({lenient}
                   OR (first = '[' AND regexp_matches(content, {sql_string(GOOGLE_ERROR_GUARD)}))) AS strict
        FROM (SELECT *, sha256(content) AS sha, regexp_extract(content, '^[ \t\r\n]*(.)', 1) AS first FROM batch)""")


FLAVOURS = {False: "fast", True: "exact"}


def docs_table(source: str, exact: bool) -> str:
    return f"{source}_docs_{FLAVOURS[exact]}"


def parse_batch(con, exact: bool = False, only: str = "SELECT ord FROM files") -> None:
    """Parses pages once into `meta_docs_<flavour>(ord, rows)` and `google_docs_<flavour>(ord, batches)`:
    every candidate with the fast schema, or (exact=True) the files listed by `only` with the exact one."""
    parts = {"meta": ("{", "rows", "try(from_json(b.content, {schema})).data", meta_schema),
             "google": ("[", "batches", "try(from_json(b.content, {schema}))", google_schema)}
    for source, (first, column, expression, schema) in parts.items():
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {docs_table(source, exact)} AS
                        SELECT b.ord, {expression.format(schema=sql_string(schema(exact)))} AS {column}
                        FROM batch b JOIN files f USING (ord)
                        WHERE f.first = '{first}' AND f.ord IN ({only})""")


def strict_verdicts(con) -> dict[int, tuple[str | None, str | None]]:
    """Files the fast path cannot judge alone, recognised by the oracle: {ord: (source, reject reason)}.

    Those a guard flagged, and Google streams with a batch whose `results` read as NULL (absent and null
    are fine; a batch that is not an object, or `results` that is not an array, make the file invalid)."""
    rows = con.execute(f"""
        SELECT ord, path FROM files WHERE strict
        UNION
        SELECT g.ord, f.path FROM {docs_table('google', False)} g JOIN files f USING (ord)
        WHERE list_bool_or(list_transform(g.batches, lambda b: b.results IS NULL))""").fetchall()
    verdicts = {}
    for ord_, path in rows:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            verdicts[ord_] = (oracle.recognise(data).source, None)
        except oracle.NotADataPage as reason:
            verdicts[ord_] = (None, str(reason))
    return verdicts


def accept_batch(con, verdicts: dict) -> list[tuple[str, str]]:
    """Table `accepted(ord, path, bytes, sha, source, rows, file_id)`; records rejected files; returns them."""
    con.execute("CREATE OR REPLACE TEMP TABLE verdicts (ord BIGINT, source VARCHAR, reason VARCHAR)")
    if verdicts:
        con.executemany("INSERT INTO verdicts VALUES (?, ?, ?)", [(o, s, r) for o, (s, r) in verdicts.items()])
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE judged AS
        SELECT f.ord, f.path, f.bytes, f.sha, coalesce(m.rows, g.rows, 0) AS rows,
               CASE WHEN m.parsed THEN 'meta' WHEN g.parsed THEN 'google' END AS source,
               CASE
                   WHEN f.not_utf8 THEN 'not UTF-8 text'
                   WHEN f.first IS NULL OR f.first = '' THEN 'empty file'
                   WHEN f.first NOT IN ('{{', '[') THEN 'first non-blank character is ' || f.first || ', not {{ or ['
                   WHEN v.reason IS NOT NULL THEN v.reason
                   WHEN f.first = '{{' AND NOT m.parsed THEN 'invalid JSON, or an object without a data array'
                   WHEN f.first = '[' AND NOT g.parsed THEN 'invalid JSON'
               END AS reason,
               v.ord IS NOT NULL AS strictly_valid
        FROM files f
        LEFT JOIN (SELECT ord, rows IS NOT NULL AS parsed, len(rows) AS rows
                   FROM {docs_table('meta', False)}) m USING (ord)
        LEFT JOIN (SELECT ord, batches IS NOT NULL AS parsed,
                          len(flatten(list_transform(batches, lambda b: b.results))) AS rows
                   FROM {docs_table('google', False)}) g USING (ord)
        LEFT JOIN verdicts v USING (ord)""")
    # A strictly valid page DuckDB cannot parse (a lone surrogate escape) is refused, not misread.
    con.execute("""UPDATE judged SET reason = 'DuckDB''s JSON reader cannot read this page'
                   WHERE reason IS NULL AND source IS NULL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE accepted AS
        SELECT ord, path, bytes, sha, source, rows,
               (SELECT coalesce(max(file_id), 0) FROM bronze_files) + row_number() OVER (ORDER BY ord) AS file_id
        FROM judged
        WHERE reason IS NULL AND sha NOT IN (SELECT sha256 FROM bronze_files)
        QUALIFY row_number() OVER (PARTITION BY sha ORDER BY ord) = 1""")
    rejected = con.execute("SELECT path, reason FROM judged WHERE reason IS NOT NULL ORDER BY ord").fetchall()
    if rejected:
        con.executemany("INSERT INTO rejected_files VALUES (?, ?)", rejected)
    return rejected


def flatten_rows(con, prefs: str, exact: bool) -> None:
    """Appends the rows of the parsed accepted pages (one flavour) to `checked`."""
    con.execute(f"INSERT INTO checked {checked_sql(meta_typed_sql(meta_staged_sql(exact), prefs))}")
    con.execute(f"INSERT INTO checked {checked_sql(google_typed_sql(google_staged_sql(exact)))}")


def flatten_batch(con, prefs: str) -> int:
    """Appends the batch's rows to `checked` and its files to the catalogue.

    Files with a row the fast schema may have misread are flattened again with the exact schema.
    Returns how many files that was."""
    first_ord = con.execute("SELECT min(ord) FROM batch").fetchone()[0]
    flatten_rows(con, prefs, exact=False)
    recheck = f"SELECT DISTINCT ord FROM checked WHERE recheck AND ord >= {first_ord}"
    redo = con.execute(f"SELECT count(*) FROM ({recheck})").fetchone()[0]
    if redo:
        con.execute(f"CREATE OR REPLACE TEMP TABLE redo AS {recheck}")
        con.execute("DELETE FROM checked WHERE ord IN (SELECT ord FROM redo)")
        parse_batch(con, exact=True, only="SELECT ord FROM redo")
        flatten_rows(con, prefs, exact=True)
        con.execute("DROP TABLE redo")
        for source in ("meta", "google"):
            con.execute(f"DROP TABLE {docs_table(source, True)}")
    con.execute("INSERT INTO file_ids SELECT ord, file_id FROM accepted")
    con.execute("""INSERT INTO bronze_files SELECT file_id, path, sha, source, rows, bytes, now()
                   FROM accepted ORDER BY file_id""")
    return redo


BRONZE_MODES = ("parquet", "table", "none")


def keep_bronze(con, mode: str, directory: str | None, batch_number: int) -> None:
    """Keeps the batch's accepted files verbatim: a zstd Parquet file per batch, or table rows."""
    files = "SELECT a.file_id, b.content FROM accepted a JOIN batch b USING (ord)"
    if mode == "table":
        con.execute(f"CREATE TABLE IF NOT EXISTS bronze_blobs AS {files} LIMIT 0")
        con.execute(f"INSERT INTO bronze_blobs {files}")
    elif mode == "parquet":
        if not directory:
            raise ValueError("--bronze parquet needs a directory for the Parquet files")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, f"batch-{batch_number:05d}.parquet")
        # Row groups of 16 MiB (a few files each) let DuckDB compress them on every thread at once.
        con.execute(f"""COPY ({files}) TO {sql_string(path)}
                        (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES {16 << 20})""")
        pattern = os.path.join(os.path.abspath(directory), "*.parquet")
        con.execute(f"CREATE OR REPLACE VIEW bronze_blobs AS SELECT * FROM read_parquet({sql_string(pattern)})")
    elif mode != "none":
        raise ValueError(f"unknown Bronze mode {mode!r}; use one of {', '.join(BRONZE_MODES)}")


SILVER_SQL = """
    CREATE OR REPLACE TABLE ad_insights AS
    SELECT source, account_id, currency, campaign_id, campaign_name, adset_id, adset_name, ad_id, ad_name,
           date, impressions, clicks, spend, conversions, conversion_value, conversion_action, file_id, row
    FROM checked JOIN file_ids USING (ord)
    WHERE reason IS NULL
    QUALIFY row_number() OVER (PARTITION BY source, account_id, ad_id, date ORDER BY file_id DESC, row DESC) = 1
    ORDER BY date_trunc('month', date), source, account_id, ad_id, date;

    CREATE OR REPLACE TABLE quarantine AS
    SELECT file_id, row, source, reason, detail
    FROM checked JOIN file_ids USING (ord) WHERE reason IS NOT NULL ORDER BY file_id, row;
"""


def configure(con, threads: int | None, memory_limit: str | None, temp_directory: str | None) -> None:
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])
    if temp_directory:
        con.execute("SET temp_directory = ?", [temp_directory])
    con.execute("SET preserve_insertion_order = false")  # every table here is written with ORDER BY


class Stopwatch:
    """Seconds spent per named stage, added up over batches."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def ingest(con, runs: list[str], conversion_set: list[str] | None = None,
           batch_bytes: int = DEFAULT_BATCH_BYTES, bronze: str = "none", bronze_dir: str | None = None,
           log=None) -> dict:
    """Ingests the runs into an empty database; returns the summary (counts, rejected files, timings)."""
    conversion_set = conversion_set or list(oracle.DEFAULT_CONVERSION_SET)
    prefs = "[" + ", ".join(sql_string(name) for name in conversion_set) + "]"
    watch = Stopwatch()
    paths = list_files(runs)
    con.execute(SCHEMA_SQL)
    if con.execute("SELECT count(*) FROM bronze_files").fetchone()[0]:
        raise RuntimeError("the database already holds an ingest; the peer ingests into a fresh database")
    watch.lap("list")
    rejected, rechecked = [], 0
    for number, (first_ord, batch_paths) in enumerate(batches_of(paths, batch_bytes)):
        load_batch(con, first_ord, batch_paths)
        watch.lap("read")
        classify_batch(con)
        watch.lap("sha256_and_strict_json_guards")
        parse_batch(con)
        watch.lap("parse")
        rejected += accept_batch(con, strict_verdicts(con))
        watch.lap("recognise")
        rechecked += flatten_batch(con, prefs)
        watch.lap("flatten_validate")
        keep_bronze(con, bronze, bronze_dir, number)
        watch.lap("keep_bronze")
        for table in ("batch", "files", "judged", "accepted", "verdicts", docs_table("meta", False),
                      docs_table("google", False)):
            con.execute(f"DROP TABLE {table}")
    con.execute(SILVER_SQL)
    watch.lap("dedup_silver")
    gold = build_gold(con)
    watch.lap("gold")
    summary = summarise(con, paths, rejected, gold)
    summary["files_rechecked_exactly"] = rechecked
    con.execute("DROP TABLE checked; DROP TABLE file_ids")
    con.execute("CHECKPOINT")
    watch.lap("checkpoint")
    summary["timings"] = {stage: round(seconds, 3) for stage, seconds in watch.seconds.items()}
    summary["timings"]["total"] = round(sum(watch.seconds.values()), 3)
    if log:
        for path, reason in rejected:
            print(f"rejected {path}: {reason}", file=log)
    return summary


def summarise(con, paths: list[str], rejected: list, gold: dict) -> dict:
    """Counts in the oracle's summary.json vocabulary, and the accounting identity (rule 6)."""
    def scalar(sql: str):
        return con.execute(sql).fetchone()[0]
    bronze = scalar("SELECT count(*) FROM checked")
    valid = scalar("SELECT count(*) FROM checked WHERE reason IS NULL")
    silver = scalar("SELECT count(*) FROM ad_insights")
    quarantined = bronze - valid
    files = scalar("SELECT count(*) FROM bronze_files")
    return {
        "files_offered": len(paths),
        "files_ingested": files,
        "files_rejected": len(rejected),
        "duplicate_files_skipped": len(paths) - files - len(rejected),
        "bronze_rows": bronze,
        "silver_rows": silver,
        "quarantine_rows": quarantined,
        "quarantine_by_reason": dict(con.execute(
            "SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 1").fetchall()),
        "superseded": valid - silver,
        "identity_ok": bronze == silver + quarantined + (valid - silver),
        "gold_rows": gold,
        "duckdb": duckdb.__version__,
    }


def export(con, out_dir: str) -> dict:
    """Writes the oracle's CSV exports (silver, quarantine, Gold) to out_dir; returns row counts."""
    os.makedirs(out_dir, exist_ok=True)
    return {name: oracle.export_table(con, table, order, os.path.join(out_dir, f"{name}.csv"))
            for name, (table, order) in oracle.EXPORTS.items()}


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub):
        sub.add_argument("--db", required=True, help="the DuckDB database file")
        sub.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
        sub.add_argument("--memory-limit", help="DuckDB memory limit (default: DuckDB's, 80%% of RAM)")
        sub.add_argument("--temp-directory", help="where DuckDB spills (default: next to the database)")

    run = commands.add_parser("ingest", help="ingest RUNs into a fresh database (prints a JSON summary)")
    common(run)
    run.add_argument("--conversion-set", default=",".join(oracle.DEFAULT_CONVERSION_SET),
                     help="comma-separated Meta action types, in preference order")
    run.add_argument("--batch-bytes", type=int, default=DEFAULT_BATCH_BYTES,
                     help="Bronze bytes read at once (default 1 GiB)")
    run.add_argument("--bronze", choices=BRONZE_MODES, default="parquet",
                     help="keep Bronze as zstd Parquet files in DB.bronze/ (default), in a table, or not at all")
    run.add_argument("--out", help="also write the oracle-format CSV exports to this directory")
    run.add_argument("--replace", action="store_true", help="delete an existing database file first")
    run.add_argument("runs", nargs="+", metavar="RUN", help="file or directory ingested as one run")

    gold = commands.add_parser("gold", help="rebuild the three Gold tables from Silver (prints JSON)")
    common(gold)

    out = commands.add_parser("export", help="write the oracle-format CSV exports")
    common(out)
    out.add_argument("--out", required=True, help="output directory")

    args = parser.parse_args(argv)
    if args.command == "ingest":
        bronze_dir = Path(args.db + ".bronze")
        if args.replace:
            for suffix in ("", ".wal"):
                Path(args.db + suffix).unlink(missing_ok=True)
            shutil.rmtree(bronze_dir, ignore_errors=True)
        elif bronze_dir.exists() and any(bronze_dir.iterdir()):
            parser.error(f"{bronze_dir} already holds Bronze files; use --replace to start afresh")
    if args.command != "ingest" and not os.path.exists(args.db):
        parser.error(f"no such database: {args.db}")
    # elapsed_seconds: from opening the database to closing it (what the benchmark reports; the
    # Python interpreter's start and `import duckdb` are left out).
    started = time.perf_counter()
    con = duckdb.connect(args.db)
    try:
        configure(con, args.threads, args.memory_limit, args.temp_directory)
        if args.command == "ingest":
            result = ingest(con, args.runs, args.conversion_set.split(","), args.batch_bytes,
                            bronze=args.bronze, bronze_dir=args.db + ".bronze", log=sys.stderr)
            if args.out:
                export(con, args.out)
        elif args.command == "gold":
            result = {"gold_rows": build_gold(con)}
            con.execute("CHECKPOINT")
        else:
            result = {"rows": export(con, args.out)}
    finally:
        con.close()
    result["elapsed_seconds"] = round(time.perf_counter() - started, 4)
    print(json.dumps(result))
    return 0 if result.get("identity_ok", True) else 1


if __name__ == "__main__":
    sys.exit(main())
