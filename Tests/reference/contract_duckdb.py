#!/usr/bin/env python3
"""Reference implementation (oracle) of the Aurum data contract, in DuckDB SQL.

This is an independent implementation of /work/shared/spec/data-contract.md used to check
the Swift pipeline differentially. Python only lists files, recognises them and flattens
each JSON row into a staging table of *raw tokens* (strings stay strings, JSON numbers keep
their exact source token); every contract rule -- validation codes in order, the Meta
conversion choice, dedup by the last valid row in ingest order, Gold sums, KPIs, the
campaign label and the ISO week -- is SQL over those staging tables.

Usage:
    python3 Tests/reference/contract_duckdb.py --out OUTDIR RUN [RUN ...]

Each RUN (a file or a directory) is one ingest run; runs are ingested in the order given,
and within a run files are taken in byte-wise order of their path as given. Files are
numbered (file_id) from 1 in ingest order; `row` is the 0-based index of the row within its
file (Google: batches flattened, then results). A file that is not a data page is reported
and skipped (it gets no file_id); a file whose sha256 was already ingested is skipped.

Outputs in OUTDIR: silver.csv, quarantine.csv, kpi_campaign_daily.csv,
kpi_campaign_weekly.csv, kpi_campaign_total.csv, bronze_files.csv and summary.json.
CSV: a header line, NULL as an empty field, the empty string as "", doubles printed with
Python repr (shortest round-trip), dates as YYYY-MM-DD.

Team decisions applied (the same as docs/pipeline.md; Tests/reference/README.md lists them all):
  * absent field or JSON null -> NULL; a present "" stays "" (but "" in an id/date = missing);
    a JSON number in an id or text field keeps its literal text; other non-strings are absent;
    a date that is present but not a string is bad_date;
  * an absent or null metric counts as 0; "" in a metric is non_numeric_<metric>;
  * integers: `-?[0-9]+` fitting Int64, as a JSON string or a JSON number token;
  * Meta decimals: `-?[0-9]+(\\.[0-9]+)?` (JSON string or number token), finite;
  * Google conversions/conversionsValue must be finite JSON numbers;
  * bad_date_range only when Meta date_stop is present, not null, and not "" or date_start;
  * Meta conversions: any chosen entry non-numeric -> non_numeric, else any negative -> negative;
  * Gold campaign_name: the latest (date, ingest order) non-empty name, else NULL; Gold currency:
    the latest (date, ingest order) non-NULL currency of the campaign.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import duckdb

DEFAULT_CONVERSION_SET = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"]

# Kinds of a raw metric token in the staging table.
ABSENT, STRING, NUMBER, ARRAY, OTHER = "absent", "string", "number", "array", "other"

TEXT_FIELDS = ["account_id", "currency", "campaign_id", "campaign_name", "adset_id", "adset_name",
               "ad_id", "ad_name"]
METRICS = ["impressions", "clicks", "spend", "conversions", "conversion_value"]
TOKEN_FIELDS = ["date", "date_stop"] + METRICS  # staged as (kind, text)
STAGE_COLUMNS = (["file_id", "row", "source"] + TEXT_FIELDS
                 + [f"{m}_{part}" for m in TOKEN_FIELDS for part in ("kind", "text")])
ACTION_COLUMNS = ["file_id", "row", "list", "entry", "action_type", "value_kind", "value_text"]

SILVER_COLUMNS = ["source", "account_id", "currency", "campaign_id", "campaign_name", "adset_id",
                  "adset_name", "ad_id", "ad_name", "date", "impressions", "clicks", "spend",
                  "conversions", "conversion_value", "conversion_action", "file_id", "row"]
GOLD_MEASURES = ["impressions", "clicks", "spend", "conversions", "conversion_value",
                 "ctr", "cpc", "cpm", "cpa", "roas"]


# --------------------------------------------------------------------------------------------
# JSON parsing that keeps number tokens verbatim
# --------------------------------------------------------------------------------------------

class NumberToken:
    """A JSON number kept as its exact source text (so '1.50' and '1e3' stay distinguishable)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _reject_constant(name: str):
    raise ValueError(f"non-standard JSON constant {name}")


