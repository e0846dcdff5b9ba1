"""The date functions and greatest/least on random dates against DuckDB (the oracle), beyond the data's few
months: ISO weeks and %U/%W at every kind of year end, month arithmetic from every day of the month, date_diff in
every unit across long spans and short ones. One `SELECT` without FROM per pair of dates; seeded, so a failure
prints a query that reproduces it.
"""
import csv
import datetime
import io
import random

import duckdb

from conftest import aurum

EXPRESSIONS = [
    "extract(week FROM {d})", "extract(isoyear FROM {d})", "extract(doy FROM {d})", "extract(dow FROM {d})",
    "extract(isodow FROM {d})", "extract(quarter FROM {d})", "yearweek({d})",
    "strftime({d}, '%U %W %V %G %j %a %A %b %B %-d %-m %y %Y %u %w')", "dayname({d})", "monthname({d})",
    "last_day({d})", "{d} + INTERVAL ({n}) MONTH", "{d} - INTERVAL ({n}) QUARTER", "{d} + INTERVAL ({n}) YEAR",
    "{d} + INTERVAL ({n}) WEEK", "{d} - INTERVAL ({n}) DAY", "date_diff('week', {d}, {e})",
    "date_diff('month', {d}, {e})", "date_diff('quarter', {d}, {e})", "date_diff('year', {d}, {e})",
    "date_diff('day', {d}, {e})", "greatest({d}, {e})", "least({d}, {e}, NULL)",
    "date_trunc('week', {d}) + INTERVAL 6 DAY", "make_date(year({d}), month({d}), 1)", "date_trunc('week', {d})",
    "date_trunc('day', {d})", "date_trunc('month', {d})", "date_trunc('quarter', {d})", "date_trunc('year', {d})",
]


def _dates(seed, count):
    rng = random.Random(seed)
    start = datetime.date(1900, 1, 1)
    for _ in range(count):
        d = start + datetime.timedelta(rng.randint(0, 73_000))
        # Half the pairs are close (weeks and month ends), half far apart.
        e = d + datetime.timedelta(rng.randint(-40, 40)) if rng.random() < 0.5 else start + datetime.timedelta(rng.randint(0, 73_000))
        yield d, e, rng.randint(-30, 30)


def test_date_functions_equal_duckdb_on_random_dates(sample_store):
    con = duckdb.connect()
    differences = []
    for d, e, n in _dates(seed=20261204, count=60):
        items = [x.format(d=f"DATE '{d.isoformat()}'", e=f"DATE '{e.isoformat()}'", n=n) for x in EXPRESSIONS]
        sql = "SELECT " + ", ".join(f"{item} AS c{index}" for index, item in enumerate(items))
        expected = con.sql(sql).fetchall()[0]
        result = aurum("query", sql, "--format", "csv", store=sample_store, check=False)
        assert result.returncode == 0, f"{sql}\n{result.stderr}"
        actual = list(csv.reader(io.StringIO(result.stdout)))[1]
        for item, want, got in zip(items, expected, actual):
            if isinstance(want, datetime.datetime):  # DuckDB's TIMESTAMP at midnight: Aurum keeps a DATE
                want = want.date()
            text = want.isoformat() if isinstance(want, datetime.date) else str(want)
            if text != got:
                differences.append(f"{item}: DuckDB {text}, Aurum {got}")
    assert not differences, "\n".join(differences[:20])
