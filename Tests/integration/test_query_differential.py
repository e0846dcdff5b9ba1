"""Differential tests of `aurum query`: every query of the corpus (Tests/integration/queries/*.sql) and of a seeded
random generator runs in DuckDB (the oracle, with the two SETs of the query-language spec) and in Aurum, and the
results must be equal.

The store is built once per session from the generated messy Bronze tree (conftest's `messy_tree`); its tables are
exported as CSV (formula guard off) and loaded into one DuckDB connection with the contract's exact types.

Comparison (see `compare_results`):
  * by position: column names are not compared (the engines name unaliased expressions differently), only the count;
  * rows: if the query has an ORDER BY, in order, except that rows whose ORDER BY keys are equal (a "run") may come
    in any order; without ORDER BY, as multisets;
  * values typed by DuckDB's result type: integers exactly (Aurum must print an integer literal), doubles and DECIMALs
    within 1e-9 relative / 1e-12 absolute, dates as YYYY-MM-DD (DuckDB's date_trunc of a DATE is a TIMESTAMP at
    midnight: compared as its date), booleans true/false, text exactly (`aurum query` adds no formula guard unless
    --formula-guard quote), NULL (an unquoted empty CSV field) equal only to NULL, "" the empty string.
To know the ORDER BY keys, each ORDER BY item is mapped to a result column (a position, an output name/alias or the
same text as a select item); an item that is none of these is appended to the select list of a DuckDB-only copy of
the query. A query with LIMIT must be deterministic: the corpus check refuses one whose cut falls inside a run of
tied rows that are not all identical.

`test_corpus_is_valid_in_duckdb` checks the corpus alone (no `aurum query` needed): every query runs in DuckDB, the
result types are supported, the order keys resolve, LIMITs are deterministic, and every feature of the spec is used.
"""
import datetime
import decimal
import hashlib
import math
import os
import random
import re
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from conftest import AURUM, aurum, ingest

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
GENERATOR_SEED = 20241125
GENERATED_COUNT = 120
REL_TOL, ABS_TOL = 1e-9, 1e-12
DUCKDB_SETTINGS = ["SET ieee_floating_point_ops=false", "SET error_on_division_by_zero=false"]

_GOLD_METRICS = [("campaign_name", "VARCHAR"), ("currency", "VARCHAR"), ("impressions", "BIGINT"),
                 ("clicks", "BIGINT"), ("spend", "DOUBLE"), ("conversions", "DOUBLE"),
                 ("conversion_value", "DOUBLE"), ("ctr", "DOUBLE"), ("cpc", "DOUBLE"), ("cpm", "DOUBLE"),
                 ("cpa", "DOUBLE"), ("roas", "DOUBLE")]
_GOLD_KEYS = [("source", "VARCHAR"), ("account_id", "VARCHAR"), ("campaign_id", "VARCHAR")]
SCHEMAS = {
    "ad_insights": [("source", "VARCHAR"), ("account_id", "VARCHAR"), ("currency", "VARCHAR"),
                    ("campaign_id", "VARCHAR"), ("campaign_name", "VARCHAR"), ("adset_id", "VARCHAR"),
                    ("adset_name", "VARCHAR"), ("ad_id", "VARCHAR"), ("ad_name", "VARCHAR"), ("date", "DATE"),
                    ("impressions", "BIGINT"), ("clicks", "BIGINT"), ("spend", "DOUBLE"),
                    ("conversions", "DOUBLE"), ("conversion_value", "DOUBLE"), ("conversion_action", "VARCHAR"),
                    ("file_id", "BIGINT"), ("row", "BIGINT")],
    "quarantine": [("file_id", "BIGINT"), ("row", "BIGINT"), ("source", "VARCHAR"), ("reason", "VARCHAR"),
                   ("detail", "VARCHAR"), ("raw", "VARCHAR")],
    "bronze_files": [("file_id", "BIGINT"), ("path", "VARCHAR"), ("sha256", "VARCHAR"), ("source", "VARCHAR"),
                     ("rows", "BIGINT"), ("bytes", "BIGINT"), ("ingested_at", "VARCHAR")],
    "kpi_campaign_daily": _GOLD_KEYS + [("date", "DATE")] + _GOLD_METRICS,
    "kpi_campaign_weekly": _GOLD_KEYS + [("week", "DATE")] + _GOLD_METRICS,
    "kpi_campaign_total": _GOLD_KEYS + _GOLD_METRICS,
}


# ---------------------------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------------------------

_QUERY_HEADER = re.compile(r"^--\s*query:\s*([A-Za-z0-9_.-]+)\s*$")


def load_corpus(directory=QUERIES_DIR):
    """[(id, sql)] from every *.sql file: a line `-- query: NAME` starts a query, which runs to the next such line.

    The id is `FILE-STEM/NAME`. Lines before a file's first header are the file's own comments.
    """
    queries, seen = [], set()
    for path in sorted(Path(directory).glob("*.sql")):
        name, lines = None, []

        def flush():
            if name is None:
                return
            text = "\n".join(lines).strip("\n")
            query_id = f"{path.stem}/{name}"
            if query_id in seen:
                raise ValueError(f"duplicate query id {query_id}")
            if not text.strip():
                raise ValueError(f"empty query {query_id}")
            seen.add(query_id)
            queries.append((query_id, text))

        for line in path.read_text(encoding="utf-8").splitlines():
            match = _QUERY_HEADER.match(line)
            if match:
                flush()
                name, lines = match.group(1), []
            elif name is not None:
                lines.append(line)
        flush()
    return queries


CORPUS = load_corpus()
CORPUS_BY_ID = dict(CORPUS)
GENERATED_IDS = [f"generated/{index:03d}" for index in range(GENERATED_COUNT)]


# ---------------------------------------------------------------------------------------------------------------
# A small SQL tokenizer: enough to find the top-level SELECT list, ORDER BY items and LIMIT/OFFSET
# ---------------------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+) | (?P<comment>--[^\n]*|/\*.*?\*/) |
    (?P<string>'(?:[^']|'')*') | (?P<qident>"(?:[^"]|"")*") |
    (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?) |
    (?P<word>[^\W\d]\w*) |
    (?P<symbol><>|!=|<=|>=|\|\||::|[-+*/%(),;=<>.^\[\]]) | (?P<other>.)
