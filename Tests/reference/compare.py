#!/usr/bin/env python3
"""Compare two CSV exports of the same Aurum table (e.g. the DuckDB oracle's and Aurum's).

Columns are matched by name, rows by key in sorted key order (a merge; files already sorted
by key are streamed, others are sorted in memory). Values compare by column type:
  * doubles within a relative tolerance (default 1e-9), or an absolute one near 0 (1e-12);
  * integers as integers ("7" == "07" is not accepted as text, but is as an integer);
  * text exactly, after undoing Aurum's CSV formula guard on the Aurum side: Aurum prefixes a
    single quote to any text value beginning with = + - @ TAB CR or ', so exactly one leading
    ' is stripped from text values of the Aurum-side file.
An empty field is NULL (Aurum and the oracle both write NULL as an empty field).

Library:
    result = compare_files("oracle/silver.csv", "aurum/silver.csv", table_spec("silver"))
    print(result.report())

CLI:
    python3 Tests/reference/compare.py EXPECTED.csv ACTUAL.csv [--table silver] [--keys ...]
Exit status: 0 equal, 1 different, 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
from dataclasses import dataclass, field
from typing import Iterator

GUARD_PREFIX = "'"


@dataclass(frozen=True)
class TableSpec:
    """Key columns (in sort order) and the typed columns of one table; others are text."""
    keys: tuple
    ints: frozenset = frozenset()
    doubles: frozenset = frozenset()


_GOLD_INTS = frozenset({"impressions", "clicks"})
_GOLD_DOUBLES = frozenset({"spend", "conversions", "conversion_value", "ctr", "cpc", "cpm", "cpa", "roas"})

TABLES = {
    "silver": TableSpec(("source", "account_id", "ad_id", "date"),
                        frozenset({"impressions", "clicks", "file_id", "row"}),
                        frozenset({"spend", "conversions", "conversion_value"})),
    "quarantine": TableSpec(("file_id", "row"), frozenset({"file_id", "row"})),
    "kpi_campaign_daily": TableSpec(("source", "account_id", "campaign_id", "date"), _GOLD_INTS, _GOLD_DOUBLES),
    "kpi_campaign_weekly": TableSpec(("source", "account_id", "campaign_id", "week"), _GOLD_INTS, _GOLD_DOUBLES),
    "kpi_campaign_total": TableSpec(("source", "account_id", "campaign_id"), _GOLD_INTS, _GOLD_DOUBLES),
}
TABLES["ad_insights"] = TABLES["silver"]


def table_spec(name: str) -> TableSpec:
    """The built-in spec of a table ('silver', 'quarantine', 'kpi_campaign_daily', ...)."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(sorted(TABLES))}") from None


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

def unguard(text: str) -> str:
    """Undo Aurum's formula guard: drop exactly one leading quote."""
    return text[1:] if text.startswith(GUARD_PREFIX) else text


def _key_part(value: str, is_int: bool):
    # Typed so that integer keys sort numerically; tagged so mixed types never compare.
    if is_int:
        try:
            return (0, int(value))
        except ValueError:
            pass
    return (1, value)