class JSONObject(dict):
    """A parsed JSON object that remembers which member names it saw more than once (the last value is kept)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        names = [name for name, _ in pairs]
        self.repeated = {name for name in names if names.count(name) > 1} if len(names) != len(self) else set()


def parse_json(text: str):
    """Parse strict JSON; numbers become NumberToken, NaN/Infinity are errors."""
    return json.loads(text, parse_int=NumberToken, parse_float=NumberToken,
                      parse_constant=_reject_constant, object_pairs_hook=JSONObject)


# --------------------------------------------------------------------------------------------
# File listing and recognition
# --------------------------------------------------------------------------------------------

def list_run_files(run: str) -> list[str]:
    """All regular files of a run, in byte-wise order of their path as given."""
    if os.path.isfile(run):
        return [run]
    paths = []
    for dirpath, _dirs, names in os.walk(run):
        for name in names:
            path = os.path.join(dirpath, name)
            if os.path.isfile(path):
                paths.append(path)
    return sorted(paths, key=os.fsencode)


@dataclass
class Page:
    """A recognised data page: its source and its rows (parsed JSON values), in order."""
    source: str
    rows: list


class NotADataPage(Exception):
    """Raised by recognise() with a human reason when a file is not a data page."""


def recognise(data: bytes) -> Page:
    """Classify a file's bytes as a Meta page or a Google stream (contract rule 1)."""
    stripped = data.lstrip(b" \t\r\n")
    if not stripped:
        raise NotADataPage("empty file")
    first = stripped[:1]
    if first not in (b"{", b"["):
        raise NotADataPage(f"first non-blank byte is {first!r}, not '{{' or '['")
    try:
        doc = parse_json(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise NotADataPage(f"invalid JSON: {error}") from None
    if first == b"{":
        return _meta_page(doc)
    return _google_stream(doc)


def _meta_page(doc) -> Page:
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        if isinstance(doc, dict) and "error" in doc:
            raise NotADataPage("API error body (object with 'error', no 'data' array)")
        raise NotADataPage("JSON object without a 'data' array")
    # Choice (contract silent): a repeated 'data' member makes the page ambiguous, so it is not a data page.
    if "data" in doc.repeated:
        raise NotADataPage("the page has more than one 'data' member")
    return Page("meta", doc["data"])


def _google_stream(doc) -> Page:
    # Choice (contract silent): a batch must be an object without 'error' whose 'results', if
    # present, is an array; a batch without 'results' contributes no rows.
    rows = []
    for index, batch in enumerate(doc):
        if not isinstance(batch, dict):
            raise NotADataPage(f"stream batch {index} is not an object")
        if "error" in batch:
            raise NotADataPage(f"stream batch {index} is an API error")
        # Choices: a repeated 'results', or a 'data' member without 'results' (a Meta page wrapped in an
        # array), is not a data page.
        if "results" in batch.repeated:
            raise NotADataPage(f"stream batch {index} has more than one 'results' member")
        if "results" not in batch and "data" in batch:
            raise NotADataPage(f"stream batch {index} has 'data' and no 'results' (a Meta page in an array?)")
        results = batch.get("results")
        if results is None:
            continue
        if not isinstance(results, list):
            raise NotADataPage(f"stream batch {index} has a non-array 'results'")
        rows.extend(results)
    return Page("google", rows)


# --------------------------------------------------------------------------------------------
# Row flattening into raw tokens
# --------------------------------------------------------------------------------------------

def text_value(value):
    """A text field: the string itself, a JSON number's literal text; else None (NULL)."""
    if isinstance(value, str):
        return value
    return value.text if isinstance(value, NumberToken) else None


def metric_token(value) -> tuple[str, str | None]:
    """(kind, text) of a scalar metric: absent/null, string, number token or other."""
    if value is None:
        return ABSENT, None
    if isinstance(value, str):
        return STRING, value
    if isinstance(value, NumberToken):
        return NUMBER, value.text
    return OTHER, None


def dig(obj, *keys):
    """obj[k1][k2]... or None when any level is missing or not an object."""
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def flatten_meta(row, conversion_types: set[str]) -> tuple[list, list]:
    """Staging values of one Meta row, plus its conversion-type action entries."""
    row = row if isinstance(row, dict) else {}
    texts = [text_value(row.get(k)) for k in
             ("account_id", "account_currency", "campaign_id", "campaign_name", "adset_id",
              "adset_name", "ad_id", "ad_name")]
    metrics = [metric_token(row.get("date_start")), metric_token(row.get("date_stop")),
               metric_token(row.get("impressions")), metric_token(row.get("clicks")),
               metric_token(row.get("spend"))]
    actions = []
    for list_name in ("actions", "action_values"):
        entries = row.get(list_name)
        if entries is None:
            metrics.append((ABSENT, None))
        elif isinstance(entries, list):
            metrics.append((ARRAY, None))
            actions.extend(_action_entries(list_name, entries, conversion_types))
        else:
            metrics.append((OTHER, None))
    return texts + [part for token in metrics for part in token], actions


def _action_entries(list_name: str, entries: list, conversion_types: set[str]) -> Iterator[list]:
    # Only entries of a configured conversion type can influence the result.
    for index, entry in enumerate(entries):
        action_type = entry.get("action_type") if isinstance(entry, dict) else None
        if isinstance(action_type, str) and action_type in conversion_types:
            kind, text = metric_token(entry.get("value"))
            yield [list_name, index, action_type, kind, text]


def flatten_google(row) -> list:
    """Staging values of one Google SearchStream result."""
    texts = [text_value(dig(row, "customer", "id")), text_value(dig(row, "customer", "currencyCode")),
             text_value(dig(row, "campaign", "id")), text_value(dig(row, "campaign", "name")),
             text_value(dig(row, "adGroup", "id")), text_value(dig(row, "adGroup", "name")),
             text_value(dig(row, "adGroupAd", "ad", "id")), text_value(dig(row, "adGroupAd", "ad", "name"))]
    tokens = [metric_token(dig(row, "segments", "date")), (ABSENT, None)]
    tokens += [metric_token(dig(row, "metrics", name)) for name in
               ("impressions", "clicks", "costMicros", "conversions", "conversionsValue")]
    metrics = row.get("metrics") if isinstance(row, dict) else None
    if metrics is not None and not isinstance(metrics, dict):
        tokens[2] = (OTHER, None)  # a malformed metrics object must not read as all zeros
    return texts + [part for token in tokens for part in token]


# --------------------------------------------------------------------------------------------
# Ingest: files -> staging CSVs
# --------------------------------------------------------------------------------------------

@dataclass
class IngestLog:
    """What happened to every file offered for ingest."""
    files: list = field(default_factory=list)       # (file_id, path, sha256, source, rows, bytes)
    rejected: list = field(default_factory=list)    # {"path", "reason"}
    duplicates: list = field(default_factory=list)  # {"path", "sha256", "same_as_file_id"}


class Stager:
    """Writes flattened rows and action entries to CSV files that DuckDB loads in one go."""

    def __init__(self, directory: str, conversion_types: set[str]):
        self.rows_path = os.path.join(directory, "rows.csv")
        self.actions_path = os.path.join(directory, "actions.csv")
        self.conversion_types = conversion_types
        self._rows = open(self.rows_path, "w", encoding="utf-8", newline="")
        self._actions = open(self.actions_path, "w", encoding="utf-8", newline="")

    def add_page(self, file_id: int, page: Page) -> None:
        for index, row in enumerate(page.rows):
            if page.source == "meta":
                values, actions = flatten_meta(row, self.conversion_types)
                for entry in actions:
                    self._actions.write(staging_line([file_id, index] + entry))
            else:
                values = flatten_google(row)
            self._rows.write(staging_line([file_id, index, page.source] + values))

    def close(self) -> None:
        self._rows.close()
        self._actions.close()


def _staging_field(value) -> str:
    # NULL is an empty unquoted field; every string is quoted, so "" stays "" (DuckDB reads it
    # with allow_quoted_nulls = false). Python's csv module cannot tell None from "" here.
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace('"', '""') + '"'


def staging_line(values: list) -> str:
    return ",".join([_staging_field(value) for value in values]) + "\n"


def ingest_runs(runs: list[str], stager: Stager) -> IngestLog:
    """Recognise and stage every file of every run, in contract ingest order."""
    log = IngestLog()
    seen_sha: dict[str, int] = {}
    for run in runs:
        for path in list_run_files(run):
            with open(path, "rb") as handle:
                data = handle.read()
            sha = hashlib.sha256(data).hexdigest()
            if sha in seen_sha:
                log.duplicates.append({"path": path, "sha256": sha, "same_as_file_id": seen_sha[sha]})
                continue
            try:
                page = recognise(data)
            except NotADataPage as reason:
                log.rejected.append({"path": path, "reason": str(reason)})
                continue
            file_id = len(log.files) + 1
            seen_sha[sha] = file_id
            log.files.append((file_id, path, sha, page.source, len(page.rows), len(data)))
            stager.add_page(file_id, page)
    return log


# --------------------------------------------------------------------------------------------
# The contract in SQL
# --------------------------------------------------------------------------------------------

INT_PATTERN = "-?[0-9]+"
DECIMAL_PATTERN = r"-?[0-9]+(\.[0-9]+)?"


def load_staging(con, stager: Stager, conversion_set: list[str]) -> None:
    """Load the staging CSVs and the conversion preference table."""
    columns = {name: "VARCHAR" for name in STAGE_COLUMNS}
    columns.update(file_id="INTEGER", row="BIGINT")
    action_columns = {name: "VARCHAR" for name in ACTION_COLUMNS}
    action_columns.update(file_id="INTEGER", row="BIGINT", entry="INTEGER")
    for table, path, cols in (("stage_rows", stager.rows_path, columns),
                              ("stage_actions", stager.actions_path, action_columns)):
        con.execute(f"""
            CREATE TABLE {table} AS SELECT * FROM read_csv(?, header = false, auto_detect = false,
                columns = {_struct_literal(cols)}, quote = '"', escape = '"',
                allow_quoted_nulls = false, delim = ',', new_line = '\\n')""", [path])
    con.execute("CREATE TABLE conversion_pref (action_type VARCHAR, pref INTEGER)")
    con.executemany("INSERT INTO conversion_pref VALUES (?, ?)",
                    [(name, rank) for rank, name in enumerate(conversion_set)])


def _struct_literal(columns: dict) -> str:
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"


def sql_meta_conversions() -> str:
    """Rule 4: per Meta row and list, the first configured type present, and its entries' sum."""
    return f"""
    CREATE TABLE meta_conversion AS
    WITH present AS (
        SELECT a.file_id, a.row, a.list, a.entry, a.action_type, p.pref, a.value_kind, a.value_text
        FROM stage_actions a JOIN conversion_pref p USING (action_type)),
    chosen AS (
        SELECT file_id, row, list, min(pref) AS pref FROM present GROUP BY ALL)
    SELECT c.file_id, c.row, c.list,
           any_value(p.action_type) AS action_type,
           coalesce(bool_and(p.value_kind IN ('{STRING}', '{NUMBER}')
                    AND regexp_full_match(p.value_text, '{DECIMAL_PATTERN}')
                    AND isfinite(TRY_CAST(p.value_text AS DOUBLE))), false) AS numeric_ok,
           coalesce(bool_or(TRY_CAST(p.value_text AS DOUBLE) < 0), false) AS any_negative,
           sum(TRY_CAST(p.value_text AS DOUBLE) ORDER BY p.entry) AS amount  -- array order
    FROM chosen c JOIN present p USING (file_id, row, list, pref)
    GROUP BY ALL"""


def _int_ok(metric: str) -> str:
    kind, text = f"{metric}_kind", f"{metric}_text"
    return (f"coalesce({kind} = '{ABSENT}' OR ({kind} IN ('{STRING}', '{NUMBER}') "
            f"AND regexp_full_match({text}, '{INT_PATTERN}') "
            f"AND TRY_CAST({text} AS BIGINT) IS NOT NULL), false)")


def sql_typed_rows() -> str:
    """Every Bronze row with each metric's validity and value (absent = 0)."""
    return f"""
    CREATE TABLE typed AS
    SELECT r.file_id, r.row, r.source, r.account_id, r.currency, r.campaign_id, r.campaign_name,
           r.adset_id, r.adset_name, r.ad_id, r.ad_name, r.date_kind, r.date_text,
           r.date_stop_kind, r.date_stop_text,
           {_int_ok('impressions')} AS impressions_ok,
           coalesce(TRY_CAST(r.impressions_text AS BIGINT), 0) AS impressions,
           impressions < 0 AS impressions_negative,
           {_int_ok('clicks')} AS clicks_ok,
           coalesce(TRY_CAST(r.clicks_text AS BIGINT), 0) AS clicks,
           clicks < 0 AS clicks_negative,
           CASE r.source
               WHEN 'meta' THEN coalesce(r.spend_kind = '{ABSENT}' OR (
                    r.spend_kind IN ('{STRING}', '{NUMBER}')
                    AND regexp_full_match(r.spend_text, '{DECIMAL_PATTERN}')
                    AND isfinite(TRY_CAST(r.spend_text AS DOUBLE))), false)
               ELSE {_int_ok('spend')} END AS spend_ok,
           CASE r.source
               WHEN 'meta' THEN coalesce(TRY_CAST(r.spend_text AS DOUBLE), 0)
               ELSE CAST(coalesce(TRY_CAST(r.spend_text AS BIGINT), 0) AS DOUBLE)
                    / CAST(1000000 AS DOUBLE) END + 0.0 AS spend,
           spend < 0 AS spend_negative,
           {_conversion_sql('conversions', 'actions')},
           {_conversion_sql('conversion_value', 'action_values')},
           CASE WHEN r.source = 'meta' THEN mc.action_type END AS conversion_action
    FROM stage_rows r
    LEFT JOIN meta_conversion mc ON mc.file_id = r.file_id AND mc.row = r.row AND mc.list = 'actions'
    LEFT JOIN meta_conversion mv ON mv.file_id = r.file_id AND mv.row = r.row AND mv.list = 'action_values'
    """


def _conversion_sql(metric: str, meta_list: str) -> str:
    alias = "mc" if meta_list == "actions" else "mv"
    kind, text = f"r.{metric}_kind", f"r.{metric}_text"
    return f"""coalesce(CASE r.source
               WHEN 'meta' THEN {kind} = '{ABSENT}'
                    OR ({kind} = '{ARRAY}' AND coalesce({alias}.numeric_ok, true))
               ELSE {kind} = '{ABSENT}'
                    OR ({kind} = '{NUMBER}' AND isfinite(TRY_CAST({text} AS DOUBLE))) END,
               false) AS {metric}_ok,
           CASE r.source
               WHEN 'meta' THEN coalesce({alias}.amount, 0)
               ELSE coalesce(TRY_CAST({text} AS DOUBLE), 0) END + 0.0 AS {metric},
           CASE r.source
               WHEN 'meta' THEN coalesce({alias}.any_negative, false)
               ELSE {metric} < 0 END AS {metric}_negative"""


def sql_validation() -> str:
    """Rule 3: the first failing check, in contract order, gives the reason (NULL = valid)."""
    metric_checks = "\n".join(
        f"            WHEN NOT {m}_ok THEN 'non_numeric_{m}'\n"
        f"            WHEN {m}_negative THEN 'negative_{m}'" for m in METRICS)
    return f"""
    CREATE TABLE checked AS
    SELECT *,
        CASE
            WHEN account_id IS NULL OR account_id = '' THEN 'missing_account_id'
            WHEN ad_id IS NULL OR ad_id = '' THEN 'missing_ad_id'
            WHEN campaign_id IS NULL OR campaign_id = '' THEN 'missing_campaign_id'
            WHEN date_kind = '{ABSENT}' OR (date_kind = '{STRING}' AND date_text = '') THEN 'missing_date'
            WHEN date_kind <> '{STRING}'
                 OR NOT regexp_full_match(date_text, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
                 OR CAST(TRY_CAST(date_text AS DATE) AS VARCHAR) IS DISTINCT FROM date_text
                 THEN 'bad_date'
            WHEN source = 'meta' AND date_stop_kind <> '{ABSENT}'
                 AND NOT (date_stop_kind = '{STRING}' AND date_stop_text IN ('', date_text))
                 THEN 'bad_date_range'
{metric_checks}
        END AS reason
    FROM typed"""


SQL_DEDUP = """
    CREATE TABLE ranked AS
    SELECT *, row_number() OVER (PARTITION BY source, account_id, ad_id, date_text
                                 ORDER BY file_id DESC, row DESC) AS recency
    FROM checked WHERE reason IS NULL;

    CREATE TABLE ad_insights AS
    SELECT source, account_id, currency, campaign_id, campaign_name, adset_id, adset_name, ad_id,
           ad_name, CAST(date_text AS DATE) AS date, impressions, clicks, spend, conversions,
           conversion_value, conversion_action, file_id, row
    FROM ranked WHERE recency = 1;

    CREATE TABLE quarantine AS
    SELECT file_id, row, source, reason FROM checked WHERE reason IS NOT NULL;
"""

SQL_CAMPAIGN_LABEL = """
    CREATE TABLE campaign_label AS
    WITH latest_name AS (
        SELECT source, account_id, campaign_id, campaign_name FROM (
            SELECT *, row_number() OVER (PARTITION BY source, account_id, campaign_id
                                         ORDER BY date DESC, file_id DESC, row DESC) AS recency
            FROM ad_insights WHERE campaign_name IS NOT NULL AND campaign_name <> '')
        WHERE recency = 1),
    latest_currency AS (
        SELECT source, account_id, campaign_id, currency FROM (
            SELECT *, row_number() OVER (PARTITION BY source, account_id, campaign_id
                                         ORDER BY date DESC, file_id DESC, row DESC) AS recency
            FROM ad_insights WHERE currency IS NOT NULL)
        WHERE recency = 1)
    SELECT c.source, c.account_id, c.campaign_id, n.campaign_name, cur.currency
    FROM (SELECT DISTINCT source, account_id, campaign_id FROM ad_insights) c
    LEFT JOIN latest_name n USING (source, account_id, campaign_id)
    LEFT JOIN latest_currency cur USING (source, account_id, campaign_id);
"""

# Double sums are compensated (Kahan) and taken in a fixed order, so the oracle's Gold is
# accurate and byte-for-byte reproducible whatever the thread count.
KPI_SQL = """
    sum(impressions)::BIGINT AS impressions, sum(clicks)::BIGINT AS clicks,
    fsum(spend ORDER BY ad_id, date) AS spend,
    fsum(conversions ORDER BY ad_id, date) AS conversions,
    fsum(conversion_value ORDER BY ad_id, date) AS conversion_value"""

RATIO_SQL = """
    CASE WHEN impressions = 0 THEN NULL ELSE clicks::DOUBLE / impressions END AS ctr,
    CASE WHEN clicks = 0 THEN NULL ELSE spend / clicks END AS cpc,
    CASE WHEN impressions = 0 THEN NULL ELSE 1000 * spend / impressions END AS cpm,
    CASE WHEN conversions = 0 THEN NULL ELSE spend / conversions END AS cpa,
    CASE WHEN spend = 0 THEN NULL ELSE conversion_value / spend END AS roas"""


def sql_gold(table: str, period_expr: str | None, period_name: str | None) -> str:
    """A Gold table: sums per campaign (and period) plus KPIs and the all-time label."""
    keys = "source, account_id, campaign_id" + (f", {period_name}" if period_name else "")
    period_select = f", {period_expr} AS {period_name}" if period_name else ""
    return f"""
    CREATE TABLE {table} AS
    WITH sums AS (
        SELECT source, account_id, campaign_id{period_select}, {KPI_SQL}
        FROM ad_insights GROUP BY ALL)
    SELECT s.source, s.account_id, s.campaign_id{', s.' + period_name if period_name else ''},
           l.campaign_name, l.currency, s.impressions, s.clicks, s.spend, s.conversions,
           s.conversion_value, {RATIO_SQL}
    FROM sums s LEFT JOIN campaign_label l USING (source, account_id, campaign_id)
    ORDER BY {keys}"""


def run_contract(con) -> None:
    """Silver, quarantine and Gold from the staged Bronze."""
    con.execute(sql_meta_conversions())
    con.execute(sql_typed_rows())
    con.execute(sql_validation())
    con.execute(SQL_DEDUP)
    con.execute(SQL_CAMPAIGN_LABEL)
    con.execute(sql_gold("kpi_campaign_daily", "date", "date"))
    con.execute(sql_gold("kpi_campaign_weekly", "CAST(date_trunc('week', date) AS DATE)", "week"))
    con.execute(sql_gold("kpi_campaign_total", None, None))


# --------------------------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------------------------

EXPORTS = {
    "silver": ("ad_insights", "source, account_id, ad_id, date"),
    "quarantine": ("quarantine", "file_id, row"),
    "kpi_campaign_daily": ("kpi_campaign_daily", "source, account_id, campaign_id, date"),
    "kpi_campaign_weekly": ("kpi_campaign_weekly", "source, account_id, campaign_id, week"),
    "kpi_campaign_total": ("kpi_campaign_total", "source, account_id, campaign_id"),
}


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _text_field(text: str) -> str:
    if text == "" or _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


# One formatter per Python type DuckDB returns: NULL empty, "" quoted, doubles as repr.
_FIELD_FORMAT = {type(None): lambda _value: "", float: repr, int: str, str: _text_field,
                 datetime.date: datetime.date.isoformat}


def export_table(con, table: str, order_by: str, path: str, batch_rows: int = 100_000) -> int:
    """Write one table as CSV in key order, streaming; returns the row count."""
    cursor = con.execute(f"SELECT * FROM {table} ORDER BY {order_by}")
    names = [column[0] for column in cursor.description]
    count = 0
    formats = _FIELD_FORMAT
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(names) + "\n")
        while batch := cursor.fetchmany(batch_rows):
            out.write("".join([",".join([formats[type(v)](v) for v in row]) + "\n" for row in batch]))
            count += len(batch)
    return count