""", re.X | re.S)


class Tok:
    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    @property
    def word(self):
        return self.text.upper() if self.kind == "word" else None

    def __repr__(self):
        return f"Tok({self.kind}, {self.text!r})"


def tokenize(sql):
    """Significant tokens (no white space, no comments)."""
    tokens = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        tokens.append(Tok(kind, match.group(), match.start(), match.end()))
    return tokens


def normalize(text):
    """Canonical text of an expression: case-folded words and quoted names, one space between tokens."""
    parts = []
    for token in tokenize(text):
        if token.kind == "word":
            parts.append(token.text.lower())
        elif token.kind == "qident":
            parts.append(token.text[1:-1].replace('""', '"').lower())
        else:
            parts.append(token.text)
    return " ".join(parts)


def _split_top(tokens, start, end):
    """Splits tokens[start:end] at depth-0 commas: [(first index, last index + 1)]."""
    parts, depth, begin = [], 0, start
    for i in range(start, end):
        token = tokens[i]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.text == "," and depth == 0:
            parts.append((begin, i))
            begin = i + 1
    if begin < end:
        parts.append((begin, end))
    return parts


class QueryShape:
    """The parts of a query the harness needs: select items, ORDER BY items, LIMIT/OFFSET."""

    def __init__(self, sql):
        self.sql = sql
        tokens = tokenize(sql)
        self.tokens = tokens
        depth, top = 0, {}
        for i, token in enumerate(tokens):
            if token.text == "(":
                depth += 1
            elif token.text == ")":
                depth -= 1
            elif depth == 0 and token.word in ("SELECT", "FROM", "ORDER", "LIMIT", "OFFSET") and token.word not in top:
                top[token.word] = i
        end = len(tokens)
        while end > 0 and tokens[end - 1].text == ";":
            end -= 1
        self.distinct = "SELECT" in top and top["SELECT"] + 1 < end and tokens[top["SELECT"] + 1].word == "DISTINCT"
        self.select_items = []      # (normalized expression without alias, raw text)
        self.select_end = None      # char offset just after the select list's last token
        if "SELECT" in top and "FROM" in top:
            first = top["SELECT"] + 1 + (1 if self.distinct else 0)
            for a, b in _split_top(tokens, first, top["FROM"]):
                item = tokens[a:b]
                cut = next((k for k in range(len(item)) if item[k].word == "AS"), len(item))
                expression = sql[item[0].start:item[cut - 1].end] if cut > 0 else ""
                self.select_items.append((normalize(expression), sql[item[0].start:item[-1].end]))
            self.select_end = tokens[top["FROM"] - 1].end
        limit_at = min([top[k] for k in ("LIMIT", "OFFSET") if k in top], default=end)
        self.limit = self.offset = None
        for i in range(limit_at, end - 1):
            if tokens[i].word == "LIMIT" and tokens[i + 1].kind == "number":
                self.limit = int(tokens[i + 1].text)
            if tokens[i].word == "OFFSET" and tokens[i + 1].kind == "number":
                self.offset = int(tokens[i + 1].text)
        self.limit_start = tokens[limit_at].start if limit_at < end else None
        self.order_items = []       # raw expression text of each ORDER BY item
        if "ORDER" in top:
            first = top["ORDER"] + 2
            for a, b in _split_top(tokens, first, limit_at):
                item = tokens[a:b]
                while item and item[-1].word in ("ASC", "DESC", "FIRST", "LAST", "NULLS"):
                    item = item[:-1]
                self.order_items.append(sql[item[0].start:item[-1].end] if item else "")

    @property
    def ordered(self):
        return bool(self.order_items)

    def without_limit(self):
        return self.sql if self.limit_start is None else self.sql[:self.limit_start]

    def with_extra_items(self, sql, extras):
        """`sql` (this query or its LIMIT-less prefix) with `extras` appended to the select list."""
        return sql[:self.select_end] + "".join(f", {extra}" for extra in extras) + sql[self.select_end:]


# ---------------------------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------------------------

_INT_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
              "UBIGINT", "UHUGEINT"}


def kind_of(duckdb_type):
    """The comparison kind of a DuckDB result column type."""
    name = str(duckdb_type).upper()
    if name in _INT_TYPES:
        return "int"
    if name in ("DOUBLE", "FLOAT") or name.startswith("DECIMAL"):
        return "double"
    if name == "DATE" or name.startswith("TIMESTAMP"):
        return "date"
    if name == "BOOLEAN":
        return "bool"
    if name == "VARCHAR":
        return "text"
    if name.strip('"') == "NULL":
        return "null"
    return "unsupported:" + name


class Bad:
    """An Aurum field that does not parse as the expected kind; equal to nothing."""

    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return f"<unparsable {self.text!r}>"


def canonical(value):
    """A DuckDB value as the harness compares it."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return Bad(value.isoformat())
    if isinstance(value, datetime.date):
        return value.isoformat()
    return Bad(repr(value))


_INT_TEXT = re.compile(r"-?[0-9]+")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_field(field, kind):
    """An Aurum CSV field (text, was_quoted) as a value of `kind`."""
    text, quoted = field
    if text == "" and not quoted:
        return None
    if kind == "text":
        return text  # `aurum query --format csv` writes text as stored (no formula guard unless asked)
    if kind == "int":
        return int(text) if _INT_TEXT.fullmatch(text) else Bad(text)
    if kind == "double":
        try:
            return float(text)
        except ValueError:
            return Bad(text)
    if kind == "date":
        return text if _DATE_TEXT.fullmatch(text) else Bad(text)
    if kind == "bool":
        return {"true": True, "false": False}.get(text, Bad(text))
    return Bad(text)


def same(expected, actual):
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, Bad) or isinstance(actual, Bad):
        return False
    if isinstance(expected, float) or isinstance(actual, float):
        if isinstance(expected, (bool, str)) or isinstance(actual, (bool, str)):
            return False
        a, b = float(expected), float(actual)
        return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return type(expected) is type(actual) and expected == actual


def same_row(expected, actual):
    return len(expected) == len(actual) and all(same(e, a) for e, a in zip(expected, actual))


def _sort_key(row):
    key = []
    for value in row:
        if value is None:
            key.append((0, 0))
        elif isinstance(value, Bad):
            key.append((1, value.text))
        elif isinstance(value, float):
            key.append((2, float(f"{value:.8g}")))
        elif isinstance(value, bool):
            key.append((2, int(value)))
        elif isinstance(value, int):
            key.append((2, value))
        else:
            key.append((3, str(value)))
    return key


def multiset_difference(expected, actual):
    """None if the row lists are equal as multisets (doubles within tolerance), else (expected row, actual row)."""
    if len(expected) != len(actual):
        return "count", None
    left, right = sorted(expected, key=_sort_key), sorted(actual, key=_sort_key)
    if all(same_row(a, b) for a, b in zip(left, right)):
        return None
    # Near-equal doubles can sort differently: match greedily before giving up.
    remaining = list(right)
    for row in left:
        for i, candidate in enumerate(remaining):
            if same_row(row, candidate):
                del remaining[i]
                break
        else:
            unmatched = [r for r in right if not any(same_row(r, e) for e in left)]
            return row, (unmatched[0] if unmatched else None)
    return None


def runs_of_equal_keys(keys):
    """[(start, end)] of consecutive rows whose keys are equal (doubles within tolerance)."""
    runs, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or not same_row(keys[start], keys[i]):
            runs.append((start, i))
            start = i
    return runs


# ---------------------------------------------------------------------------------------------------------------
# The DuckDB side
# ---------------------------------------------------------------------------------------------------------------

class Expected:
    """DuckDB's result of one query: kinds, rows (canonical), ORDER BY key runs, and any problem with the query."""

    def __init__(self, kinds, types, rows, runs, problems):
        self.kinds, self.types, self.rows, self.runs, self.problems = kinds, types, rows, runs, problems


def duckdb_expected(con, sql, check_determinism=True):
    shape = QueryShape(sql)
    problems = []
    cursor = con.execute(sql)
    description = cursor.description
    rows = cursor.fetchall()
    types = [str(column[1]) for column in description]
    kinds = [kind_of(t) for t in types]
    problems += [f"unsupported result type {k[12:]} in column {i + 1}" for i, k in enumerate(kinds)
                 if k.startswith("unsupported")]
    width = len(description)
    key_columns, extras = [], []
    if shape.ordered:
        names = [normalize('"' + column[0].replace('"', '""') + '"') for column in description]
        for item in shape.order_items:
            norm = normalize(item)
            if re.fullmatch(r"[0-9]+", norm):
                key_columns.append(int(norm) - 1)
            elif norm in names:
                key_columns.append(names.index(norm))
            elif norm in [expression for expression, _ in shape.select_items]:
                key_columns.append([expression for expression, _ in shape.select_items].index(norm))
            else:
                key_columns.append(width + len(extras))
                extras.append(item)
        if extras and shape.distinct:
            problems.append(f"ORDER BY {extras} with DISTINCT: order by a select item instead")
            extras = []
            key_columns = [k for k in key_columns if k < width]
        if extras:
            rows = con.execute(shape.with_extra_items(sql, extras)).fetchall()
    rows = [tuple(canonical(v) for v in row) for row in rows]
    problems += sorted({f"unsupported value {v!r}" for row in rows for v in row if isinstance(v, Bad)})
    keys = [tuple(row[k] for k in key_columns) for row in rows]
    runs = runs_of_equal_keys(keys) if shape.ordered else None
    if check_determinism and (shape.limit is not None or shape.offset is not None):
        problems += _limit_problems(con, shape, extras, key_columns, width)
    rows = [row[:width] for row in rows]
    return Expected(kinds, types, rows, runs, problems)