class CsvSide:
    """One file: header, which text columns to unguard, and typed sort keys."""

    def __init__(self, path: str, spec: TableSpec, guarded: bool):
        self.path, self.spec, self.guarded = path, spec, guarded
        with open(path, encoding="utf-8", newline="") as handle:
            self.header = next(csv.reader(handle), [])
        missing = [key for key in spec.keys if key not in self.header]
        if missing:
            raise ValueError(f"{path}: key column(s) {missing} not in header {self.header}")
        self._key_index = [self.header.index(key) for key in spec.keys]
        self._key_is_int = [key in spec.ints for key in spec.keys]
        self._text_index = [i for i, name in enumerate(self.header)
                            if name not in spec.ints and name not in spec.doubles]

    def _records(self) -> Iterator[tuple]:
        with open(self.path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            for line_number, values in enumerate(reader, start=2):
                if len(values) != len(self.header):
                    values = (values + [""] * len(self.header))[:len(self.header)]
                if self.guarded:
                    for i in self._text_index:
                        values[i] = unguard(values[i])
                key = tuple(_key_part(values[i], is_int)
                            for i, is_int in zip(self._key_index, self._key_is_int))
                yield key, line_number, values

    def is_sorted(self) -> bool:
        previous = None
        for key, _line, _values in self._records():
            if previous is not None and key < previous:
                return False
            previous = key
        return True

    def rows(self) -> Iterator[tuple]:
        """(key, line number, values) in key order: streamed if the file is sorted."""
        if self.is_sorted():
            return self._records()
        return iter(sorted(self._records(), key=lambda record: (record[0], record[1])))


# --------------------------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------------------------

@dataclass
class Tolerance:
    """Double tolerance: equal if within rel, or within abs (per-column abs overrides)."""
    rel: float = 1e-9
    abs: float = 1e-12
    abs_by_column: dict = field(default_factory=dict)

    def close(self, column: str, a: float, b: float) -> bool:
        if a == b or (math.isnan(a) and math.isnan(b)):
            return True
        return math.isclose(a, b, rel_tol=self.rel, abs_tol=self.abs_by_column.get(column, self.abs))


@dataclass
class CompareResult:
    """Outcome of a comparison: counts plus the first differences, human-readable."""
    expected_path: str
    actual_path: str
    rows_expected: int = 0
    rows_actual: int = 0
    rows_matched: int = 0
    difference_count: int = 0
    differences: list = field(default_factory=list)
    max_differences: int = 20

    @property
    def equal(self) -> bool:
        return self.difference_count == 0

    def add(self, message: str) -> None:
        self.difference_count += 1
        if len(self.differences) < self.max_differences:
            self.differences.append(message)

    def report(self) -> str:
        head = (f"{self.expected_path} vs {self.actual_path}: {self.rows_expected} vs "
                f"{self.rows_actual} rows, {self.rows_matched} matched by key, "
                f"{self.difference_count} difference(s)")
        lines = [head] + [f"  - {message}" for message in self.differences]
        if self.difference_count > len(self.differences):
            lines.append(f"  ... {self.difference_count - len(self.differences)} more")
        return "\n".join(lines)


def values_equal(column: str, expected: str, actual: str, spec: TableSpec, tolerance: Tolerance) -> bool:
    """Whether two CSV fields of a column are equal under the column's type (empty = NULL)."""
    if expected == "" or actual == "":
        return expected == actual
    if column in spec.doubles:
        try:
            return tolerance.close(column, float(expected), float(actual))
        except ValueError:
            return expected == actual
    if column in spec.ints:
        try:
            return int(expected) == int(actual)
        except ValueError:
            return expected == actual
    return expected == actual


def _show_key(spec: TableSpec, key: tuple) -> str:
    return "(" + ", ".join(f"{name}={part[1]}" for name, part in zip(spec.keys, key)) + ")"


def _describe(column: str, expected: str, actual: str, spec: TableSpec) -> str:
    text = f"{column}: expected {expected!r}, actual {actual!r}"
    if column in spec.doubles and expected and actual:
        try:
            a, b = float(expected), float(actual)
            text += f" (abs diff {abs(a - b):.3g}, rel {abs(a - b) / max(abs(a), abs(b), 1e-300):.3g})"
        except ValueError:
            pass
    return text


def compare_files(expected_path: str, actual_path: str, spec: TableSpec, *,
                  columns: list | None = None, tolerance: Tolerance | None = None,
                  aurum_side: str = "actual", max_differences: int = 20) -> CompareResult:
    """Compare two CSV files of one table.

    columns: the columns to compare (default: all; a column missing on one side is a
    difference). aurum_side: 'actual', 'expected' or 'none' -- whose text values carry
    Aurum's formula guard.
    """
    tolerance = tolerance or Tolerance()
    expected = CsvSide(expected_path, spec, guarded=aurum_side == "expected")
    actual = CsvSide(actual_path, spec, guarded=aurum_side == "actual")
    result = CompareResult(expected_path, actual_path, max_differences=max_differences)
    compared = _columns_to_compare(expected, actual, columns, result)
    pairs = [(name, expected.header.index(name), actual.header.index(name)) for name in compared]
    _merge(expected.rows(), actual.rows(), spec, pairs, tolerance, result)
    return result


def _columns_to_compare(expected: CsvSide, actual: CsvSide, columns, result: CompareResult) -> list:
    if columns is None:
        for name in expected.header:
            if name not in actual.header:
                result.add(f"column {name!r} missing from {actual.path}")
        for name in actual.header:
            if name not in expected.header:
                result.add(f"column {name!r} not expected (only in {actual.path})")
        columns = [name for name in expected.header if name in actual.header]
    missing = [name for name in columns if name not in expected.header or name not in actual.header]
    if missing:
        raise ValueError(f"column(s) {missing} not in both headers")
    return list(columns)


_END = object()


def _merge(expected_rows, actual_rows, spec, pairs, tolerance, result: CompareResult) -> None:
    left, right = next(expected_rows, _END), next(actual_rows, _END)
    previous_left = previous_right = None
    while left is not _END or right is not _END:
        if right is _END or (left is not _END and left[0] < right[0]):
            result.rows_expected += 1
            result.add(f"row {_show_key(spec, left[0])} only in expected (line {left[1]})")
            previous_left, left = left[0], next(expected_rows, _END)
        elif left is _END or right[0] < left[0]:
            result.rows_actual += 1
            result.add(f"row {_show_key(spec, right[0])} only in actual (line {right[1]})")
            previous_right, right = right[0], next(actual_rows, _END)
        else:
            result.rows_expected += 1
            result.rows_actual += 1
            result.rows_matched += 1
            _compare_row(left, right, spec, pairs, tolerance, result)
            if left[0] == previous_left or right[0] == previous_right:
                result.add(f"duplicate key {_show_key(spec, left[0])}")
            previous_left, previous_right = left[0], right[0]
            left, right = next(expected_rows, _END), next(actual_rows, _END)


def _compare_row(left, right, spec, pairs, tolerance, result: CompareResult) -> None:
    for name, left_index, right_index in pairs:
        a, b = left[2][left_index], right[2][right_index]
        if not values_equal(name, a, b, spec, tolerance):
            result.add(f"row {_show_key(spec, left[0])} (lines {left[1]}/{right[1]}) "
                       + _describe(name, a, b, spec))


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------

def _spec_from_args(args) -> TableSpec:
    name = args.table or os.path.splitext(os.path.basename(args.expected))[0]
    base = TABLES.get(name)
    if base is None and not args.keys:
        raise SystemExit(f"compare.py: unknown table {name!r}: pass --table or --keys")
    split = lambda text: [part for part in text.split(",") if part]  # noqa: E731
    return TableSpec(
        tuple(split(args.keys)) if args.keys else base.keys,
        frozenset(split(args.ints)) if args.ints is not None else (base.ints if base else frozenset()),
        frozenset(split(args.doubles)) if args.doubles is not None else (base.doubles if base else frozenset()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Compare two CSV exports of one Aurum table.")
    parser.add_argument("expected", help="reference CSV (e.g. the DuckDB oracle's)")
    parser.add_argument("actual", help="CSV under test (e.g. Aurum's export)")
    parser.add_argument("--table", help="table name (default: the expected file's stem)")
    parser.add_argument("--keys", help="comma-separated key columns (overrides the table's)")
    parser.add_argument("--ints", help="comma-separated integer columns (overrides)")
    parser.add_argument("--doubles", help="comma-separated double columns (overrides)")
    parser.add_argument("--columns", help="comma-separated columns to compare (default: all)")
    parser.add_argument("--aurum-side", choices=["actual", "expected", "none"], default="actual",
                        help="which file carries Aurum's formula guard (default: actual)")
    parser.add_argument("--rel-tol", type=float, default=1e-9)
    parser.add_argument("--abs-tol", type=float, default=1e-12)
    parser.add_argument("--max-diffs", type=int, default=20, help="differences to print")
    args = parser.parse_args(argv)
    spec = _spec_from_args(args)
    try:
        result = compare_files(args.expected, args.actual, spec,
                               columns=args.columns.split(",") if args.columns else None,
                               tolerance=Tolerance(args.rel_tol, args.abs_tol),
                               aurum_side=args.aurum_side, max_differences=args.max_diffs)
    except (OSError, ValueError) as error:
        print(f"compare.py: {error}", file=sys.stderr)
        return 2
    print(result.report())
    return 0 if result.equal else 1


if __name__ == "__main__":
    sys.exit(main())