def write_bronze_files(log: IngestLog, path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file_id", "path", "sha256", "source", "rows", "bytes"])
        writer.writerows(log.files)


def build_summary(con, log: IngestLog, counts: dict, conversion_set: list[str]) -> dict:
    """Counts, rejected/duplicate files and the accounting identity."""
    bronze_by_source = dict(con.execute(
        "SELECT source, count(*) FROM stage_rows GROUP BY 1 ORDER BY 1").fetchall())
    by_reason = dict(con.execute(
        "SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 1").fetchall())
    bronze = sum(bronze_by_source.values())
    valid = con.execute("SELECT count(*) FROM ranked").fetchone()[0]
    superseded = valid - counts["silver"]
    files_by_source = {}
    for _id, _path, _sha, source, _rows, _bytes in log.files:
        files_by_source[source] = files_by_source.get(source, 0) + 1
    return {
        "files_ingested": len(log.files),
        "files_by_source": dict(sorted(files_by_source.items())),
        "rejected_files": log.rejected,
        "duplicate_files_skipped": log.duplicates,
        "bronze_rows": bronze,
        "bronze_rows_by_source": bronze_by_source,
        "silver_rows": counts["silver"],
        "quarantine_rows": counts["quarantine"],
        "quarantine_by_reason": by_reason,
        "superseded": superseded,
        "identity_ok": bronze == counts["silver"] + counts["quarantine"] + superseded,
        "gold_rows": {name: counts[name] for name in
                      ("kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total")},
        "conversion_set": conversion_set,
        "duckdb": duckdb.__version__,
    }


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------

def run_oracle(runs: list[str], out_dir: str, conversion_set: list[str] | None = None,
               threads: int = 2, memory_limit: str = "2GB", log_stream=sys.stderr) -> dict:
    """Ingest the runs, apply the contract, write every export; returns the summary."""
    conversion_set = conversion_set or list(DEFAULT_CONVERSION_SET)
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aurum-oracle-") as work:
        stager = Stager(work, set(conversion_set))
        try:
            log = ingest_runs(runs, stager)
        finally:
            stager.close()
        for item in log.rejected:
            print(f"rejected {item['path']}: {item['reason']}", file=log_stream)
        for item in log.duplicates:
            print(f"skipped {item['path']}: same sha256 as file_id {item['same_as_file_id']}",
                  file=log_stream)
        con = duckdb.connect(os.path.join(work, "oracle.duckdb"))
        try:
            con.execute(f"SET threads = {int(threads)}")
            con.execute("SET memory_limit = ?", [memory_limit])
            con.execute(f"SET temp_directory = '{os.path.join(work, 'spill')}'")
            load_staging(con, stager, conversion_set)
            run_contract(con)
            counts = {name: export_table(con, table, order, os.path.join(out_dir, f"{name}.csv"))
                      for name, (table, order) in EXPORTS.items()}
            write_bronze_files(log, os.path.join(out_dir, "bronze_files.csv"))
            summary = build_summary(con, log, counts, conversion_set)
        finally:
            con.close()
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as out:
        json.dump(summary, out, indent=2, ensure_ascii=False)
        out.write("\n")
    return summary


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output directory for CSVs and summary.json")
    parser.add_argument("--conversion-set", default=",".join(DEFAULT_CONVERSION_SET),
                        help="comma-separated Meta action types, in preference order")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (default 2)")
    parser.add_argument("--memory-limit", default="2GB", help="DuckDB memory limit; it spills beyond")
    parser.add_argument("runs", nargs="+", metavar="RUN", help="file or directory ingested as one run")
    args = parser.parse_args(argv)
    for run in args.runs:
        if not os.path.exists(run):
            parser.error(f"no such file or directory: {run}")
    summary = run_oracle(args.runs, args.out, args.conversion_set.split(","), args.threads,
                         args.memory_limit)
    print(json.dumps({key: summary[key] for key in
                      ("files_ingested", "bronze_rows", "silver_rows", "quarantine_rows",
                       "superseded", "identity_ok")}))
    return 0 if summary["identity_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