def _limit_problems(con, shape, extras, key_columns, width):
    """A LIMIT/OFFSET must not cut through tied rows that differ (else the result depends on the engine)."""
    base = shape.without_limit()
    full = con.execute(shape.with_extra_items(base, extras) if extras else base).fetchall()
    full = [tuple(canonical(v) for v in row) for row in full]
    offset = shape.offset or 0
    stop = offset + shape.limit if shape.limit is not None else len(full)
    if not shape.ordered:
        distinct = {tuple(repr(v) for v in row) for row in full}
        if len(distinct) > 1 and not (offset == 0 and len(full) <= stop):
            return ["LIMIT/OFFSET without ORDER BY over a result whose rows differ: add an ORDER BY"]
        return []
    keys = [tuple(row[k] for k in key_columns) for row in full]
    problems = []
    for run_start, run_end in runs_of_equal_keys(keys):
        for cut in (offset, stop):
            if run_start < cut < run_end:
                members = {tuple(repr(v) for v in row[:width]) for row in full[run_start:run_end]}
                if len(members) > 1:
                    problems.append(f"LIMIT/OFFSET cuts rows {run_start}..{run_end - 1}, tied on the ORDER BY "
                                    f"keys but different: add a tie-breaking ORDER BY key")
    return problems


# ---------------------------------------------------------------------------------------------------------------
# The Aurum side
# ---------------------------------------------------------------------------------------------------------------

def parse_csv(text):
    """RFC 4180 records as lists of (text, was_quoted); keeps "" (empty text) apart from an empty field (NULL)."""
    records, record = [], []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            i += 1
            chunks = []
            while True:
                j = text.find('"', i)
                if j < 0:
                    raise ValueError("unterminated quoted field")
                chunks.append(text[i:j])
                if j + 1 < n and text[j + 1] == '"':
                    chunks.append('"')
                    i = j + 2
                    continue
                i = j + 1
                break
            field = ("".join(chunks), True)
        else:
            j = i
            while j < n and text[j] not in ',\n\r':
                j += 1
            field = (text[i:j], False)
            i = j
        record.append(field)
        if i >= n:
            records.append(record)
            break
        if text[i] == ",":
            i += 1
            if i >= n:
                record.append(("", False))
                records.append(record)
            continue
        if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
            i += 2
        elif text[i] in "\r\n":
            i += 1
        else:
            raise ValueError(f"unexpected character {text[i]!r} after a quoted field at offset {i}")
        records.append(record)
        record = []
    return records


def run_query(store, sql, *options, timeout=120):
    """`aurum query SQL --store STORE OPTIONS`; SQL that is blank or starts with '-' (which the argument parser would
    take for an option) goes through `-f FILE`."""
    if not sql.strip() or sql.lstrip().startswith("-"):
        with tempfile.NamedTemporaryFile("w", suffix=".sql", encoding="utf-8", delete=False) as handle:
            handle.write(sql)
        try:
            return _run([AURUM, "query", "-f", handle.name, "--store", str(store), *options], timeout)
        finally:
            os.unlink(handle.name)
    return _run([AURUM, "query", sql, "--store", str(store), *options], timeout)


def _run(command, timeout, input=None):
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, input=input)


def aurum_rows(store, sql, kinds):
    """(rows typed like DuckDB's columns, header, CompletedProcess) of Aurum's CSV result."""
    result = run_query(store, sql, "--format", "csv")
    assert result.returncode == 0, (f"aurum query failed (exit {result.returncode})\nquery:\n{sql}\n"
                                    f"stderr:\n{result.stderr}")
    records = parse_csv(result.stdout)
    assert records, f"aurum query printed no header\nquery:\n{sql}\nstdout:\n{result.stdout!r}"
    header, body = records[0], records[1:]
    assert len(header) == len(kinds), (f"Aurum returned {len(header)} columns {[h for h, _ in header]}, "
                                       f"DuckDB {len(kinds)}\nquery:\n{sql}")
    for number, record in enumerate(body, start=2):
        assert len(record) == len(kinds), f"CSV record {number} has {len(record)} fields, not {len(kinds)}: {record}"
    rows = [tuple(parse_field(field, kind) for field, kind in zip(record, kinds)) for record in body]
    return rows, [h for h, _ in header]


# ---------------------------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------------------------

def _show(rows, limit=5):
    return "\n".join(f"    {row!r}" for row in rows[:limit]) + (f"\n    ... {len(rows) - limit} more"
                                                                   if len(rows) > limit else "")


def compare_results(expected, actual):
    """None when equal, else a report of the first difference."""
    rows = expected.rows
    if len(rows) != len(actual):
        return (f"row count: DuckDB {len(rows)}, Aurum {len(actual)}\n  DuckDB first rows:\n{_show(rows)}\n"
                f"  Aurum first rows:\n{_show(actual)}")
    if expected.runs is None:
        difference = multiset_difference(rows, actual)
        if difference is None:
            return None
        left, right = difference
        return (f"rows differ (compared as multisets)\n  DuckDB row not in Aurum's: {left!r}\n"
                f"  Aurum row not in DuckDB's: {right!r}\n  DuckDB first rows:\n{_show(rows)}\n"
                f"  Aurum first rows:\n{_show(actual)}")
    for start, end in expected.runs:
        left, right = rows[start:end], actual[start:end]
        if end - start == 1:
            if same_row(left[0], right[0]):
                continue
            return (f"row {start} differs (ordered)\n  DuckDB: {left[0]!r}\n  Aurum:  {right[0]!r}\n"
                    f"  DuckDB rows {max(start - 2, 0)}..:\n{_show(rows[max(start - 2, 0):])}\n"
                    f"  Aurum rows {max(start - 2, 0)}..:\n{_show(actual[max(start - 2, 0):])}")
        difference = multiset_difference(left, right)
        if difference is not None:
            return (f"rows {start}..{end - 1} (tied on the ORDER BY keys) differ\n"
                    f"  DuckDB:\n{_show(left)}\n  Aurum:\n{_show(right)}\n"
                    f"  first unmatched: DuckDB {difference[0]!r} / Aurum {difference[1]!r}")
    return None


# ---------------------------------------------------------------------------------------------------------------
# The random query generator
# ---------------------------------------------------------------------------------------------------------------

def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


class QueryGenerator:
    """Seeded random SELECTs over Silver and Gold, with literals picked from the loaded data.

    Every query is valid in DuckDB and inside the minimum spec: select lists of columns and expressions (or group
    keys and aggregates), WHERE predicates of comparisons, BETWEEN, IN, NOT IN, LIKE, ILIKE, IS [NOT] NULL under
    AND/OR/NOT, GROUP BY by expression or position, HAVING on an aggregate, ORDER BY every output column (so a
    LIMIT is deterministic) by position, name, alias or expression with random directions and NULLS placement.
    """

    TABLES = ["ad_insights", "ad_insights", "kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"]
    NULLABLE = {"campaign_name", "ad_name", "conversion_action", "ctr", "cpc", "cpm", "cpa", "roas", "adset_name",
                "currency"}

    def __init__(self, con, seed=GENERATOR_SEED):
        self.con = con
        self.rng = random.Random(seed)
        self._pools = {}

    # -- data --------------------------------------------------------------------------------------------
    def pool(self, table, column):
        key = (table, column)
        if key not in self._pools:
            rows = self.con.execute(f'SELECT DISTINCT "{column}" FROM {table} WHERE "{column}" IS NOT NULL '
                                    f'ORDER BY 1').fetchall()
            self._pools[key] = [row[0] for row in rows]
        return self._pools[key]

    def columns(self, table, *types):
        return [name for name, type_ in SCHEMAS[table] if not types or type_ in types]

    def literal(self, table, column):
        value = self.rng.choice(self.pool(table, column))
        return self.render(value, dict(SCHEMAS[table])[column])

    def render(self, value, type_):
        if type_ == "VARCHAR":
            return sql_string(value)
        if type_ == "DATE":
            text = value.isoformat()
            return f"DATE '{text}'" if self.rng.random() < 0.6 else f"'{text}'"
        if type_ == "DOUBLE":
            return repr(round(value, self.rng.choice([0, 1, 2])))
        return str(value)

    # -- expressions -------------------------------------------------------------------------------------
    def scalar(self, table):
        """(expression, type) of a non-aggregate expression over `table`'s columns."""
        r = self.rng
        ints, doubles = self.columns(table, "BIGINT"), self.columns(table, "DOUBLE")
        texts, dates = self.columns(table, "VARCHAR"), self.columns(table, "DATE")
        choice = r.randrange(22 if dates else 18)
        if choice < 6:
            name, type_ = r.choice(SCHEMAS[table])
            return name, type_
        if choice == 6:
            return f"{r.choice(ints)} + {r.choice(ints)}", "BIGINT"
        if choice == 7:
            return f"{r.choice(doubles)} * {r.choice([2, 3, 10, 0.5, 1.5, -1])}", "DOUBLE"
        if choice == 8:
            return f"{r.choice(doubles + ints)} / {r.choice(ints)}", "DOUBLE"
        if choice == 9:
            return f"-{r.choice(doubles + ints)}", "DOUBLE"
        if choice == 10:
            return f"round({r.choice(doubles)}, {r.choice([-2, -1, 0, 1, 2, 3])})", "DOUBLE"
        if choice == 11:
            column = r.choice(doubles)
            return f"abs({column} - {self.literal(table, column)})", "DOUBLE"
        if choice == 12:
            return f"coalesce({r.choice(doubles)}, 0)", "DOUBLE"
        if choice == 13:
            return f"nullif({r.choice(ints)}, 0)", "BIGINT"
        if choice == 14:
            column = r.choice(doubles + ints)
            return (f"CASE WHEN {column} > {self.literal(table, column)} THEN 'high' "
                    f"WHEN {column} IS NULL THEN 'none' ELSE 'low' END"), "VARCHAR"
        if choice == 15:
            column = r.choice(["source", "currency"])
            first, second = r.sample(self.pool(table, column), 2)
            return (f"CASE {column} WHEN {sql_string(first)} THEN 1 WHEN {sql_string(second)} THEN 2 END"), "BIGINT"
        if choice == 16:
            return f"{r.choice(['lower', 'upper', 'length'])}({r.choice(texts)})", "VARCHAR"
        if choice == 17:
            return f"coalesce({r.choice(texts)}, {sql_string(r.choice(['(none)', '', '-', 'n/a']))})", "VARCHAR"
        if choice == 18:
            return f"{r.choice(['year', 'month', 'day'])}({r.choice(dates)})", "BIGINT"
        if choice == 19:
            return f"date_trunc('{r.choice(['day', 'week', 'month', 'quarter', 'year'])}', {r.choice(dates)})", "DATE"
        if choice == 20:
            return f"{r.choice(dates)} {r.choice(['+', '-'])} {r.randrange(0, 40)}", "DATE"
        column = r.choice(dates)
        return f"{column} - DATE '{r.choice(self.pool(table, column)).isoformat()}'", "BIGINT"

    def aggregate(self, table):
        r = self.rng
        numeric = self.columns(table, "BIGINT", "DOUBLE")
        choice = r.randrange(12)
        if choice == 0:
            return "count(*)"
        if choice == 1:
            return f"count({r.choice(self.columns(table))})"
        if choice == 2:
            return f"count(DISTINCT {r.choice(self.columns(table, 'VARCHAR', 'DATE', 'BIGINT'))})"
        if choice in (3, 4):
            return f"sum({r.choice(numeric)})"
        if choice == 5:
            return f"avg({r.choice(numeric)})"
        if choice in (6, 7):
            return f"{r.choice(['min', 'max'])}({r.choice(self.columns(table))})"
        if choice == 8:
            a, b = r.sample(numeric, 2)
            return f"sum({a}) / sum({b})"
        if choice == 9:
            return f"round(sum({r.choice(numeric)}), {r.choice([-1, 0, 2])})"
        if choice == 10:
            expression, type_ = self.scalar(table)
            return f"{r.choice(['min', 'max', 'count'])}({expression})"
        return f"sum(CASE WHEN {self.predicate(table, depth=1)} THEN 1 ELSE 0 END)"

    def atom(self, table):
        r = self.rng
        name, type_ = r.choice(SCHEMAS[table])
        choice = r.randrange(10)
        if choice == 0 and name in self.NULLABLE:
            return f"{name} IS {r.choice(['', 'NOT '])}NULL"
        if choice == 1:
            low, high = sorted(r.sample(self.pool(table, name), 2) if len(self.pool(table, name)) > 1
                               else self.pool(table, name) * 2)
            return f"{name} BETWEEN {self.render(low, type_)} AND {self.render(high, type_)}"
        if choice in (2, 3) and type_ != "DOUBLE":
            values = r.sample(self.pool(table, name), min(len(self.pool(table, name)), r.randrange(1, 5)))
            negate = "NOT " if choice == 3 else ""
            return f"{name} {negate}IN ({', '.join(self.render(v, type_) for v in values)})"
        if choice in (4, 5) and type_ == "VARCHAR":
            return self.like(table, name, ilike=choice == 5)
        if choice == 6 and type_ in ("BIGINT", "DOUBLE"):
            other = r.choice(self.columns(table, "BIGINT", "DOUBLE"))
            return f"{name} {r.choice(['<', '>', '<=', '>='])} {other} * {r.choice([0.01, 0.1, 2, 10])}"
        # Doubles only by inequality (a computed double is never compared for equality).
        operators = ["<", "<=", ">", ">="] if type_ == "DOUBLE" else ["<", "<=", ">", ">=", "=", "<>", "!="]
        return f"{name} {r.choice(operators)} {self.literal(table, name)}"

    def like(self, table, name, ilike):
        r = self.rng
        values = [v for v in self.pool(table, name) if "\\" not in v and len(v) >= 2]
        value = r.choice(values)
        k = r.randrange(1, min(len(value), 8) + 1)
        mode = r.randrange(3)
        if mode == 0:
            pattern = value[:k] + "%"
        elif mode == 1:
            i = r.randrange(0, len(value) - k + 1)
            pattern = "%" + value[i:i + k] + "%"
        else:
            i = r.randrange(len(value))
            pattern = value[:i] + "_" + value[i + 1:]
        if ilike:
            pattern = "".join(c.swapcase() if c.isascii() else c for c in pattern)
        negate = "NOT " if r.random() < 0.2 else ""
        return f"{name} {negate}{'ILIKE' if ilike else 'LIKE'} {sql_string(pattern)}"

    def predicate(self, table, depth=0):
        r = self.rng
        if depth >= 2 or r.random() < 0.45:
            atom = self.atom(table)
            return f"NOT ({atom})" if r.random() < 0.1 else atom
        left, right = self.predicate(table, depth + 1), self.predicate(table, depth + 1)
        op = r.choice(["AND", "AND", "OR"])
        text = f"{left} {op} {right}"
        return f"({text})" if depth > 0 or r.random() < 0.3 else text

    # -- queries -----------------------------------------------------------------------------------------
    def order_by(self, outputs):
        """ORDER BY every output column (shuffled): by position, alias/name, or expression text."""
        r = self.rng
        indexes = list(range(len(outputs)))
        r.shuffle(indexes)
        terms = []
        for i in indexes:
            expression, alias = outputs[i]
            how = r.randrange(3)
            if how == 0 or (alias is None and how == 1 and not re.fullmatch(r"\w+", expression)):
                term = str(i + 1)
            elif how == 1:
                term = alias or expression
            else:
                term = expression
            direction = r.choice(["", " ASC", " DESC"])
            nulls = r.choice(["", "", " NULLS FIRST", " NULLS LAST"])
            terms.append(term + direction + nulls)
        return " ORDER BY " + ", ".join(terms)

    def limit(self):
        r = self.rng
        if r.random() < 0.5:
            return ""
        text = f" LIMIT {r.randrange(1, 40)}"
        return text + (f" OFFSET {r.randrange(0, 15)}" if r.random() < 0.4 else "")

    def projection(self):
        r = self.rng
        table = r.choice(self.TABLES)
        outputs = []
        for i in range(r.randrange(1, 5)):
            expression, _ = self.scalar(table)
            alias = f"c{i}" if r.random() < 0.4 else None
            if alias is None and expression in [e for e, _ in outputs]:
                alias = f"c{i}"
            outputs.append((expression, alias))
        distinct = "DISTINCT " if r.random() < 0.3 else ""
        select = ", ".join(e + (f" AS {a}" if a else "") for e, a in outputs)
        where = f" WHERE {self.predicate(table)}"
        ordered = r.random() < 0.7
        order = self.order_by(outputs) if ordered else ""
        return f"SELECT {distinct}{select} FROM {table}{where}{order}{self.limit() if ordered else ''}"

    def grouped(self):
        r = self.rng
        table = r.choice(self.TABLES)
        keys = []
        for _ in range(r.randrange(0, 3)):
            if r.random() < 0.6:
                name = r.choice([n for n, t in SCHEMAS[table] if t in ("VARCHAR", "DATE")])
                keys.append(name)
            else:
                keys.append(self.scalar(table)[0])
        keys = list(dict.fromkeys(keys))
        aggregates = list(dict.fromkeys(self.aggregate(table) for _ in range(r.randrange(1, 4))))
        outputs = [(k, None) for k in keys] + [(a, f"m{i}" if r.random() < 0.5 else None)
                                               for i, a in enumerate(aggregates)]
        select = ", ".join(e + (f" AS {a}" if a else "") for e, a in outputs)
        where = f" WHERE {self.predicate(table)}" if r.random() < 0.7 else ""
        if r.random() < 0.05:
            where = " WHERE false"
        group = ""
        if keys:
            positional = r.random() < 0.5
            group = " GROUP BY " + ", ".join(str(i + 1) if positional else k for i, k in enumerate(keys))
        having = ""
        if r.random() < 0.35:
            having = self.having(table, select, where, group)
        order = self.order_by(outputs) if keys and r.random() < 0.8 else ""
        limit = self.limit() if order else ""
        return f"SELECT {select} FROM {table}{where}{group}{having}{order}{limit}"

    def having(self, table, select, where, group):
        r = self.rng
        aggregate = r.choice(["count(*)", "sum(clicks)", "sum(spend)", "avg(impressions)", "max(conversions)"])
        rows = self.con.execute(f"SELECT {select}, {aggregate} FROM {table}{where}{group}").fetchall()
        values = sorted(v[-1] for v in rows if v[-1] is not None)
        if not values:
            return f" HAVING {aggregate} > 0"
        threshold = values[len(values) // 2]
        threshold = round(float(threshold), 1) if isinstance(threshold, float) else threshold
        return f" HAVING {aggregate} {r.choice(['>', '<=', '>='])} {threshold}"

    def generate(self, count):
        """`count` distinct queries; most empty results and most very large ones are re-rolled."""
        queries = []
        while len(queries) < count:
            sql = self.projection() if self.rng.random() < 0.4 else self.grouped()
            if sql in queries:
                continue
            size = len(self.con.execute(sql).fetchall())
            if (size == 0 and self.rng.random() < 0.8) or (size > 3000 and self.rng.random() < 0.7):
                continue
            queries.append(sql)
        return queries


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------

class QueryEnvironment:
    def __init__(self, store, con):
        self.store, self.con = store, con
        self._generated = None

    @property
    def generated(self):
        if self._generated is None:
            self._generated = QueryGenerator(self.con).generate(GENERATED_COUNT)
        return self._generated

    def sql(self, query_id):
        if query_id.startswith("generated/"):
            return self.generated[int(query_id.split("/")[1])]
        return CORPUS_BY_ID[query_id]


@pytest.fixture(scope="session")
def query_env(tmp_path_factory, messy_tree):
    """The messy tree ingested into a store, its tables exported and loaded into one DuckDB connection."""
    store = tmp_path_factory.mktemp("query-store") / "store"
    ingest(store, messy_tree)
    return QueryEnvironment(store, duckdb_with_tables_of(store, tmp_path_factory.mktemp("query-exports")))


def duckdb_with_tables_of(store, exports):
    """A DuckDB connection (with the spec's SETs) holding every table of `store`, exported as CSV into `exports`
    and loaded with the contract's exact types."""
    con = duckdb.connect()
    for statement in DUCKDB_SETTINGS:
        con.execute(statement)
    for table, schema in SCHEMAS.items():
        path = exports / f"{table}.csv"
        aurum("export", table, "--out", path, "--formula-guard", "none", store=store)
        with open(path, encoding="utf-8", newline="") as handle:
            header = parse_csv(handle.readline())[0]
        assert [name for name, _ in header] == [name for name, _ in schema], f"{table}: header {header}"
        columns = "{" + ", ".join(f"'{name}': '{type_}'" for name, type_ in schema) + "}"
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, header = true, columns = {columns}, "
                    f"delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false, "
                    f"auto_detect = false, strict_mode = true)", [str(path)])
    return con


def store_fingerprint(store):
    """SHA-256 over the store's files (not its LOCK/READERS), to prove a refused statement changed nothing."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(store).rglob("*") if p.is_file() and p.name not in ("LOCK", "READERS")):
        digest.update(str(path.relative_to(store)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query_id", [query_id for query_id, _ in CORPUS] + GENERATED_IDS)
def test_query_matches_duckdb(query_env, query_id):
    sql = query_env.sql(query_id)
    try:
        expected = duckdb_expected(query_env.con, sql)
    except duckdb.Error as error:
        pytest.fail(f"DuckDB rejects corpus query {query_id}: {error}\n{sql}")
    assert not expected.problems, f"corpus query {query_id} is not usable: {expected.problems}\n{sql}"
    actual, _header = aurum_rows(query_env.store, sql, expected.kinds)
    difference = compare_results(expected, actual)
    assert difference is None, (f"{query_id}: Aurum differs from DuckDB\nquery:\n{sql}\n"
                                f"DuckDB types: {expected.types}\n{difference}")


REQUIRED_FEATURES = {
    # clauses
    "SELECT DISTINCT": r"\bselect\s+distinct\b", "SELECT *": r"\bselect\s+\*", "WHERE": r"\bwhere\b",
    "GROUP BY expression": r"\bgroup\s+by\s+[a-z_(]", "GROUP BY position": r"\bgroup\s+by\s+\d+\s*,\s*\d",
    "HAVING": r"\bhaving\b", "ORDER BY ASC": r"\basc\b", "ORDER BY DESC": r"\bdesc\b",
    "NULLS FIRST": r"\bnulls\s+first\b", "NULLS LAST": r"\bnulls\s+last\b", "ORDER BY position": r"order\s+by\s+\d",
    "ORDER BY expression": r"order\s+by\s+[a-z_]+\s*\(", "LIMIT": r"\blimit\s+\d+",
    "OFFSET": r"\boffset\s+\d+", "AS alias": r"\bas\s+\w", "implicit alias": r"\)\s+[a-z_]+\s*(,|\s+from)",
    # operators
    "+": r"\w\s*\+\s*\w", "-": r"\w\s+-\s+\w", "*": r"\w\s*\*\s*\w", "/": r"\w\s*/\s*\w",
    "unary -": r"(select|,|\()\s*-\s*[a-z(]", "date + int": r"date\s*\+\s*\d", "date - int": r"date\s*-\s*\d",
    "date - date": r"date\s*-\s*date\b", "=": r"\s=\s", "<>": r"<>", "!=": r"!=", "<": r"\s<\s",
    "<=": r"<=", ">": r"\s>\s", ">=": r">=", "BETWEEN": r"\bbetween\b", "IN": r"\bin\s*\(",
    "NOT IN": r"\bnot\s+in\s*\(", "LIKE %": r"\blike\s+'[^']*%", "LIKE _": r"\blike\s+'[^']*_",
    "ILIKE": r"\bilike\b", "IS NULL": r"\bis\s+null\b", "IS NOT NULL": r"\bis\s+not\s+null\b",
    "AND": r"\band\b", "OR": r"\bor\b", "NOT": r"\bnot\s+[a-z(]", "CASE WHEN ... ELSE": r"\bcase\s+when\b[^;]*\belse\b",
    "CASE without ELSE": r"\bcase\s+when\b(?:(?!\belse\b|\bend\b).)*\bend\b",
    "CASE operand": r"\bcase\s+[a-z_]+\s+when\b",
    # functions
    **{f"date_trunc {unit}": rf"date_trunc\s*\(\s*'{unit}'" for unit in ("day", "week", "month", "quarter", "year")},
    **{name: rf"\b{name}\s*\(" for name in ("year", "month", "day", "coalesce", "nullif", "abs", "lower", "upper",
                                           "length", "sum", "avg", "min", "max")},
    "round(x)": r"\bround\s*\(\s*[a-z_]+\s*\)", "round(x, d)": r"\bround\s*\([^()]*,\s*\d",
    "round(x, -d)": r"\bround\s*\([^()]*,\s*-\s*\d", "round .5": r"round\s*\(\s*-?\d+\.5\b",
    "current_date": r"\bcurrent_date\b", "count(*)": r"count\s*\(\s*\*\s*\)", "count(x)": r"count\s*\(\s*[a-z_]",
    "count(DISTINCT x)": r"count\s*\(\s*distinct\b", "WHERE false": r"\bwhere\s+false\b",
    "date literal": r"\bdate\s+'\d{4}-\d\d-\d\d'", "date vs string": r"date\s*(>=|<=|=|<|>|between)\s*'\d{4}",
    "quoted identifier": r'"[a-z_]+"', "'' escape": r"''[a-z]", "comment --": r"--", "comment /* */": r"/\*",
    "trailing ;": r";\s*$", "TRUE/FALSE": r"\btrue\b", "NULL literal": r"\bnull\b", "1e3": r"\d[eE]\d",
    "decimal literal": r"\d\.\d", "UPPER-case keywords": r"\bSELECT\b", "lower-case keywords": r"\bselect\b",
    # version 2
    "SELECT without FROM": r"^(?:(?!\bfrom\b).)*$",
    # version 2: scalar functions (dates, greatest/least)
    **{f"extract({field})": rf"\bextract\s*\(\s*{field}\s+from\b"
       for field in ("isodow", "dow", "day", "week", "month", "quarter", "year", "doy", "isoyear")},
    **{name: rf"\b{name}\s*\(" for name in ("date_part", "dayname", "monthname", "strftime", "last_day", "greatest",
                                           "least", "make_date", "date_add", "isodow", "dayofweek", "week",
                                           "quarter", "dayofyear")},
    **{f"date_diff {unit}": rf"date_diff\s*\(\s*'{unit}'" for unit in ("day", "week", "month", "quarter", "year")},
    **{f"+ INTERVAL {unit}": rf"\+\s*interval\s+\S+\s+{unit}\b" for unit in ("day", "week", "month", "quarter", "year")},
    "- INTERVAL": r"-\s*interval\b", "INTERVAL 'n units'": r"interval\s+'\d+ \w+'",
    "INTERVAL (expr)": r"interval\s*\(", "strftime %V %G": r"strftime\s*\([^)]*%V[^)]*%G",
    # version 2: window functions and QUALIFY
    **{f"{name}() OVER": rf"\b{name}\s*\([^()]*\)\s*over\s*\(" for name in (
        "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "sum", "avg", "count", "min",
        "max")},
    "count(*) OVER": r"\bcount\s*\(\s*\*\s*\)\s*over\s*\(", "OVER ()": r"\bover\s*\(\s*\)",
    "PARTITION BY": r"\bover\s*\(\s*partition\s+by\b", "OVER (ORDER BY)": r"\bover\s*\(\s*order\s+by\b",
    "window DESC NULLS FIRST": r"\bover\s*\([^()]*\bdesc\s+nulls\s+first\b",
    "lag(x, n, default)": r"\blag\s*\([^()]*,\s*-?\d+\s*,[^()]*\)\s*over\b",
    "lead(x, n)": r"\blead\s*\([^()]*,\s*\d+\s*\)\s*over\b",
    "ROWS n PRECEDING AND CURRENT ROW": r"\brows\s+between\s+\d+\s+preceding\s+and\s+current\s+row\b",
    "ROWS UNBOUNDED PRECEDING AND CURRENT ROW": r"\brows\s+between\s+unbounded\s+preceding\s+and\s+current\s+row\b",
    "ROWS … n FOLLOWING": r"\brows\s+between\s+[^()]*\b\d+\s+following\b",
    "ROWS … UNBOUNDED FOLLOWING": r"\brows\s+between\s+[^()]*\bunbounded\s+following\b",
    "ROWS n PRECEDING (shorthand)": r"\brows\s+\d+\s+preceding\b", "RANGE BETWEEN": r"\brange\s+between\b",
    "window over an aggregate": r"\(\s*(sum|count)\s*\([^()]*\)\s*\)\s*over\b",
    "window in an expression": r"\)\s*over\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*[-+*/]",
    "QUALIFY window call": r"\bqualify\b[^;]*\bover\s*\(", "QUALIFY alias": r"\bqualify\s+[a-z_]+\s*(<=|<|=|>)",
    # version 2: relational operators
    "WITH": r"^\s*with\s+\w+\s+as\s*\(", "WITH two CTEs": r"^\s*with\b.*\)\s*,\s*\w+\s+as\s*\(",
    "subquery in FROM": r"\bfrom\s*\(\s*(select|with)\b", "WITH inside a subquery": r"\(\s*with\b",
    "IN (SELECT)": r"\bin\s*\(\s*select\b", "NOT IN (SELECT)": r"\bnot\s+in\s*\(\s*select\b",
    "UNION ALL": r"\bunion\s+all\b", "UNION": r"\bunion\s+select\b", "JOIN": r"\bjoin\b",
    "INNER JOIN": r"\binner\s+join\b", "LEFT JOIN": r"\bleft\s+join\b", "LEFT OUTER JOIN": r"\bleft\s+outer\s+join\b",
    "several joins": r"\bjoin\b.*\bjoin\b", "qualified column": r"\b[a-z_]+\.[a-z_]+\b", "t.*": r"\b[a-z_]+\.\*",
    "table alias": r"\b(from|join)\s+[a-z_]+\s+(as\s+)?[a-z]\w*\s+(left\s+|inner\s+)?(join|on)\b",
    "JOIN ON AND": r"\bjoin\b[^;]*\bon\b[^;]*=[^;]*\band\b", "GROUP BY ALL": r"\bgroup\s+by\s+all\b",
    # version 2: aggregation
    "count(*) FILTER": r"count\s*\(\s*\*\s*\)\s*filter\s*\(\s*where\b",
    **{f"{name} FILTER": rf"\b{name}\s*\([^()]*\)\s*filter\s*\(" for name in ("count", "sum", "avg", "min", "max")},
    "DISTINCT FILTER": r"\(\s*distinct\b[^()]*\)\s*filter\s*\(",
    "FILTER without WHERE": r"\bfilter\s*\(\s*(?!where\b)[a-z]",
    "HAVING over FILTER": r"\bhaving\b[^;]*\bfilter\s*\(",
    "filtered share of a sum": r"filter\s*\(\s*where[^)]*\)\s*/\s*(nullif\s*\()?\s*sum\s*\(",
    # version 2: window pieces (the window stage cut by PARTITION BY hash, one piece per worker)
    "window over many partition keys": r"\bover\s*\(\s*partition\s+by\s+\w+\s*,\s*\w+\s*,\s*\w+\s*,\s*\w+",
    "window min/max ROWS … FOLLOWING": r"\b(min|max)\s*\([^()]*\)\s*over\s*\([^()]*\brows\s+between\s+\d+\s+following\b",
    # version 2: arg_max
    **{name: rf"\b{name}\s*\(" for name in ("arg_max", "arg_min", "max_by", "min_by")},
    "arg_max FILTER": r"\barg_(?:max|min)\s*\([^()]*\)\s*filter\s*\(",
    # version 2: join keys (join_keys.sql)
    "JOIN on a NULL-bearing key": r"\bjoin\b[^;]*\bon\b[^;]*\bconversion_action\s*=\s*\w+\.conversion_action\b",
    "JOIN on computed keys": r"\bjoin\b[^;]*\bon\s+(upper|lower)\s*\(",
    "JOIN on a boolean key": r"\bjoin\b[^;]*\bon\s*\([^()]*>[^()]*\)\s*=",
    "JOIN on a date key": r"\bjoin\b[^;]*\bon\b[^;]*\bdate\s*=\s*\w+\.week\b",
    "JOIN with duplicate build keys": r"\bunion\s+all\b[^;]*\)\s*select\b[^;]*\bjoin\b",
    # version 2: aggregation keys (several keys packed into one integer; NULL keys; keys beyond 64 bits)
    "GROUP BY several keys with a NULL key": r"\bcase\s+when\b[^;]*\bend\s+as\s+\w+[^;]*\bgroup\s+by\s+\d+\s*,\s*\d",
    "GROUP BY eight keys": r"\bgroup\s+by\s+(?:[a-z_]+\s*,\s*){7}[a-z_]+",

}
# The case-sensitive features are matched without folding.
_CASE_SENSITIVE = {"UPPER-case keywords", "lower-case keywords"}
TABLES_QUERIED = ["ad_insights", "quarantine", "bronze_files", "kpi_campaign_daily", "kpi_campaign_weekly",
                  "kpi_campaign_total"]


def test_corpus_is_valid_in_duckdb(query_env):
    """The corpus alone (no `aurum query` needed): size, DuckDB validity, determinism, coverage of the spec."""
    assert len(CORPUS) >= 250, f"the hand-written corpus has {len(CORPUS)} queries"
    assert len(set(query_env.generated)) == GENERATED_COUNT >= 100
    problems = []
    for query_id in [query_id for query_id, _ in CORPUS] + GENERATED_IDS:
        sql = query_env.sql(query_id)
        try:
            expected = duckdb_expected(query_env.con, sql)
        except duckdb.Error as error:
            problems.append(f"{query_id}: DuckDB: {str(error).splitlines()[0]}\n    {sql}")
            continue
        problems += [f"{query_id}: {problem}\n    {sql}" for problem in expected.problems]
    assert not problems, "\n".join(problems)
    missing = []
    for feature, pattern in REQUIRED_FEATURES.items():
        flags = 0 if feature in _CASE_SENSITIVE else re.I
        if not any(re.search(pattern, sql, flags | re.S) for _, sql in CORPUS):
            missing.append(feature)
    for table in TABLES_QUERIED:
        if not any(re.search(rf"\bfrom\s+{table}\b", sql, re.I) for _, sql in CORPUS):
            missing.append(f"FROM {table}")
    assert not missing, f"no corpus query uses: {missing}"


def test_the_corpus_reaches_every_result_type_and_nulls(query_env):
    """Results hold every type (int, double, date, bool, text), NULLs, empty text and formula-like text (which
    `aurum query` must write as stored)."""
    kinds, saw_null, saw_empty, saw_guarded, saw_empty_result = set(), False, False, False, False
    for query_id, sql in CORPUS:
        expected = duckdb_expected(query_env.con, sql, check_determinism=False)
        kinds.update(expected.kinds)
        values = [v for row in expected.rows for v in row]
        saw_null |= None in values
        saw_empty |= "" in values
        saw_guarded |= any(isinstance(v, str) and v[:1] in ("=", "+", "-", "@") for v in values)
        saw_empty_result |= not expected.rows
    assert {"int", "double", "date", "bool", "text"} <= kinds, kinds
    assert saw_null and saw_empty and saw_guarded and saw_empty_result


def test_query_text_from_file_and_stdin(query_env, tmp_path):
    """`-f FILE` and standard input give the same result as the query as an argument."""
    sql = "SELECT source, count(*) AS n, sum(clicks) FROM ad_insights GROUP BY source ORDER BY source;"
    expected = duckdb_expected(query_env.con, sql)
    path = tmp_path / "query.sql"
    path.write_text("-- from a file\n" + sql + "\n", encoding="utf-8")
    runs = {
        "argument": _run([AURUM, "query", sql, "--store", str(query_env.store), "--format", "csv"], 60),
        "file": _run([AURUM, "query", "-f", str(path), "--store", str(query_env.store), "--format", "csv"], 60),
        "stdin": _run([AURUM, "query", "--store", str(query_env.store), "--format", "csv"], 60, input=sql),
    }
    for how, result in runs.items():
        assert result.returncode == 0, f"{how}: exit {result.returncode}\n{result.stderr}"
        body = parse_csv(result.stdout)[1:]
        actual = [tuple(parse_field(f, k) for f, k in zip(record, expected.kinds)) for record in body]
        difference = compare_results(expected, actual)
        assert difference is None, f"{how}: {difference}"


# Queries Aurum must refuse: (id, sql, kind, expectation).
#   kind "statement": not a single SELECT (DDL, DML, file/network access, several statements); the store must not
#                     change.
#   kind "unknown":   an unknown table/column/function; expectation = (name, suggestion or None): stderr names it
#                     and, with a suggestion, says "did you mean" and the suggestion.
#   kind "syntax":    does not parse; expectation = (line, column) of the offending token, or None for "any";
#                     stderr shows `line L, column C` and a caret line.
REFUSED = [
    ("drop-table", "DROP TABLE ad_insights", "statement", None),
    ("insert", "INSERT INTO ad_insights (source) VALUES ('meta')", "statement", None),
    ("update", "UPDATE ad_insights SET spend = 0", "statement", None),
    ("delete", "DELETE FROM kpi_campaign_total", "statement", None),
    ("delete-where", "delete from ad_insights where source = 'meta'", "statement", None),
    ("create-table", "CREATE TABLE x AS SELECT * FROM ad_insights", "statement", None),
    ("create-view", "CREATE VIEW v AS SELECT 1", "statement", None),
    ("alter", "ALTER TABLE ad_insights ADD COLUMN x INTEGER", "statement", None),
    ("truncate", "TRUNCATE ad_insights", "statement", None),
    ("copy-to", "COPY ad_insights TO '/tmp/aurum-copy.csv'", "statement", None),
    ("copy-from", "COPY ad_insights FROM '/etc/passwd'", "statement", None),
    ("attach", "ATTACH '/tmp/aurum-attach.db' AS other", "statement", None),
    ("detach", "DETACH other", "statement", None),
    ("pragma", "PRAGMA table_info('ad_insights')", "statement", None),
    ("install", "INSTALL httpfs", "statement", None),
    ("load", "LOAD httpfs", "statement", None),
    ("set", "SET threads = 1", "statement", None),
    ("export-database", "EXPORT DATABASE '/tmp/aurum-export'", "statement", None),
    ("two-selects", "SELECT count(*) FROM ad_insights; SELECT count(*) FROM quarantine", "statement", None),
    ("select-then-drop", "SELECT 1 FROM ad_insights; DROP TABLE ad_insights;", "statement", None),
    ("two-statements-newline", "SELECT source FROM ad_insights;\nDELETE FROM ad_insights", "statement", None),
    ("except", "SELECT source FROM ad_insights EXCEPT SELECT source FROM quarantine", "statement", None),
    ("recursive-cte", "WITH RECURSIVE r AS (SELECT 1 AS n) SELECT * FROM r", "statement", None),
    ("cte-then-delete", "WITH x AS (SELECT 1) DELETE FROM ad_insights", "statement", None),
    ("right-join", "SELECT 1 FROM ad_insights a RIGHT JOIN quarantine q ON a.file_id = q.file_id", "statement", None),
    ("join-without-equality", "SELECT 1 FROM ad_insights a JOIN quarantine q ON a.file_id < q.file_id", "statement", None),
    ("ambiguous-column", "SELECT source FROM kpi_campaign_total t JOIN kpi_campaign_daily d ON t.campaign_id = d.campaign_id",
     "syntax", (1, 8)),
    ("union-column-count", "SELECT source FROM ad_insights UNION ALL SELECT source, reason FROM quarantine", "syntax", (1, 32)),
    ("table-function", "SELECT * FROM read_csv('/etc/passwd')", "statement", None),
    ("unknown-column-typo", "SELECT spnd FROM ad_insights", "unknown", ("spnd", "spend")),
    ("unknown-column-campain", "SELECT campain_name, sum(spend) FROM kpi_campaign_total GROUP BY 1",
     "unknown", ("campain_name", "campaign_name")),
    ("unknown-column-in-where", "SELECT count(*) FROM ad_insights WHERE clics > 10", "unknown", ("clics", "clicks")),
    ("unknown-column-in-order", "SELECT source FROM ad_insights ORDER BY dat", "unknown", ("dat", "date")),
    ("unknown-column-case", "SELECT SPNED FROM ad_insights", "unknown", ("SPNED", "spend")),
    ("unknown-column-gold-week", "SELECT weak, sum(spend) FROM kpi_campaign_weekly GROUP BY 1", "unknown",
     ("weak", "week")),
    ("unknown-column-quoted", 'SELECT "roass" FROM kpi_campaign_total', "unknown", ("roass", "roas")),
    ("unknown-column-cost", "SELECT cost FROM ad_insights", "unknown", ("cost", None)),
    ("unknown-column-other-table", "SELECT week FROM kpi_campaign_daily", "unknown", ("week", None)),
    ("unknown-table-typo", "SELECT * FROM ad_insight", "unknown", ("ad_insight", "ad_insights")),
    ("unknown-table-daily", "SELECT count(*) FROM kpi_campaign_dialy", "unknown",
     ("kpi_campaign_dialy", "kpi_campaign_daily")),
    ("unknown-table-quarantine", "select * from quarantaine", "unknown", ("quarantaine", "quarantine")),
    ("unknown-table-silver", "SELECT * FROM silver", "unknown", ("silver", None)),
    ("unknown-table-words-left-out", "SELECT * FROM kpi_weekly", "unknown", ("kpi_weekly", "kpi_campaign_weekly")),
    ("unknown-function-sume", "SELECT sume(spend) FROM ad_insights", "unknown", ("sume", "sum")),
    ("unknown-function-lenght", "SELECT lenght(ad_name) FROM ad_insights", "unknown", ("lenght", "length")),
    ("unknown-function-coalese", "SELECT coalese(campaign_name, '') FROM kpi_campaign_total", "unknown",
     ("coalese", "coalesce")),
    ("unknown-function-date-trunc", "SELECT date_trnc('month', date) FROM ad_insights", "unknown",
     ("date_trnc", "date_trunc")),
    ("unknown-function-getenv", "SELECT getenv('HOME') FROM ad_insights", "unknown", ("getenv", None)),
    ("unknown-function-read-text", "SELECT read_text('/etc/passwd') FROM ad_insights", "unknown",
     ("read_text", None)),
    ("syntax-double-comma", "SELECT spend,, clicks FROM ad_insights", "syntax", (1, 14)),
    ("syntax-missing-select-list", "SELECT FROM ad_insights", "syntax", (1, 8)),
    ("syntax-misspelled-from", "SELECT spend FORM ad_insights", "syntax", None),
    ("syntax-where-then-group", "SELECT source FROM ad_insights\nWHERE spend > 1\nGROUP source", "syntax", (3, 7)),
    ("syntax-dangling-operator", "SELECT spend FROM ad_insights WHERE spend >", "syntax", None),
    ("syntax-unclosed-paren", "SELECT sum(spend FROM ad_insights", "syntax", None),
    ("syntax-unterminated-string", "SELECT * FROM ad_insights WHERE source = 'meta", "syntax", None),
    ("syntax-order-without-by", "SELECT source FROM ad_insights ORDER source", "syntax", (1, 38)),
    ("syntax-limit-not-a-number", "SELECT source FROM ad_insights LIMIT ten", "syntax", (1, 38)),
    ("syntax-clauses-out-of-order", "SELECT source FROM ad_insights\n  LIMIT 5\n  WHERE spend > 0", "syntax", (3, 3)),
    ("syntax-empty", "", "syntax", None),
    ("syntax-only-comment", "-- nothing here\n", "syntax", None),
    ("no-from-unknown-column", "SELECT spend", "unknown", ("spend", None)),
    ("syntax-bad-character", "SELECT spend # 2 FROM ad_insights", "syntax", (1, 14)),
    ("syntax-case-without-end", "SELECT CASE WHEN spend > 0 THEN 1 FROM ad_insights", "syntax", (1, 35)),
    ("syntax-between-without-and", "SELECT * FROM ad_insights WHERE clicks BETWEEN 1 OR 5", "syntax", (1, 50)),
    ("syntax-in-without-parens", "SELECT * FROM ad_insights WHERE source IN 'meta'", "syntax", (1, 43)),
    ("syntax-multiline-position", "SELECT\n  source,\n  sum(spend) AS total\nFROM ad_insights\nGROUP BY BY source",
     "syntax", (5, 10)),
    # version 2: window functions
    ("unknown-window-function", "SELECT row_numbr() OVER (ORDER BY date) FROM ad_insights", "unknown",
     ("row_numbr", "row_number")),
    ("unknown-window-function-dense", "SELECT dense_rnak() OVER (ORDER BY date) FROM ad_insights", "unknown",
     ("dense_rnak", "dense_rank")),
    ("window-in-where", "SELECT source FROM ad_insights WHERE row_number() OVER (ORDER BY date) > 1", "syntax", (1, 38)),
    ("window-in-group-by", "SELECT count(*) FROM ad_insights GROUP BY rank() OVER (ORDER BY date)", "syntax", (1, 43)),
    ("window-in-having", "SELECT source FROM ad_insights GROUP BY source\nHAVING sum(sum(spend)) OVER () > 0", "syntax",
     (2, 8)),
    ("window-nested", "SELECT sum(rank() OVER (ORDER BY date)) OVER () FROM ad_insights", "syntax", (1, 12)),
    ("window-range-offset", "SELECT sum(spend) OVER (ORDER BY date RANGE BETWEEN 6 PRECEDING AND CURRENT ROW) "
     "FROM ad_insights", "syntax", (1, 45)),
    ("window-groups-frame", "SELECT sum(spend) OVER (ORDER BY date GROUPS 1 PRECEDING) FROM ad_insights", "syntax",
     (1, 39)),
    ("window-frame-backwards", "SELECT sum(spend) OVER (ORDER BY date ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) "
     "FROM ad_insights", "syntax", (1, 68)),
    ("qualify-without-window", "SELECT source FROM ad_insights QUALIFY source = 'meta'", "syntax", (1, 47)),
]
_POSITION = re.compile(r"line (\d+), column (\d+)")


@pytest.mark.parametrize("query_id,sql,kind,expectation", REFUSED, ids=[case[0] for case in REFUSED])
def test_query_is_refused(query_env, query_id, sql, kind, expectation):
    before = store_fingerprint(query_env.store) if kind == "statement" else None
    result = run_query(query_env.store, sql, "--format", "csv", timeout=60)
    report = f"query:\n{sql}\nexit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode > 0, "expected a refusal (a non-zero exit, not a crash)\n" + report
    assert result.stdout.strip() == "", "a refused query printed a result\n" + report
    assert result.stderr.strip(), "a refusal must say why on stderr\n" + report
    assert "Fatal error" not in result.stderr and "Traceback" not in result.stderr, report
    stderr = result.stderr
    if kind == "statement":
        assert store_fingerprint(query_env.store) == before, "a refused statement changed the store\n" + report
    elif kind == "unknown":
        name, suggestion = expectation
        assert name.lower() in stderr.lower(), f"stderr does not name {name!r}\n" + report
        if suggestion is not None:
            assert "did you mean" in stderr.lower(), report
            assert suggestion in stderr, f"stderr does not suggest {suggestion!r}\n" + report
    elif kind == "syntax":
        position = _POSITION.search(stderr)
        assert position, "stderr has no `line L, column C`\n" + report
        if expectation is not None:
            assert (int(position.group(1)), int(position.group(2))) == expectation, (
                f"expected the error at line {expectation[0]}, column {expectation[1]}\n" + report)
        assert any(re.fullmatch(r"\s*\^[\^~]*\s*", line) for line in stderr.splitlines()), (
            "stderr has no caret line\n" + report)
